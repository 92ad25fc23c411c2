using System.Net;
using System.Text;
using System.Text.Json;
using Cases.Application.Benefits.Certifications;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Benefits;

/// <summary>
/// A grade-2 worker's allowance over fifteen months on the test clock, through the API only: paid from the month after
/// the appraisal (第七十五条), adjusted in July (第一百〇五条), suspended when the yearly certification is missed
/// (第六十三条) and resumed with the suspended months once certified — every month paid once, whatever was late.
/// </summary>
public abstract class AllowanceJourneyScenarios(AppFixture app) : BenefitScenario(app)
{
    private async Task<JsonElement> RunAsync(string month) =>
        await (await (await App.As("officer.jinan")).PostJsonAsync("/api/payroll/runs", new { city = "370100", month })).JsonAsync(HttpStatusCode.Created);

    private async Task<(string Period, decimal Amount, string Kind)[]> ItemsAsync(JsonElement run) =>
        [.. Assert.Single((await (await (await App.As("officer.jinan")).GetAsync($"/api/payroll/runs/{run.Str("id")}/lines")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray())
            .GetProperty("items").EnumerateArray().Select(i => (i.Str("period")!, i.GetProperty("amount").GetDecimal(), i.Str("kind")!))];

    [Fact]
    public async Task A_grade_2_allowance_is_paid_from_the_month_after_the_appraisal_adjusted_in_July_suspended_for_a_missed_certification_and_resumed_with_the_months_back()
    {
        At("2026-03-16 09:00");
        var injuryCaseId = await GradeTwoWorkerAsync();
        var allowance = Assert.Single((await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements?injuryCaseId={injuryCaseId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        var entitlementId = allowance.Str("id")!;

        // April: 85% × 6,000.00 = 5,100.00 from April (appraised 2026-03-10).
        At("2026-04-20 09:00");
        Assert.Equal([("2026-04", 5_100.00m, "regular")], await ItemsAsync(await RunAsync("2026-04")));

        // July: the 2026 adjustment, +3% from July, entered by the administrator and approved by the province.
        At("2026-07-06 09:00");
        var rule = await (await (await App.As("admin")).PostJsonAsync("/api/benefit-adjustments", new
        {
            year = 2026, effectiveMonth = "2026-07", source = "鲁人社字〔2026〕旅程测试号", disabilityAllowance = new { percent = 3m },
        })).JsonAsync(HttpStatusCode.Created);
        await (await (await App.As("supervisor.province")).PostJsonAsync($"/api/benefit-adjustments/{rule.Str("id")}/approve", new { })).JsonAsync(HttpStatusCode.OK);

        // The July run pays May and June, not paid before, at 5,100.00 and July at 5,100.00 × 1.03 = 5,253.00.
        At("2026-07-20 09:00");
        Assert.Equal([("2026-05", 5_100.00m, "arrears"), ("2026-06", 5_100.00m, "arrears"), ("2026-07", 5_253.00m, "regular")], await ItemsAsync(await RunAsync("2026-07")));

        // The first payment (April) opened the certification, due 2027-03-31 (第六十三条). It is missed: on 2027-04-01 the
        // daily sweep suspends the allowance from May and opens the contact case.
        At("2027-04-01 09:00");
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CertificationSweep>().RunAsync(CancellationToken.None);
        }

        var suspended = await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements/{entitlementId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("suspended", suspended.Str("status"));
        Assert.Equal(("suspended", "2027-05"), suspended.GetProperty("history").EnumerateArray().Select(h => (h.Str("kind")!, h.Str("fromMonth")!)).Last());

        // April 2027 is still paid, with the eight months since July that no run paid.
        At("2027-04-20 09:00");
        var april = await ItemsAsync(await RunAsync("2027-04"));
        Assert.Equal(9, april.Length);
        Assert.All(april, i => Assert.Equal(5_253.00m, i.Amount));
        Assert.Equal(("2027-04", "regular"), (april[^1].Period, april[^1].Kind));

        // May: suspended, nothing paid; the run says why it dropped him.
        At("2027-05-20 09:00");
        var may = await RunAsync("2027-05");
        Assert.Equal((0, 0.00m), (may.GetProperty("lines").GetInt32(), may.GetProperty("total").GetDecimal()));
        var dropped = Assert.Single((await (await (await App.As("supervisor.jinan")).GetAsync($"/api/payroll/runs/{may.Str("id")}/dropped")).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(("suspended", "suspended"), (dropped.Str("status"), dropped.GetProperty("reason").Str("kind")));

        // Certified in person on 2027-06-10: paid again from July, May and June paid back (the right never lapsed).
        At("2027-06-10 09:00");
        var certificationId = await App.InDbAsync(db => db.Certifications.Where(c => c.RecipientName == "周立军").Select(c => c.Id).SingleAsync());
        await (await (await App.As("officer.jinan")).PostJsonAsync($"/api/certifications/{certificationId}/certify", new { on = "2027-06-10", method = "in-person", note = "本人到经办机构现场认证" }))
            .JsonAsync(HttpStatusCode.OK);
        At("2027-07-20 09:00");
        Assert.Equal([("2027-05", 5_253.00m, "arrears"), ("2027-06", 5_253.00m, "arrears"), ("2027-07", 5_253.00m, "regular")], await ItemsAsync(await RunAsync("2027-07")));

        // Every month from April 2026 to July 2027 paid exactly once: 3 × 5,100.00 + 13 × 5,253.00.
        var paid = await App.InDbAsync(async db => (await db.PaymentOrders.Where(o => o.InjuryCaseId == Guid.Parse(injuryCaseId) && o.Step == "payroll").ToListAsync()).Sum(o => o.Amount));
        Assert.Equal((3 * 5_100.00m) + (13 * 5_253.00m), paid);
    }
}

/// <summary>
/// A widow's pension stopped by a data match (第六十四条): the civil-affairs death record flags her, the officer's
/// investigation confirms it, the next run records the two months paid after the death as an overpayment, and the
/// recovery is repaid in part and the refusal referred (第一百一十七条（五）).
/// </summary>
public abstract class DeathMatchJourneyScenarios(AppFixture app) : BenefitScenario(app)
{
    private async Task<JsonElement> RunAsync(string month) =>
        await (await (await App.As("officer.jinan")).PostJsonAsync("/api/payroll/runs", new { city = "370100", month })).JsonAsync(HttpStatusCode.Created);

    [Fact]
    public async Task A_death_found_by_a_data_match_stops_the_pension_and_the_two_months_paid_since_are_recovered()
    {
        At("2026-03-02 09:00");
        var family = await WidowAndChildAsync();
        var pensions = (await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements?injuryCaseId={family}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var widow = pensions.Single(p => p.Str("recipientName") == "刘美华");
        var widowId = widow.Str("id")!;
        var widowIdNumber = await App.InDbAsync(db => db.Entitlements.Where(e => e.Id == Guid.Parse(widowId)).Select(e => e.RecipientIdNumber).SingleAsync());
        foreach (var pension in pensions)
        {
            await (await (await App.As("officer.jinan")).PostJsonAsync($"/api/entitlements/{pension.Str("id")}/account", new
            {
                accountKind = "social-security-card", account = "6222021602001234568", bank = "中国工商银行济南分行", month = "2026-03", reason = "本人社会保障卡（第九十七条）",
            })).JsonAsync(HttpStatusCode.OK);
        }

        // April, May, June: the widow's 2,400.00 a month (March in arrears in April).
        foreach (var (day, month) in new[] { ("2026-04-20", "2026-04"), ("2026-05-20", "2026-05"), ("2026-06-20", "2026-06") })
        {
            At(day + " 09:00");
            await RunAsync(month);
        }

        // July: the civil-affairs file says she died on 2026-04-10. The import flags her; nothing stops before the
        // officer has checked (第六十四条 调查核实); the confirmed death stops the pension from May (第六十二条（一））.
        At("2026-07-05 09:00");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"idNumber,name,event,eventOn\n{widowIdNumber},刘美华,death,2026-04-10\n"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "minzheng-2026-07.csv");
        form.Add(new StringContent("civil-affairs"), "source");
        var summary = await (await (await App.As("officer.jinan")).PostAsync(new Uri("/api/data-matches", UriKind.Relative), form)).JsonAsync(HttpStatusCode.OK);
        var investigation = Assert.Single(summary.GetProperty("flags").EnumerateArray()).GetProperty("caseId").GetGuid();
        Assert.Equal("active", (await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements/{widowId}")).JsonAsync(HttpStatusCode.OK)).Str("status"));
        await CompleteAsync(Task(await CaseAsync(investigation)), "confirmed", new { confirmedOn = "2026-04-10", finding = "经民政部门死亡登记核实属实" });
        var stopped = await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements/{widowId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("stopped", "2026-04"), (stopped.Str("status"), stopped.Str("toMonth")));

        // July's run pays the child, and records May and June paid to the widow as 4,800.00 to recover.
        At("2026-07-20 09:00");
        var july = await RunAsync("2026-07");
        Assert.Equal(1_800.00m, july.GetProperty("total").GetDecimal());
        var overpayments = (await (await (await App.As("officer.jinan")).GetAsync("/api/overpayments?status=open")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var owed = Assert.Single(overpayments);
        Assert.Equal((4_800.00m, 4_800.00m), (owed.GetProperty("amount").GetDecimal(), owed.GetProperty("balance").GetDecimal()));

        // The estate repays 1,000.00 and refuses the rest: referred to the administration (第一百一十七条（五）).
        var id = owed.Str("id");
        await (await (await App.As("officer.jinan")).PostJsonAsync($"/api/overpayments/{id}/repay", new { amount = 1_000.00m, note = "继承人退还部分" })).JsonAsync(HttpStatusCode.OK);
        var referred = await (await (await App.As("officer.jinan")).PostJsonAsync($"/api/overpayments/{id}/refer", new { note = "继承人拒不退还，移交社会保险行政部门" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("referred", 3_800.00m), (referred.Str("status"), referred.GetProperty("balance").GetDecimal()));

        // Nothing is recorded twice: August pays the child only and finds nothing more for the widow.
        At("2026-08-20 09:00");
        var august = await RunAsync("2026-08");
        Assert.Equal((1, 1_800.00m), (august.GetProperty("lines").GetInt32(), august.GetProperty("total").GetDecimal()));
        Assert.Equal(1, await App.InDbAsync(db => db.Overpayments.CountAsync()));
    }
}

public sealed class AllowanceJourneyOnSqlite(SqliteRuntimeApp app) : AllowanceJourneyScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class AllowanceJourneyOnPostgres(PostgresRuntimeApp app) : AllowanceJourneyScenarios(app), IClassFixture<PostgresRuntimeApp>;

public sealed class DeathMatchJourneyOnSqlite(SqliteRuntimeApp app) : DeathMatchJourneyScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class DeathMatchJourneyOnPostgres(PostgresRuntimeApp app) : DeathMatchJourneyScenarios(app), IClassFixture<PostgresRuntimeApp>;
