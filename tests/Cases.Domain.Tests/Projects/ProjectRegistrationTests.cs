using Cases.Domain.Calendar;
using Cases.Domain.Parties;
using Cases.Domain.Projects;

namespace Cases.Domain.Tests.Projects;

/// <summary>
/// A project's 第九条 registration (papers, insured term), its premium of 第二十六、二十七条 and the real-name filing of
/// its workers (第十一条).
/// </summary>
public sealed class ProjectRegistrationTests
{
    private static readonly CreditCode Contractor = CreditCode.Parse("91370200163562681G");
    private static readonly DateOnly Start = new(2025, 10, 9);
    private static readonly DateOnly End = new(2026, 12, 31);

    // Weekends only (no holidays in these weeks): enough to count 30 calendar days and move a rest day on.
    private static readonly WorkingDayCalendar Calendar = new([2025, 2026], []);

    private static ConstructionProject Registered(bool workStarted = false, DateOnly? registeredOn = null, DateOnly? paidOn = null) =>
        ConstructionProject.Register("JN-2025-0009", "济南某安置房工程", Contractor, City.Jinan, Start, End, 50_000_000m,
            new ProjectRegistration("HT-2025-01", AwardNotices.WinningBid, workStarted, false, registeredOn ?? new DateOnly(2025, 9, 5), 75_000m, paidOn ?? new DateOnly(2025, 9, 5)));

    [Fact]
    public void A_project_registered_before_work_is_insured_from_the_start_of_works_to_the_contract_end()
    {
        var project = Registered();
        Assert.Equal((Start, End), (project.InsuredFrom, project.TermEndsOn));
        Assert.Equal(("HT-2025-01", AwardNotices.WinningBid, 75_000m), (project.ContractNumber, project.AwardNotice, project.Premium));
        Assert.False(project.PremiumPaidAfterStart);
    }

    [Fact]
    public void A_project_already_under_construction_is_insured_from_the_day_it_registered_and_its_late_premium_is_flagged()
    {
        // 第九条 第二款: 在建工程项目的工伤保险期限自参保之日起; 第二十七条: paid before work starts.
        var on = new DateOnly(2025, 11, 3);
        var project = Registered(workStarted: true, registeredOn: on, paidOn: on);
        Assert.Equal(on, project.InsuredFrom);
        Assert.True(project.PremiumPaidAfterStart);
    }

    [Fact]
    public void A_payment_on_the_start_day_itself_is_not_flagged() =>
        Assert.False(Registered(registeredOn: Start, paidOn: Start).PremiumPaidAfterStart);

    [Theory]
    [InlineData(null, AwardNotices.WinningBid, "contractNumber")]
    [InlineData("HT-1", "a-letter", "awardNotice")]
    [InlineData("HT-1", null, "awardNotice")]
    public void The_papers_are_named_on_failure(string? contractNumber, string? notice, string field)
    {
        var ex = Assert.Throws<DomainValidationException>(() => ConstructionProject.Register("JN-1", "工程", Contractor, City.Jinan, Start, End, 1m,
            new ProjectRegistration(contractNumber, notice, false, false, Start, 1m, Start)));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void A_finished_contract_a_premium_of_nothing_or_a_payment_after_the_registration_is_refused()
    {
        Assert.Equal("registeredOn", Assert.Throws<DomainValidationException>(() => Registered(registeredOn: End.AddDays(1), paidOn: End)).Field);
        Assert.Equal("premium", Assert.Throws<DomainValidationException>(() => ConstructionProject.Register("JN-1", "工程", Contractor, City.Jinan, Start, End, 1m,
            new ProjectRegistration("HT", AwardNotices.Assignment, false, false, Start, 0m, Start))).Field);
        Assert.Equal("premiumPaidOn", Assert.Throws<DomainValidationException>(() => Registered(registeredOn: Start, paidOn: Start.AddDays(1))).Field);
    }

    [Fact]
    public void A_worker_filed_within_30_days_is_on_time_and_a_rest_day_moves_the_last_day_on()
    {
        var project = Registered();
        // Employed Friday 10/10; the 30th day, Sunday 11/9, moves to Monday 11/10 (民法典 第二百零三条).
        var worker = ProjectWorker.File(project, IdNumber.Parse("370102198503120011"), "王建国", new DateOnly(2025, 10, 10), new DateOnly(2025, 11, 10), Calendar);
        Assert.Equal((new DateOnly(2025, 11, 10), false), (worker.FilingDeadline, worker.FiledLate));
        Assert.Equal("370102********0011", worker.IdNumber.Masked);
    }

    [Fact]
    public void A_worker_filed_after_30_days_is_accepted_and_flagged_late()
    {
        var worker = ProjectWorker.File(Registered(), IdNumber.Parse("370102198503120011"), "王建国", new DateOnly(2025, 10, 14), new DateOnly(2025, 11, 14), Calendar);
        Assert.Equal(new DateOnly(2025, 11, 13), worker.FilingDeadline);
        Assert.True(worker.FiledLate);
    }

    [Fact]
    public void Employment_outside_the_term_or_after_the_filing_is_refused_and_a_leaver_leaves_once()
    {
        var project = Registered();
        var id = IdNumber.Parse("370102198503120011");
        Assert.Equal("employedOn", Assert.Throws<DomainValidationException>(() => ProjectWorker.File(project, id, "王建国", Start.AddDays(-1), Start, Calendar)).Field);
        Assert.Equal("employedOn", Assert.Throws<DomainValidationException>(() => ProjectWorker.File(project, id, "王建国", Start.AddDays(5), Start.AddDays(4), Calendar)).Field);
        Assert.Equal("name", Assert.Throws<DomainValidationException>(() => ProjectWorker.File(project, id, " ", Start, Start, Calendar)).Field);

        var worker = ProjectWorker.File(project, id, "王建国", Start, Start.AddDays(3), Calendar);
        Assert.Equal("leftOn", Assert.Throws<DomainValidationException>(() => worker.Leave(Start.AddDays(-1))).Field);
        worker.Leave(Start.AddDays(20));
        Assert.Equal(Start.AddDays(20), worker.LeftOn);
        Assert.Throws<DomainRuleException>(() => worker.Leave(Start.AddDays(21)));
    }
}
