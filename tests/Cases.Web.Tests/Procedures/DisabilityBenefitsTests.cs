using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// disability-benefits — 伤残待遇核定 (第五十七、七十五～七十八条): the officer checks 第五十七条's conditions, the
/// calculators compute from the committee's conclusion, a reviewer who did not check approves, and the monthly items
/// become entitlements from the month after the appraisal; a re-appraisal changes them from the month after it.
/// </summary>
public abstract partial class DisabilityBenefitsScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "disability-benefits";

    private static readonly string[] AllPapers = ["application", "appraisal-conclusion", "account"];

    private static object[] TwelveMonthsAt(decimal wage) =>
        [.. Enumerable.Range(0, 12).Select(i => (object)new { month = new DateOnly(2023, 3, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), amount = wage })];

    private static object Checked(decimal wage = 6_000m, bool medicalSubsidyPaid = false) => new
    {
        insuredWhenInjured = true, employmentOngoing = true, medicalSubsidyPaid, wages = TwelveMonthsAt(wage),
        provincialAverageMonthlyWage = 7_500m, minimumWage = 2_200m, careAverageMonthlyWage = 7_800m,
        payeeAccount = "6222021602001234568", payeeBank = "中国工商银行济南分行",
    };

    /// <summary>
    /// The committee's conclusion recorded on the injury case (第七十八条: a re-appraisal replaces it), then an application
    /// opened on it: the grade, the self-care level and the day come from the injury case, not from the officer.
    /// </summary>
    private async Task<(string InjuryCaseId, Guid CaseId)> ApplyAsync(int grade, string selfCareLevel, string appraisedOn, string? injuryCaseId = null, string[]? materials = null)
    {
        var officer = await App.As("officer.jinan");
        injuryCaseId ??= await TestInjuries.RegisterWithNewWorkerAsync(officer, TestParties.NewIdNumber(), "周立军");
        await (await officer.PostJsonAsync($"/api/injury-cases/{injuryCaseId}/appraisal", new { disabilityGrade = grade, selfCareLevel, appraisedOn, conclusionNumber = "济劳鉴〔" + appraisedOn[..4] + "〕" + grade + "号" })).JsonAsync(HttpStatusCode.OK);
        var caseId = await StartAsync(Key, new { injuryCaseId, applicant = "worker", appliedOn = appraisedOn, materialsReceived = materials ?? AllPapers });
        var data = (await CaseAsync(caseId)).GetProperty("data");
        Assert.Equal((grade.ToString(System.Globalization.CultureInfo.InvariantCulture), selfCareLevel, appraisedOn), (data.GetProperty("disabilityGrade").ToString(), data.Str("selfCareLevel"), data.Str("appraisedOn")));
        return (injuryCaseId, caseId);
    }

    private async Task<JsonElement[]> EntitlementsAsync(string injuryCaseId) =>
        [.. (await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements?injuryCaseId={injuryCaseId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    private async Task<(string Benefit, decimal Amount, string Payee, string Status)[]> OrdersAsync(string injuryCaseId) =>
        [.. (await (await (await App.As("officer.jinan")).GetAsync($"/api/payments?injuryCaseId={injuryCaseId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(o => (o.Str("benefit")!, o.GetProperty("amount").GetDecimal(), o.Str("payee")!, o.Str("status")!)).OrderBy(o => o.Item1, StringComparer.Ordinal)];

    [Fact]
    public async Task A_grade_3_worker_mostly_dependent_gets_the_subsidy_the_allowance_and_nursing_care_from_the_month_after_the_appraisal()
    {
        At("2026-03-16 09:00");
        var (injuryCaseId, caseId) = await ApplyAsync(3, "major", "2026-03-10");
        var check = Task(await CaseAsync(caseId));
        Assert.Equal(("check", "officer", "第五十七条"), (check.Str("state"), check.Str("role"), check.Str("basis")));

        var approve = Task(await CompleteAsync(check, "eligible", Checked()));
        Assert.Equal(("approve", "reviewer"), (approve.Str("state"), approve.Str("role")));
        var data = (await CaseAsync(caseId)).GetProperty("data");

        // Hand computation (第七十七条; 《工伤保险条例》第三十五条): the 12 months' average 6,000.00 lies inside 60%–300% of the
        // provincial average 7,500.00 (4,500–22,500), so the wage base is 6,000.00.
        // 一次性伤残补助金, grade 3: 23 months × 6,000.00 = 138,000.00.
        // 伤残津贴, grade 3: 80% × 6,000.00 = 4,800.00, above the minimum wage 2,200.00: no top-up; the fund pays (grades 1–4).
        // 生活护理费, 生活大部分不能自理: 40% × 7,800.00 = 3,120.00 (第七十五条; 《工伤保险条例》第三十四条).
        Assert.Equal((138_000.00m, 4_800.00m, "fund", 3_120.00m),
            (data.GetProperty("lumpSum").GetDecimal(), data.GetProperty("monthlyAllowance").GetDecimal(), data.Str("allowancePayer"), data.GetProperty("nursingMonthly").GetDecimal()));
        Assert.Empty(await EntitlementsAsync(injuryCaseId));

        var decided = await CompleteAsync(approve, "approved", null, "reviewer.jinan");
        Assert.Equal("decided", decided.Str("endOutcome"));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "disability-benefits-decided");

        // The one-time subsidy is ordered to the worker's card in the approving step (第七十六条, 第九十四条), for the batch.
        Assert.Equal([("disability-lump-sum", 138_000.00m, "周立军", "pending")], await OrdersAsync(injuryCaseId));

        // 第七十五条: both run from the month after the conclusion of 2026-03-10, i.e. from April.
        var entitlements = await EntitlementsAsync(injuryCaseId);
        Assert.Equal(
            [("disability-allowance", 4_800.00m, "2026-04", "active", "第七十五条"), ("nursing-care", 3_120.00m, "2026-04", "active", "第七十五条")],
            entitlements.Select(e => (e.Str("benefit")!, e.GetProperty("monthlyAmount").GetDecimal(), e.Str("fromMonth")!, e.Str("status")!, e.Str("article")!)).OrderBy(e => e.Item1, StringComparer.Ordinal));
        Assert.All(entitlements, e => Assert.Equal(("周立军", caseId.ToString()), (e.Str("recipientName"), e.Str("caseId"))));
        Assert.All(entitlements, e => Assert.Contains("********", e.Str("recipientIdNumber"), StringComparison.Ordinal));
        Assert.Contains((await App.JournalAsync(caseId)), j => j.Action == "entitlement-recorded");

        // The injury case's page shows them in words: the benefit by name, the amount in 元, the month as a China month.
        var page = await (await (await App.As("officer.jinan")).GetAsync($"/injury-cases/{injuryCaseId}")).Content.ReadAsStringAsync();
        var section = page[page.IndexOf("data-testid=\"entitlements-section\"", StringComparison.Ordinal)..];
        Assert.Contains("伤残津贴", section, StringComparison.Ordinal);
        Assert.Contains("¥4,800.00", section, StringComparison.Ordinal);
        Assert.Contains("2026年4月", section, StringComparison.Ordinal);
        Assert.Contains("发放中", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_re_appraisal_to_grade_5_stops_the_funds_allowance_and_nursing_care_from_the_month_after_it_and_keeps_what_was_paid()
    {
        At("2026-03-16 09:00");
        var (injuryCaseId, first) = await ApplyAsync(4, "partial", "2026-03-10");
        var approve = Task(await CompleteAsync(Task(await CaseAsync(first)), "eligible", Checked()));
        await CompleteAsync(approve, "approved", null, "reviewer.jinan");

        // 复查鉴定 on 2027-01-20: grade 5, no self-care impairment. Grades 5–6 are paid by the employer (第七十九条), so the
        // fund's allowance stops from February, and nursing care with it (第七十八条: months paid before are not touched).
        At("2027-01-25 09:00");
        var (_, second) = await ApplyAsync(5, "none", "2027-01-20", injuryCaseId);
        var secondApprove = Task(await CompleteAsync(Task(await CaseAsync(second)), "eligible", Checked()));
        Assert.Equal("employer", (await CaseAsync(second)).GetProperty("data").Str("allowancePayer"));
        await CompleteAsync(secondApprove, "approved", null, "reviewer.jinan");

        var entitlements = await EntitlementsAsync(injuryCaseId);
        Assert.Equal(
            [("disability-allowance", "stopped", "2026-04", "2027-01"), ("nursing-care", "stopped", "2026-04", "2027-01")],
            entitlements.Select(e => (e.Str("benefit")!, e.Str("status")!, e.Str("fromMonth")!, e.Str("toMonth")!)).OrderBy(e => e.Item1, StringComparer.Ordinal));
        var allowance = Assert.Single(entitlements, e => e.Str("benefit") == "disability-allowance");
        Assert.Equal(
            [("granted", "2026-04", 4_500.00m), ("account-recorded", "2026-04", 4_500.00m), ("stopped", "2027-02", 0m)],
            allowance.GetProperty("history").EnumerateArray().Select(h => (h.Str("kind")!, h.Str("fromMonth")!, h.GetProperty("monthlyAmount").GetDecimal())));
    }

    [Fact]
    public async Task An_injury_case_without_an_appraisal_opens_no_benefits_case()
    {
        At("2026-03-16 09:00");
        var injuryCaseId = await TestInjuries.RegisterWithNewWorkerAsync(await App.As("officer.jinan"), TestParties.NewIdNumber(), "吴国庆");
        await (await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new { procedure = Key, city = "370100", data = new { injuryCaseId, applicant = "worker", appliedOn = "2026-03-16", materialsReceived = AllPapers } }))
            .FieldErrorAsync("data.disabilityGrade");
    }

    [Fact]
    public async Task A_worker_who_took_the_medical_subsidy_is_refused_with_the_article_and_nothing_is_granted()
    {
        At("2026-03-16 09:00");
        var (injuryCaseId, caseId) = await ApplyAsync(3, "none", "2026-03-10");
        var check = Task(await CaseAsync(caseId));
        var refused = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "eligible", Checked(medicalSubsidyPaid: true)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第六十条", refused.Str("detail"), StringComparison.Ordinal);

        var ended = await CompleteAsync(check, "refused", new { checkNote = "已于2025年领取一次性工伤医疗补助金，工伤保险关系终止" });
        Assert.Equal("refused", ended.Str("endOutcome"));
        Assert.Empty(await EntitlementsAsync(injuryCaseId));
    }

    [Fact]
    public async Task Another_citys_officer_sees_no_entitlement_and_a_bad_filter_names_its_field()
    {
        At("2026-03-16 09:00");
        var (injuryCaseId, caseId) = await ApplyAsync(2, "none", "2026-03-10");
        await CompleteAsync(Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", Checked())), "approved", null, "reviewer.jinan");
        var id = Assert.Single(await EntitlementsAsync(injuryCaseId)).Str("id");

        var qingdao = await App.As("officer.qingdao");
        await (await qingdao.GetAsync($"/api/entitlements/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await qingdao.GetAsync($"/api/entitlements?injuryCaseId={injuryCaseId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        var officer = await App.As("officer.jinan");
        await (await officer.GetAsync("/api/entitlements?status=paused")).FieldErrorAsync("status");
        await (await officer.GetAsync("/api/entitlements?injuryCaseId=IC-1")).FieldErrorAsync("injuryCaseId");
    }
}

public sealed class DisabilityBenefitsOnSqlite(SqliteRuntimeApp app) : DisabilityBenefitsScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class DisabilityBenefitsOnPostgres(PostgresRuntimeApp app) : DisabilityBenefitsScenarios(app), IClassFixture<PostgresRuntimeApp>;
