using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// medical-reimbursement — 工伤医疗（康复）费用手工报销 (第六十六～七十条): the officer checks the claim against 第六十九条 /
/// 第七十条, the bill is reviewed item by item against the three catalogues, the rehabilitation period, the end of the
/// employment and the recognition deadline, the meal subsidy and overseas costs are computed, a reviewer who did not
/// check approves, and each benefit becomes a payment order (第九十四条).
/// </summary>
public abstract partial class MedicalReimbursementScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "medical-reimbursement";

    private static readonly string[] AllPapers = ["receipts", "cost-list", "medical-records"];

    private static object Bill(string code, string date, decimal quantity, decimal amount, string kind = "medical") =>
        new { code, date, quantity, amount, kind, transfer = false };

    private static Dictionary<string, object?> Checked(object[] bills, string recognitionAppliedOn, int hospitalDays = 0, decimal? mealDailyStandard = null) => new()
    {
        ["recognitionAppliedOn"] = recognitionAppliedOn, ["insuredWhenInjured"] = true, ["treatmentPapersComplete"] = true, ["consistentWithInjury"] = true,
        ["thirdPartyCompensated"] = false, ["referral"] = false, ["bills"] = bills, ["hospitalDays"] = hospitalDays,
        ["mealDailyStandard"] = mealDailyStandard, ["overseas"] = false,
        ["payee"] = "周立军", ["payeeKind"] = "worker", ["payeeAccount"] = "6222021602001234568", ["payeeBank"] = "中国工商银行济南分行",
    };

    private async Task<(string InjuryCaseId, Guid CaseId)> ClaimAsync(string injuredOn, string? rehabStartsOn = null, string? rehabEndsOn = null)
    {
        var officer = await App.As("officer.jinan");
        var idNumber = TestParties.NewIdNumber();
        await (await officer.PostJsonAsync("/api/workers", new { idNumber, name = "周立军", employerCreditCode = TestInjuries.Hengda })).JsonAsync(HttpStatusCode.Created);
        var injury = await TestInjuries.RegisterAsync(officer, idNumber, injuredOn, DateOnly.Parse(injuredOn, System.Globalization.CultureInfo.InvariantCulture).AddDays(40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), rehabStartsOn, rehabEndsOn);
        var caseId = await StartAsync(Key, new { injuryCaseId = injury, claimant = "worker", appliedOn = "2025-07-01", materialsReceived = AllPapers });
        return (injury, caseId);
    }

    private async Task<(string Benefit, decimal Amount, string Article)[]> OrdersAsync(string injuryCaseId) =>
        [.. (await (await (await App.As("officer.jinan")).GetAsync($"/api/payments?injuryCaseId={injuryCaseId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(o => (o.Str("benefit")!, o.GetProperty("amount").GetDecimal(), o.Str("article")!)).OrderBy(o => o.Item1, StringComparer.Ordinal)];

    private static (decimal Claimed, decimal Payable, decimal SelfPay, decimal Refused, decimal EmployerBorne) Totals(JsonElement data)
    {
        var t = data.GetProperty("billTotals");
        return (t.GetProperty("claimed").GetDecimal(), t.GetProperty("payable").GetDecimal(), t.GetProperty("selfPay").GetDecimal(),
            t.GetProperty("refused").GetDecimal(), t.GetProperty("employerBorne").GetDecimal());
    }

    [Fact]
    public async Task In_and_out_of_catalogue_items_and_a_late_rehab_bill_are_decided_to_the_fen_and_the_approved_benefits_become_orders()
    {
        At("2025-07-01 09:00");
        // Injured 2025-02-20, recognition applied 2025-03-05 (in time: 条例 第十七条); 第四十三条 period 2025-03-01 … 2025-05-31.
        var (injury, caseId) = await ClaimAsync("2025-02-20", "2025-03-01", "2025-05-31");
        var check = Task(await CaseAsync(caseId));
        Assert.Equal(("check", "officer", "第六十九条"), (check.Str("state"), check.Str("role"), check.Str("basis")));

        var approve = Task(await CompleteAsync(check, "eligible", Checked(
        [
            // 1. 清创缝合术, 甲: paid in full, 260.00 (第四十条).
            Bill("331601001", "2025-03-10", 1, 260.00m),
            // 2. 注射用头孢呋辛钠, 乙 with the demo catalogue's 10% self-pay: 87.35 × 10% = 8.735 → 8.74; paid 78.61.
            Bill("XJ01DCA058A001", "2025-03-10", 6, 87.35m),
            // 3. In no catalogue: refused whole, 120.00 (第四十条).
            Bill("ZZ9999", "2025-03-11", 1, 120.00m),
            // 4. 运动疗法 on 2025-06-05, after the period ended 2025-05-31: refused whole, 150.00 (第四十四条).
            Bill("340200001", "2025-06-05", 1, 150.00m, "rehab"),
            // 5. 运动疗法 on 2025-04-02, inside the period: paid 150.00 (第四十四条).
            Bill("340200001", "2025-04-02", 1, 150.00m, "rehab"),
        ], "2025-03-05", hospitalDays: 10, mealDailyStandard: 30.00m)));
        Assert.Equal(("approve", "reviewer"), (approve.Str("state"), approve.Str("role")));

        // Claimed 260 + 87.35 + 120 + 150 + 150 = 767.35; the fund pays 260 + 78.61 (medical) and 150 (rehab) = 488.61; the
        // worker pays 8.74; 120 + 150 = 270.00 is refused; nothing falls to the employer (the application was in time).
        var data = (await CaseAsync(caseId)).GetProperty("data");
        Assert.Equal((767.35m, 488.61m, 8.74m, 270.00m, 0m), Totals(data));
        Assert.Equal((338.61m, 150.00m, 270.00m), (data.GetProperty("medicalPayable").GetDecimal(), data.GetProperty("rehabPayable").GetDecimal(), data.GetProperty("billRefused").GetDecimal()));
        // 第六十七条: 10 days × 30.00 a day = 300.00.
        Assert.Equal(300.00m, data.GetProperty("mealAmount").GetDecimal());
        var late = data.GetProperty("billDecisions")[3];
        Assert.Equal("outside-rehab-period", late.Str("reasonCode"));
        Assert.Contains("2025年5月31日", late.Str("reason"), StringComparison.Ordinal);
        Assert.Empty(await OrdersAsync(injury));

        var ended = await CompleteAsync(approve, "approved", null, "reviewer.jinan");
        Assert.Equal("partly-paid", ended.Str("endOutcome"));
        Assert.Equal(
            [("hospital-meal-subsidy", 300.00m, "第六十七条"), ("medical-cost", 338.61m, "第四十条"), ("rehab-cost", 150.00m, "第四十四条")],
            await OrdersAsync(injury));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "medical-reimbursement-partly-paid");
    }

    [Fact]
    public async Task A_late_recognition_application_leaves_the_costs_until_it_was_accepted_to_the_employer_and_an_allowed_extension_does_not()
    {
        At("2025-07-01 09:00");
        // Injured 2025-01-10; the application came on 2025-03-20, 69 days later (条例 第十七条: 30 days), accepted 2025-03-25:
        // the employer bears what arose until 2025-03-25 (第六十九条（一）).
        var (injury, caseId) = await ClaimAsync("2025-01-10");
        var bills = new[] { Bill("331601001", "2025-02-01", 1, 260.00m), Bill("331601001", "2025-03-25", 1, 260.00m), Bill("331601001", "2025-04-01", 1, 260.00m) };
        var form = Checked(bills, "2025-03-20");
        form["recognitionAcceptedOn"] = "2025-03-25";
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", form));
        var data = (await CaseAsync(caseId)).GetProperty("data");
        Assert.Equal((780.00m, 260.00m, 0m, 520.00m, 520.00m), Totals(data));
        var decisions = data.GetProperty("billDecisions").EnumerateArray().Select(d => d.Str("reasonCode") ?? "").ToArray();
        Assert.Equal(["employer-late-recognition", "employer-late-recognition", "paid"], decisions);
        Assert.Contains("由用人单位负担", data.GetProperty("billDecisions")[0].Str("reason"), StringComparison.Ordinal);
        Assert.Contains("第六十九条（一）", data.GetProperty("billDecisions")[0].Str("reason"), StringComparison.Ordinal);

        // The reviewer returns it: the department had allowed the employer more time, so the fund pays from the injury.
        var recheck = Task(await CompleteAsync(approve, "returned", new { approveNote = "认定部门已同意延长申请时限" }, "reviewer.jinan"));
        form["recognitionExtended"] = true;
        var again = Task(await CompleteAsync(recheck, "eligible", form));
        Assert.Equal((780.00m, 780.00m, 0m, 0m, 0m), Totals((await CaseAsync(caseId)).GetProperty("data")));
        Assert.Equal("paid", (await CompleteAsync(again, "approved", null, "reviewer.jinan")).Str("endOutcome"));
        Assert.Equal([("medical-cost", 780.00m, "第四十条")], await OrdersAsync(injury));
    }

    [Fact]
    public async Task Overseas_costs_are_converted_at_the_last_rate_before_settlement_and_paid_beside_the_bill()
    {
        At("2025-07-01 09:00");
        var (injury, caseId) = await ClaimAsync("2025-04-01");
        var form = Checked([Bill("331601001", "2025-04-01", 1, 260.00m)], "2025-04-10");
        form["overseas"] = true;
        form["overseasAmount"] = 1_000.00m;
        form["overseasCurrency"] = "USD";
        form["overseasSettledOn"] = "2025-05-03";
        // 第四十一条: no rate on the settlement day (a holiday): the last one before it, 7.1234 of 2025-04-30.
        form["overseasRates"] = new object[] { new { on = "2025-04-30", rate = 7.1234m }, new { on = "2025-05-06", rate = 7.2000m } };
        form["materialsReceived"] = AllPapers.Append("overseas-papers").ToArray();
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", form));
        Assert.Equal(7_123.40m, (await CaseAsync(caseId)).GetProperty("data").GetProperty("overseasCny").GetDecimal());

        Assert.Equal("paid", (await CompleteAsync(approve, "approved", null, "reviewer.jinan")).Str("endOutcome"));
        Assert.Equal([("medical-cost", 260.00m, "第四十条"), ("medical-cost", 7_123.40m, "第四十一条")], (await OrdersAsync(injury)).OrderBy(o => o.Amount));
    }

    [Fact]
    public async Task A_bill_with_nothing_payable_ends_refused_without_an_order_and_third_party_or_uninsured_claims_are_turned_away_with_the_article()
    {
        At("2025-07-01 09:00");
        var (injury, caseId) = await ClaimAsync("2025-02-20", "2025-03-01", "2025-05-31");
        var check = Task(await CaseAsync(caseId));
        var thirdParty = Checked([Bill("ZZ9999", "2025-03-11", 1, 120.00m)], "2025-03-05");
        thirdParty["thirdPartyCompensated"] = true;
        var refused = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "eligible", thirdParty)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第八十九", refused.Str("detail"), StringComparison.Ordinal);
        var uninsured = Checked([Bill("331601001", "2025-03-11", 1, 260.00m)], "2025-03-05");
        uninsured["insuredWhenInjured"] = false;
        refused = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "eligible", uninsured)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第六十一条", refused.Str("detail"), StringComparison.Ordinal);

        var approve = Task(await CompleteAsync(check, "eligible", Checked([Bill("ZZ9999", "2025-03-11", 1, 120.00m), Bill("311400010", "2025-03-11", 1, 95.50m)], "2025-03-05")));
        Assert.Equal("refused", (await CompleteAsync(approve, "approved", null, "reviewer.jinan")).Str("endOutcome"));
        Assert.Empty(await OrdersAsync(injury));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "medical-reimbursement-refused");
    }

    [Fact]
    public async Task A_refusal_at_the_check_needs_a_reviewer_and_a_bill_item_without_a_code_is_refused_naming_the_row()
    {
        At("2025-07-01 09:00");
        var (_, caseId) = await ClaimAsync("2025-02-20");
        var check = Task(await CaseAsync(caseId));
        var noCode = Checked([new { code = "", date = "2025-03-10", quantity = 1m, amount = 10m, kind = "medical", transfer = false }], "2025-03-05");
        var problem = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "eligible", noCode)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("data.bills[0].code", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("check", (await CaseAsync(caseId)).Str("state"));

        var confirm = Task(await CompleteAsync(check, "refused", new { checkNote = "病历与工伤部位不符（第六十九条（四））" }));
        Assert.Equal(("refuse-approve", "reviewer"), (confirm.Str("state"), confirm.Str("role")));
        Assert.Equal("refused", (await CompleteAsync(confirm, "confirmed", null, "reviewer.jinan")).Str("endOutcome"));
    }
}

public sealed class MedicalReimbursementOnSqlite(SqliteRuntimeApp app) : MedicalReimbursementScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class MedicalReimbursementOnPostgres(PostgresRuntimeApp app) : MedicalReimbursementScenarios(app), IClassFixture<PostgresRuntimeApp>;
