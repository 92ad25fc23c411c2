using System.Net;
using System.Text.Json;
using Cases.Domain.Benefits;
using Cases.Domain.Payments;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Benefits;

/// <summary>
/// The monthly payroll (第九十六条) across months on the test clock: benefits granted by the procedures are paid from
/// their first month, a month is computed once whatever is asked, the supervisor approves what the officer computed, a
/// benefit without an account is held back and paid in arrears, and a stop found late is recorded as an overpayment to
/// recover (第六十四条) — never by editing a month paid.
/// </summary>
public abstract class PayrollScenarios(AppFixture app) : BenefitScenario(app)
{
    private const string Jinan = "370100";

    /// <summary>When the test's direct changes are stamped: the runs read the history's months, not these instants.</summary>
    private static readonly DateTimeOffset Recorded = new(2026, 5, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private async Task<HttpResponseMessage> RunAsync(string month, string user = "officer.jinan", string city = Jinan) =>
        await (await App.As(user)).PostJsonAsync("/api/payroll/runs", new { city, month });

    private async Task<JsonElement[]> LinesAsync(string runId, bool changed = false) =>
        [.. (await (await (await App.As("supervisor.jinan")).GetAsync($"/api/payroll/runs/{runId}/lines?limit=500{(changed ? "&changed=true" : "")}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    private static (string Period, decimal Amount, string Kind)[] Items(JsonElement line) =>
        [.. line.GetProperty("items").EnumerateArray().Select(i => (i.Str("period")!, i.GetProperty("amount").GetDecimal(), i.Str("kind")!))];

    private Task<Guid[]> PensionIdsAsync(string injuryCaseId) => App.InDbAsync(async db =>
        (await db.Entitlements.Where(e => e.InjuryCaseId == Guid.Parse(injuryCaseId)).OrderBy(e => e.RecipientName).Select(e => e.Id).ToListAsync()).ToArray());

    private Task<int> ChangeAsync(Guid entitlementId, Action<Entitlement> change) => App.InDbAsync(async db =>
    {
        change(await db.Entitlements.SingleAsync(e => e.Id == entitlementId));
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Benefits_are_paid_month_by_month_once_each_approved_by_a_supervisor_and_a_late_stop_is_recovered()
    {
        At("2026-03-16 09:00");
        var worker = await GradeTwoWorkerAsync();
        var family = await WidowAndChildAsync();

        // April. 伤残津贴, grade 2: 85% × 6,000.00 = 5,100.00 from April (第七十五条), to the card given with the claim.
        // The pensions run from March (第八十二条) but have no account yet (第九十七条): held back, not settled.
        At("2026-04-20 09:00");
        var april = await (await RunAsync("2026-04")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("370100", "2026-04", "computed", 1, 5_100.00m, 2), (april.Str("city"), april.Str("month"), april.Str("status"), april.GetProperty("lines").GetInt32(), april.GetProperty("total").GetDecimal(), april.GetProperty("held").GetInt32()));
        var aprilId = april.Str("id")!;
        var line = Assert.Single(await LinesAsync(aprilId));
        Assert.Equal(("周立军", "disability-allowance", 5_100.00m), (line.Str("recipientName"), line.Str("benefit"), line.GetProperty("amount").GetDecimal()));
        Assert.Equal([("2026-04", 5_100.00m, "regular")], Items(line));

        // The same month again: the same run, 200, and still one payment for April.
        var again = await (await RunAsync("2026-04")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((aprilId, 1, 5_100.00m), (again.Str("id"), again.GetProperty("lines").GetInt32(), again.GetProperty("total").GetDecimal()));
        var orders = await App.InDbAsync(db => db.PaymentOrders.Where(o => o.InjuryCaseId == Guid.Parse(worker) && o.Step == "payroll").ToListAsync());
        var order = Assert.Single(orders);
        Assert.Equal(("2026-04", 5_100.00m, "disability-allowance", PaymentStatus.Batched), (order.Period, order.Amount, order.Benefit, order.Status));

        // The first payment opens the worker's yearly certification, due 12 months on (第六十三条).
        var certification = await App.InDbAsync(db => db.Certifications.SingleAsync(c => c.RecipientName == "周立军"));
        Assert.Equal(new DateOnly(2027, 3, 31), certification.DueOn);

        // The run's batch goes to the bank once a supervisor approves the run: not from the payment desk, not by an officer.
        var batchId = april.Str("batchId")!;
        var desk = await (await (await App.As("reviewer.jinan")).PostAsync($"/api/payments/batches/{batchId}/approve", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("月度发放", desk.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.As("officer.jinan")).PostAsync($"/api/payroll/runs/{aprilId}/approve", null)).StatusCode);
        var approved = await (await (await App.As("supervisor.jinan")).PostAsync($"/api/payroll/runs/{aprilId}/approve", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("approved", "supervisor.jinan"), (approved.Str("status"), approved.Str("approvedBy")));
        Assert.Equal("approved", (await (await (await App.As("reviewer.jinan")).GetAsync($"/api/payments/batches/{batchId}")).JsonAsync(HttpStatusCode.OK)).Str("status"));
        await (await (await App.As("supervisor.jinan")).PostAsync($"/api/payroll/runs/{aprilId}/approve", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        // May. The officer records the family's cards; the pensions are paid from March: March and April in arrears.
        var (widow, child) = (await PensionIdsAsync(family)) switch { var ids => (ids[0], ids[1]) };
        foreach (var id in new[] { widow, child })
        {
            await ChangeAsync(id, e => e.RecordAccount(PaymentAccount.Parse(AccountKind.SocialSecurityCard, "6222021602001234568", "中国工商银行"), new DateOnly(2026, 5, 1), "本人社会保障卡", "officer.jinan", Recorded));
        }

        At("2026-05-20 09:00");
        var may = await (await RunAsync("2026-05")).JsonAsync(HttpStatusCode.Created);
        // Spouse 40% × 6,000.00 = 2,400.00, child 30% = 1,800.00 (第八十二条): three months each, and the allowance's May.
        Assert.Equal((3, 5_100.00m + 3 * 2_400.00m + 3 * 1_800.00m, 0), (may.GetProperty("lines").GetInt32(), may.GetProperty("total").GetDecimal(), may.GetProperty("held").GetInt32()));
        var mayLines = await LinesAsync(may.Str("id")!);
        Assert.Equal(
            [("2026-03", 2_400.00m, "arrears"), ("2026-04", 2_400.00m, "arrears"), ("2026-05", 2_400.00m, "regular")],
            Items(Assert.Single(mayLines, l => l.Str("recipientName") == "刘美华")));
        var benefits = may.GetProperty("benefits").EnumerateArray().Select(b => (b.Str("benefit")!, b.GetProperty("lines").GetInt32(), b.GetProperty("amount").GetDecimal())).ToArray();
        Assert.Equal([("disability-allowance", 1, 5_100.00m), ("dependants-pension", 2, 12_600.00m)], benefits);

        // June: nothing changed, every line as in May's regular month.
        At("2026-06-20 09:00");
        var june = await (await RunAsync("2026-06")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(5_100.00m + 2_400.00m + 1_800.00m, june.GetProperty("total").GetDecimal());

        // In July the widow's death on 2026-05-28 comes to light: the pension stops from June (第六十二条（一）), which
        // was paid. July's run pays her nothing and records June's 2,400.00 as an overpayment to recover (第六十四条).
        At("2026-07-10 09:00");
        await ChangeAsync(widow, e => e.Stop(new DateOnly(2026, 6, 1), "供养亲属死亡（第六十二条（一））", null, "officer.jinan", Recorded.AddMonths(2)));
        At("2026-07-20 09:00");
        var july = await (await RunAsync("2026-07")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(5_100.00m + 1_800.00m, july.GetProperty("total").GetDecimal());
        var widowLine = Assert.Single(await LinesAsync(july.Str("id")!, changed: true));
        Assert.Equal(("刘美华", 0.00m, 2_400.00m), (widowLine.Str("recipientName"), widowLine.GetProperty("amount").GetDecimal(), widowLine.GetProperty("previous").GetDecimal()));
        Assert.Equal([("2026-06", -2_400.00m, "overpaid")], Items(widowLine));
        Assert.Contains(widowLine.GetProperty("reasons").EnumerateArray(), r => r.Str("kind") == "stopped" && r.Str("reason")!.Contains("第六十二条", StringComparison.Ordinal));
        var overpayment = await App.InDbAsync(db => db.Overpayments.SingleAsync(o => o.EntitlementId == widow));
        Assert.Equal((2_400.00m, 2_400.00m, OverpaymentStatus.Open, new DateOnly(2026, 6, 1)), (overpayment.Amount, overpayment.Balance, overpayment.Status, overpayment.FirstPeriod));

        // August: nothing more for her, nothing recorded twice.
        At("2026-08-20 09:00");
        var august = await (await RunAsync("2026-08")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((2, 5_100.00m + 1_800.00m), (august.GetProperty("lines").GetInt32(), august.GetProperty("total").GetDecimal()));
        Assert.Equal(1, await App.InDbAsync(db => db.Overpayments.CountAsync(o => o.EntitlementId == widow)));
        // Her pension was paid twice by the payroll — May (with March and April) and June — and never again.
        Assert.Equal([7_200.00m, 2_400.00m], await App.InDbAsync(async db => (await db.PaymentOrders.Where(o => o.Step == "payroll" && o.PayeeName == "刘美华").ToListAsync()).OrderBy(o => o.Period, StringComparer.Ordinal).Select(o => o.Amount).ToArray()));
    }

    [Fact]
    public async Task A_month_is_named_rightly_in_the_callers_city_and_never_before_a_later_one_or_in_the_future()
    {
        At("2026-03-16 09:00");
        await (await RunAsync("2026-13", city: "370200", user: "officer.qingdao")).FieldErrorAsync("month");
        await (await RunAsync("2026-04", city: "370200", user: "officer.qingdao")).FieldErrorAsync("month");
        await (await RunAsync("2026-03", city: "37x", user: "officer.qingdao")).FieldErrorAsync("city");
        Assert.Equal(HttpStatusCode.Forbidden, (await RunAsync("2026-03", city: "370200", user: "officer.jinan")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RunAsync("2026-03", city: "370200", user: "supervisor.jinan")).StatusCode);

        var march = await (await RunAsync("2026-03", city: "370200", user: "officer.qingdao")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((0, 0.00m, JsonValueKind.Null), (march.GetProperty("lines").GetInt32(), march.GetProperty("total").GetDecimal(), march.GetProperty("batchId").ValueKind));
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.As("officer.jinan")).GetAsync($"/api/payroll/runs/{march.Str("id")}")).StatusCode);

        // A month before one computed is settled by the next run, not on its own.
        var earlier = await (await RunAsync("2026-02", city: "370200", user: "officer.qingdao")).FieldErrorAsync("month");
        Assert.Contains("2026-03", earlier, StringComparison.Ordinal);
    }
}

public sealed class PayrollOnSqlite(SqliteRuntimeApp app) : PayrollScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class PayrollOnPostgres(PostgresRuntimeApp app) : PayrollScenarios(app), IClassFixture<PostgresRuntimeApp>;
