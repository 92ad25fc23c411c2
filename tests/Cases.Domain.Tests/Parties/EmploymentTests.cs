using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Parties;

/// <summary>A worker's insured period (第十一条): the 30 days to file, the end and its kind, and the guards.</summary>
public sealed class EmploymentTests
{
    private static readonly Guid Worker = Guid.NewGuid();
    private static readonly Guid Employer = Guid.NewGuid();

    private static Employment Filed(string employedOn, string filedOn, string? dueOn = null)
    {
        var employed = DateOnly.Parse(employedOn, System.Globalization.CultureInfo.InvariantCulture);
        var due = dueOn is null ? Employment.NominalFilingDueOn(employed) : DateOnly.Parse(dueOn, System.Globalization.CultureInfo.InvariantCulture);
        return Employment.File(Worker, Employer, employed, DateOnly.Parse(filedOn, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Theory]
    [InlineData("2025-05-10", "2025-06-09", 0)]
    [InlineData("2025-05-10", "2025-06-10", 1)]
    [InlineData("2025-05-10", "2025-06-20", 11)]
    [InlineData("2025-05-10", "2025-05-10", 0)]
    public void A_filing_after_the_thirty_days_is_accepted_and_counts_the_days_late(string employedOn, string filedOn, int late)
    {
        var period = Filed(employedOn, filedOn);
        Assert.Equal(new DateOnly(2025, 6, 9), period.FilingDueOn);
        Assert.Equal(late, period.FilingDaysLate);
        Assert.True(period.IsOpen);
    }

    [Fact]
    public void A_last_day_moved_past_a_rest_day_is_honoured_and_one_before_the_thirty_days_is_refused()
    {
        // Employed 2025-09-01: day 30 is 2025-10-01 (National Day); the calendar moves it to 2025-10-09.
        Assert.Equal(0, Filed("2025-09-01", "2025-10-09", "2025-10-09").FilingDaysLate);
        var refused = Assert.Throws<DomainValidationException>(() => Filed("2025-09-01", "2025-10-09", "2025-09-30"));
        Assert.Equal("filingDueOn", refused.Field);
    }

    [Fact]
    public void A_filing_before_the_day_of_employment_is_refused_at_employedOn()
    {
        var refused = Assert.Throws<DomainValidationException>(() => Filed("2025-07-01", "2025-06-20"));
        Assert.Equal("employedOn", refused.Field);
    }

    [Fact]
    public void The_end_is_guarded_and_filed_once()
    {
        var period = Filed("2025-05-10", "2025-05-20");
        Assert.Equal("endedOn", Assert.Throws<DomainValidationException>(() => period.End(new DateOnly(2025, 5, 9), EmploymentEndKind.Interrupted, new DateOnly(2025, 6, 1))).Field);
        Assert.Equal("endedOn", Assert.Throws<DomainValidationException>(() => period.End(new DateOnly(2025, 6, 2), EmploymentEndKind.Interrupted, new DateOnly(2025, 6, 1))).Field);
        Assert.Equal("kind", Assert.Throws<DomainValidationException>(() => period.End(new DateOnly(2025, 5, 31), null, new DateOnly(2025, 6, 1))).Field);
        Assert.True(period.IsOpen);

        // Ended on 31 May, filed on 1 June: not in the month employment stopped (第十一条: 当月办理).
        period.End(new DateOnly(2025, 5, 31), EmploymentEndKind.Retired, new DateOnly(2025, 6, 1));
        Assert.False(period.IsOpen);
        Assert.Equal(EmploymentEndKind.Retired, period.EndKind);
        Assert.True(period.EndFiledLate);
        Assert.Throws<DomainRuleException>(() => period.End(new DateOnly(2025, 5, 31), EmploymentEndKind.Retired, new DateOnly(2025, 6, 1)));
    }
}
