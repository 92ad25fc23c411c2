using Cases.Domain.Parties;
using Cases.Domain.Projects;

namespace Cases.Domain.Tests.Projects;

public sealed class ConstructionProjectTests
{
    private static readonly CreditCode Contractor = CreditCode.Parse("91370200163562681G");

    private static ConstructionProject Project(DateOnly startsOn, DateOnly endsOn, decimal totalCost = 12_000_000m) =>
        ConstructionProject.Register("JN-2024-0001", "济南某住宅项目", Contractor, City.Jinan, startsOn, endsOn, totalCost);

    [Fact]
    public void TermExtensionDeadline_is_15_calendar_days_before_the_contract_end()
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));

        Assert.Equal(new DateOnly(2025, 2, 23), project.TermExtensionDeadline);
    }

    [Fact]
    public void TermExtensionDeadline_is_not_moved_off_a_weekend()
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));

        Assert.Equal(DayOfWeek.Sunday, project.TermExtensionDeadline.DayOfWeek);
    }

    [Fact]
    public void IsExtensionOnTime_accepts_the_deadline_day_and_refuses_the_next()
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));

        Assert.True(project.IsExtensionOnTime(new DateOnly(2025, 2, 23)));
        Assert.False(project.IsExtensionOnTime(new DateOnly(2025, 2, 24)));
    }

    [Fact]
    public void Register_records_checked_values()
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));

        Assert.Equal("JN-2024-0001", project.ProjectCode);
        Assert.Equal(Contractor, project.GeneralContractorCreditCode);
        Assert.Equal("370100", project.CityCode);
        Assert.Equal(12_000_000m, project.TotalCost);
        Assert.Equal(new DateOnly(2025, 3, 10), project.InsuranceTermEndsOn);
        Assert.Null(project.CompletedOn);
    }

    [Fact]
    public void Register_refuses_end_before_start()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Project(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 9)));

        Assert.Equal("contractEndsOn", ex.Field);
        Assert.Equal("Contract end 2025-03-09 is before contract start 2025-03-10.", ex.Message);
    }

    [Fact]
    public void Register_accepts_one_day_period() =>
        Assert.Equal(new DateOnly(2025, 3, 10), Project(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 10)).ContractEndsOn);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Register_refuses_total_cost_not_above_zero(decimal cost)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Project(new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), cost));

        Assert.Equal("totalCost", ex.Field);
        Assert.Equal($"Total cost must be greater than 0; got {cost}.", ex.Message);
    }

    [Fact]
    public void Register_refuses_blank_project_code()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ConstructionProject.Register(
            " ", "名称", Contractor, City.Jinan, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), 1m));

        Assert.Equal("projectCode", ex.Field);
        Assert.Equal("Project code is required.", ex.Message);
    }

    [Fact]
    public void Register_refuses_unset_contractor_credit_code()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ConstructionProject.Register(
            "P1", "名称", default, City.Jinan, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), 1m));

        Assert.Equal("generalContractorCreditCode", ex.Field);
    }

    [Fact]
    public void ExtendTo_moves_the_end_and_the_next_deadline()
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));

        project.ExtendTo(new DateOnly(2025, 6, 30));

        Assert.Equal(new DateOnly(2025, 6, 30), project.ContractEndsOn);
        Assert.Equal(new DateOnly(2025, 6, 15), project.TermExtensionDeadline);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(9)]
    public void ExtendTo_refuses_a_date_not_after_the_current_end(int day)
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));

        var ex = Assert.Throws<DomainValidationException>(() => project.ExtendTo(new DateOnly(2025, 3, day)));

        Assert.Equal("contractEndsOn", ex.Field);
        Assert.Equal($"New contract end 2025-03-{day:00} must be after the current end 2025-03-10.", ex.Message);
    }

    [Fact]
    public void CompleteEarly_ends_the_insurance_term_on_completion()
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));

        project.CompleteEarly(new DateOnly(2025, 1, 20));

        Assert.Equal(new DateOnly(2025, 1, 20), project.CompletedOn);
        Assert.Equal(new DateOnly(2025, 1, 20), project.InsuranceTermEndsOn);
        Assert.Equal(new DateOnly(2025, 3, 10), project.ContractEndsOn);
    }

    [Theory]
    [InlineData(2025, 3, 10)]
    [InlineData(2025, 4, 1)]
    [InlineData(2024, 2, 29)]
    public void CompleteEarly_refuses_a_date_outside_the_contract_period(int year, int month, int day)
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));

        var ex = Assert.Throws<DomainValidationException>(() => project.CompleteEarly(new DateOnly(year, month, day)));

        Assert.Equal("completedOn", ex.Field);
    }

    [Fact]
    public void Completed_project_cannot_be_extended_or_completed_again()
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));
        project.CompleteEarly(new DateOnly(2025, 1, 20));

        var extend = Assert.Throws<DomainRuleException>(() => project.ExtendTo(new DateOnly(2025, 6, 30)));
        var again = Assert.Throws<DomainRuleException>(() => project.CompleteEarly(new DateOnly(2025, 1, 21)));

        Assert.Contains("2025-01-20", extend.Message, StringComparison.Ordinal);
        Assert.Contains("already completed", again.Message, StringComparison.Ordinal);
    }
}
