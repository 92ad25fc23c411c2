using System.Net;
using System.Text.Json;
using Cases.Domain.Parties;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// death-benefits — 工亡待遇与供养亲属抚恤金核定 (第五十八、八十二～八十八条): the dependants' papers asked for only when
/// there are dependants, the three benefits computed with each dependant's share, and each pension an entitlement from the
/// month after the death carrying a child's 18th birthday (第六十二条（二）); the choice of 第八十八条 is honoured.
/// </summary>
public abstract partial class DeathBenefitsScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "death-benefits";

    private static readonly string[] DeathPapers = ["application", "death-papers", "designated-account"];

    private static readonly string[] AllPapers = [.. DeathPapers, "relationship-proof", "pension-pledge", "dependant-accounts"];

    private static string Born(string yyyymmdd, string sequence) => "370102" + yyyymmdd + sequence + IdNumber.ComputeCheckDigit("370102" + yyyymmdd + sequence);

    private static readonly string OlderChild = Born("20090615", "021");

    private static object[] Family() =>
    [
        new { name = "刘美华", idNumber = TestParties.NewIdNumber(), relation = "spouse", orphanOrSolitaryElder = false },
        new { name = "周子涵", idNumber = OlderChild, relation = "child", orphanOrSolitaryElder = false },
        new { name = "周子轩", idNumber = Born("20150901", "013"), relation = "child", orphanOrSolitaryElder = false },
    ];

    private static object Checked(string pensionChoice = "work-injury", string[]? materialsReceived = null) => new
    {
        materialsReceived = materialsReceived ?? AllPapers, pensionChoice, afterPaidLeave = false,
        wages = Enumerable.Range(0, 12).Select(i => new { month = new DateOnly(2023, 3, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), amount = 6_000m }).ToArray(),
        nationalUrbanDisposableIncome = 51_821m, provincialAverageMonthlyWageAtDeath = 8_000m, provincialAverageMonthlyWageAtInjury = 7_500m,
        payeeName = "刘美华", payeeAccount = "6222021602001234568", payeeBank = "中国工商银行济南分行",
    };

    private async Task<(string InjuryCaseId, Guid CaseId)> ApplyAsync(object[] dependants, string[] materials)
    {
        var injuryCaseId = await TestInjuries.RegisterWithNewWorkerAsync(await App.As("officer.jinan"), TestParties.NewIdNumber(), "周建民");
        var caseId = await StartAsync(Key, new { injuryCaseId, applicant = "next-of-kin", appliedOn = "2026-03-02", deathOn = "2026-02-20", hasDependants = dependants.Length > 0, dependants, materialsReceived = materials });
        return (injuryCaseId, caseId);
    }

    private async Task<JsonElement[]> PensionsAsync(string injuryCaseId) =>
        [.. (await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements?injuryCaseId={injuryCaseId}&benefit=dependants-pension")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    private async Task<(string Benefit, decimal Amount, string Payee, string Status)[]> OrdersAsync(string injuryCaseId) =>
        [.. (await (await (await App.As("officer.jinan")).GetAsync($"/api/payments?injuryCaseId={injuryCaseId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(o => (o.Str("benefit")!, o.GetProperty("amount").GetDecimal(), o.Str("payee")!, o.Str("status")!)).OrderBy(o => o.Item1, StringComparer.Ordinal)];

    [Fact]
    public async Task A_death_with_a_spouse_and_two_children_grants_three_pensions_from_the_next_month_and_the_older_child_carries_the_18th_birthday()
    {
        At("2026-03-02 09:00");
        var (injuryCaseId, caseId) = await ApplyAsync(Family(), DeathPapers);

        // With dependants, 第八十六条's papers are asked for: the officer cannot decide before they are in.
        var check = Task(await CaseAsync(caseId));
        var missing = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "eligible", Checked(materialsReceived: DeathPapers))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("3项必需材料未收到", missing.Str("detail"), StringComparison.Ordinal);
        var approve = Task(await CompleteAsync(check, "eligible", Checked()));

        // Hand computation (第八十二条; 《工伤保险条例》第三十九条): the wage base is the 12 months' average 6,000.00 (inside
        // 60%–300% of 7,500.00). 一次性工亡补助金 = 20 × 51,821.00 = 1,036,420.00; 丧葬补助金 = 6 × 8,000.00 = 48,000.00;
        // pensions: spouse 40% = 2,400.00, each child 30% = 1,800.00; the rates sum to 100%, so nothing is scaled
        // (第八十四条) and the total 6,000.00 does not exceed the base.
        var data = (await CaseAsync(caseId)).GetProperty("data");
        Assert.Equal((1_036_420.00m, 48_000.00m, 6_000.00m), (data.GetProperty("deathLumpSum").GetDecimal(), data.GetProperty("funeralGrant").GetDecimal(), data.GetProperty("pensionTotal").GetDecimal()));
        Assert.Equal([2_400.00m, 1_800.00m, 1_800.00m], data.GetProperty("dependants").EnumerateArray().Select(d => d.GetProperty("monthlyAmount").GetDecimal()));

        Assert.Equal("decided", (await CompleteAsync(approve, "approved", null, "reviewer.jinan")).Str("endOutcome"));

        // Both one-time grants go to the one account the next of kin designated (第八十五条), as orders of the approving step.
        Assert.Equal([("death-lump-sum", 1_036_420.00m, "刘美华", "pending"), ("funeral-grant", 48_000.00m, "刘美华", "pending")], await OrdersAsync(injuryCaseId));
        var pensions = await PensionsAsync(injuryCaseId);
        Assert.Equal(
            [("刘美华", "spouse", 2_400.00m), ("周子涵", "child", 1_800.00m), ("周子轩", "child", 1_800.00m)],
            pensions.Select(p => (p.Str("recipientName")!, p.Str("relation")!, p.GetProperty("monthlyAmount").GetDecimal())).OrderBy(p => p.Item1, StringComparer.Ordinal));
        Assert.All(pensions, p => Assert.Equal(("2026-03", "active", "第八十二条"), (p.Str("fromMonth"), p.Str("status"), p.Str("article"))));

        // 第六十二条（二）: the older child turns 18 on 2027-06-15, which the certification checks; the spouse has no such end.
        Assert.Equal("2027-06-15", Assert.Single(pensions, p => p.Str("recipientName") == "周子涵").Str("adulthoodOn"));
        Assert.Equal(JsonValueKind.Null, Assert.Single(pensions, p => p.Str("recipientName") == "刘美华").GetProperty("adulthoodOn").ValueKind);
    }

    [Fact]
    public async Task Next_of_kin_who_choose_the_pension_schemes_benefits_get_no_work_injury_pension_and_without_dependants_no_dependant_papers_are_asked()
    {
        At("2026-03-02 09:00");
        var (injuryCaseId, caseId) = await ApplyAsync([], DeathPapers);
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", Checked("basic-pension", DeathPapers)));
        Assert.Equal("decided", (await CompleteAsync(approve, "approved", null, "reviewer.jinan")).Str("endOutcome"));
        Assert.Empty(await PensionsAsync(injuryCaseId));

        // 第八十八条: the pension scheme's funeral grant instead of the fund's; the one-time death subsidy is the fund's either way.
        Assert.Equal([("death-lump-sum", 1_036_420.00m, "刘美华", "pending")], await OrdersAsync(injuryCaseId));

        // 第八十八条 with dependants: the choice of the pension scheme leaves the fund's pensions out.
        var (familyInjury, familyCase) = await ApplyAsync(Family(), AllPapers);
        await CompleteAsync(Task(await CompleteAsync(Task(await CaseAsync(familyCase)), "eligible", Checked("basic-pension"))), "approved", null, "reviewer.jinan");
        Assert.Empty(await PensionsAsync(familyInjury));
    }
}

public sealed class DeathBenefitsOnSqlite(SqliteRuntimeApp app) : DeathBenefitsScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class DeathBenefitsOnPostgres(PostgresRuntimeApp app) : DeathBenefitsScenarios(app), IClassFixture<PostgresRuntimeApp>;
