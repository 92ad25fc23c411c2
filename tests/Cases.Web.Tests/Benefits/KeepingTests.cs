using System.Net;
using Cases.Domain.Benefits;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Benefits;

/// <summary>
/// The officers' keeping of monthly benefits through the API: the account (第九十七条), a dependant's pension suspended for
/// imprisonment and resumed with the detention beyond the sentence paid back (第六十二条), a worker's own allowance not
/// suspended for it (第九十八条), a spouse's pension stopped for remarriage (第六十二条（三）), and an overpayment repaid in
/// part then referred (第一百一十七条（五）). Each change is in the entitlement's history with who and when; another
/// city's officer is answered 404.
/// </summary>
public abstract class KeepingScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Card = "6222021602001234568";

    /// <summary>
    /// A benefit granted directly (these tests are about keeping it; DeathBenefitsTests and DisabilityBenefitsTests test how
    /// a decision grants one) on a Jinan injury case registered through the API.
    /// </summary>
    private async Task<Guid> GrantAsync(MonthlyBenefit benefit, DependantRelation? relation, string name, decimal amount = 2_400m, string? idNumber = null)
    {
        // The death-benefits case whose decision the grant stands for (entitlements name their case).
        var injuryCase = await TestInjuries.RegisterWithNewWorkerAsync(await App.As("officer.jinan"), TestParties.NewIdNumber(), "周建民");
        var caseId = await StartAsync("death-benefits", new
        {
            injuryCaseId = injuryCase, applicant = "next-of-kin", appliedOn = "2026-03-02", deathOn = "2026-02-20", hasDependants = false,
            dependants = Array.Empty<object>(), materialsReceived = new[] { "application", "death-papers", "designated-account" },
        });
        var entitlement = Entitlement.Grant(new EntitlementGrant(City.Parse("370100"), Guid.Parse(injuryCase), caseId, benefit, name, idNumber ?? TestParties.NewIdNumber(),
            relation, amount, new DateOnly(2026, 3, 1), benefit == MonthlyBenefit.DependantsPension ? "第八十二条" : "第七十五条", "测试核定"), "reviewer.jinan", App.Factory.Clock.GetUtcNow());
        await App.InDbAsync(async db =>
        {
            db.Entitlements.Add(entitlement);
            return await db.SaveChangesAsync();
        });
        return entitlement.Id;
    }

    private async Task<HttpResponseMessage> PostAsync(string url, object body, string user = "officer.jinan") => await (await App.As(user)).PostJsonAsync(url, body);

    private Task<Entitlement> StoredAsync(Guid id) => App.InDbAsync(db => db.Entitlements.AsNoTracking().SingleAsync(e => e.Id == id));

    [Fact]
    public async Task A_dependants_pension_gets_its_account_is_suspended_for_imprisonment_and_resumed_with_the_detention_beyond_the_sentence_paid_back()
    {
        At("2026-04-10 09:00");
        var id = await GrantAsync(MonthlyBenefit.DependantsPension, DependantRelation.Spouse, "刘美华");

        // 第九十七条: the recipient's own social-security card; the number is checked (Luhn) and shown masked.
        var bad = await (await PostAsync($"/api/entitlements/{id}/account", new { accountKind = "social-security-card", account = "6222021602001234567", bank = "中国工商银行济南分行" })).FieldErrorAsync("account");
        Assert.Matches("[\u4e00-\u9fff]", bad);
        var withAccount = await (await PostAsync($"/api/entitlements/{id}/account", new { accountKind = "social-security-card", account = Card, bank = "中国工商银行济南分行" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("social-security-card", "6222***********4568", "中国工商银行济南分行"), (withAccount.Str("accountKind"), withAccount.Str("account"), withAccount.Str("bank")));
        var recorded = withAccount.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("account-recorded", "2026-04", "officer.jinan"), (recorded.Str("kind"), recorded.Str("fromMonth"), recorded.Str("by")));
        Assert.Contains("第九十七条", recorded.Str("reason"), StringComparison.Ordinal);
        Assert.DoesNotContain(Card, withAccount.ToString(), StringComparison.Ordinal);

        // Only imprisonment is suspended by hand; a malformed month is named.
        Assert.Contains("imprisonment", await (await PostAsync($"/api/entitlements/{id}/suspend", new { cause = "certification-overdue", fromMonth = "2026-05" })).FieldErrorAsync("cause"), StringComparison.Ordinal);
        Assert.Contains("yyyy-MM", await (await PostAsync($"/api/entitlements/{id}/suspend", new { cause = "imprisonment", fromMonth = "2026-5" })).FieldErrorAsync("fromMonth"), StringComparison.Ordinal);

        // Another city's officer: 404, a reviewer (no KeepEntitlements): 403; nothing changes.
        await (await PostAsync($"/api/entitlements/{id}/suspend", new { cause = "imprisonment", fromMonth = "2026-05" }, "officer.qingdao")).ProblemAsync(HttpStatusCode.NotFound);
        await (await PostAsync($"/api/entitlements/{id}/suspend", new { cause = "imprisonment", fromMonth = "2026-05" }, "reviewer.jinan")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(EntitlementStatus.Active, (await StoredAsync(id)).Status);

        At("2026-05-06 09:00");
        var suspended = await (await PostAsync($"/api/entitlements/{id}/suspend", new { cause = "imprisonment", fromMonth = "2026-05", reason = "济南市中级人民法院判决收监" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("suspended", "imprisonment"), (suspended.Str("status"), suspended.Str("suspension")));
        var suspension = suspended.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("suspended", "2026-05", "imprisonment", "officer.jinan"), (suspension.Str("kind"), suspension.Str("fromMonth"), suspension.Str("cause"), suspension.Str("by")));
        Assert.Contains("第六十二条", suspension.Str("reason"), StringComparison.Ordinal);

        // Released in September; detained from August beyond the sentence: August is paid back, May–July are not (第六十二条).
        At("2026-09-03 09:00");
        Assert.Contains("2026-05", await (await PostAsync($"/api/entitlements/{id}/resume", new { fromMonth = "2026-09", backPaidFrom = "2026-04" })).FieldErrorAsync("backPaidFrom"), StringComparison.Ordinal);
        var resumed = await (await PostAsync($"/api/entitlements/{id}/resume", new { fromMonth = "2026-09", backPaidFrom = "2026-08", reason = "刑满释放" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("active", 2_400m), (resumed.Str("status"), resumed.GetProperty("monthlyAmount").GetDecimal()));
        var resumption = resumed.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("resumed", "2026-09", "2026-08", "officer.jinan"), (resumption.Str("kind"), resumption.Str("fromMonth"), resumption.Str("backPaidFrom"), resumption.Str("by")));
        Assert.Contains("补发 2026-08 起", resumption.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(["granted", "account-recorded", "suspended", "resumed"], resumed.GetProperty("history").EnumerateArray().Select(c => c.Str("kind")));

        // What the payroll will pay: nothing for May–July, August paid back, September on.
        var stored = await StoredAsync(id);
        Assert.Equal(new decimal?[] { 2_400m, null, null, null, 2_400m, 2_400m },
            new[] { 4, 5, 6, 7, 8, 9 }.Select(m => stored.AmountFor(new DateOnly(2026, m, 1))));
        Assert.Equal("officer.jinan", stored.History[^1].By);
    }

    [Fact]
    public async Task A_workers_own_allowance_is_not_suspended_for_imprisonment_and_says_article_98()
    {
        At("2026-05-06 09:00");
        var id = await GrantAsync(MonthlyBenefit.DisabilityAllowance, null, "周建民", 4_800m);
        var refused = await (await PostAsync($"/api/entitlements/{id}/suspend", new { cause = "imprisonment", fromMonth = "2026-05" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第九十八条", refused.Str("detail"), StringComparison.Ordinal);
        var stored = await StoredAsync(id);
        Assert.Equal((EntitlementStatus.Active, 1), (stored.Status, stored.History.Count));

        // Its stop takes 第一百〇六条's causes, not a dependant's.
        Assert.Contains("refuses-appraisal", await (await PostAsync($"/api/entitlements/{id}/stop", new { fromMonth = "2026-06", cause = "spouse-remarried" })).FieldErrorAsync("cause"), StringComparison.Ordinal);
        var stopped = await (await PostAsync($"/api/entitlements/{id}/stop", new { fromMonth = "2026-06", cause = "refuses-appraisal" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("stopped", "2026-05"), (stopped.Str("status"), stopped.Str("toMonth")));
        Assert.Equal("拒不接受劳动能力鉴定（第一百〇六条）", stopped.GetProperty("history").EnumerateArray().Last().Str("reason"));
    }

    [Fact]
    public async Task A_spouses_pension_stops_for_remarriage_from_the_month_given_and_is_not_changed_again()
    {
        At("2026-07-02 09:00");
        var spouse = await GrantAsync(MonthlyBenefit.DependantsPension, DependantRelation.Spouse, "刘美华");
        var child = await GrantAsync(MonthlyBenefit.DependantsPension, DependantRelation.Child, "周子轩", 1_800m);

        // 第六十二条（三） is the spouse's; "other" needs words.
        Assert.Contains("death", await (await PostAsync($"/api/entitlements/{child}/stop", new { fromMonth = "2026-07", cause = "spouse-remarried" })).FieldErrorAsync("cause"), StringComparison.Ordinal);
        await (await PostAsync($"/api/entitlements/{spouse}/stop", new { fromMonth = "2026-07", cause = "other" })).FieldErrorAsync("reason");

        var stopped = await (await PostAsync($"/api/entitlements/{spouse}/stop", new { fromMonth = "2026-07", cause = "spouse-remarried", reason = "2026年6月再婚，民政部门比对确认" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("stopped", "2026-06"), (stopped.Str("status"), stopped.Str("toMonth")));
        var stop = stopped.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("stopped", "2026-07", "工亡职工配偶再婚（第六十二条（三））：2026年6月再婚，民政部门比对确认", "officer.jinan"),
            (stop.Str("kind"), stop.Str("fromMonth"), stop.Str("reason"), stop.Str("by")));

        var again = await (await PostAsync($"/api/entitlements/{spouse}/account", new { accountKind = "bank-card", account = Card, bank = "中国银行" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("停发", again.Str("detail"), StringComparison.Ordinal);
        var stored = await StoredAsync(spouse);
        Assert.Equal((EntitlementStatus.Stopped, new DateOnly(2026, 6, 1), (decimal?)null), (stored.Status, stored.ToMonth, stored.AmountFor(new DateOnly(2026, 7, 1))));
        Assert.Equal(EntitlementStatus.Active, (await StoredAsync(child)).Status);
    }

    [Fact]
    public async Task An_overpayment_is_repaid_in_part_then_referred_and_another_citys_officer_finds_nothing()
    {
        At("2026-06-10 09:00");
        var entitlementId = await GrantAsync(MonthlyBenefit.DependantsPension, DependantRelation.Parent, "周老汉", 1_200m);
        var overpaymentId = Guid.CreateVersion7();
        await App.InDbAsync(async db =>
        {
            // As a run finds it: April and May paid after a death in March (第六十四条).
            var entitlement = await db.Entitlements.SingleAsync(e => e.Id == entitlementId);
            db.Overpayments.Add(Overpayment.Found(overpaymentId, entitlement,
                [new PayrollItem(new DateOnly(2026, 4, 1), -1_200m, PayrollItemKind.Overpaid), new PayrollItem(new DateOnly(2026, 5, 1), -1_200m, PayrollItemKind.Overpaid)],
                2_400m, Guid.NewGuid(), "payroll", App.Factory.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

        var officer = await App.As("officer.jinan");
        var found = await (await officer.GetAsync($"/api/overpayments/{overpaymentId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("2026-04", "2026-05", 2_400m, "open"), (found.Str("firstPeriod"), found.Str("lastPeriod"), found.GetProperty("balance").GetDecimal(), found.Str("status")));

        Assert.Contains("2,400.00", await (await PostAsync($"/api/overpayments/{overpaymentId}/repay", new { amount = 3_000m, note = "退还" })).FieldErrorAsync("amount"), StringComparison.Ordinal);
        await (await PostAsync($"/api/overpayments/{overpaymentId}/repay", new { amount = 1_000m })).FieldErrorAsync("note");
        var repaid = await (await PostAsync($"/api/overpayments/{overpaymentId}/repay", new { amount = 1_000m, note = "家属现金退还第一笔" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1_400m, "open"), (repaid.GetProperty("balance").GetDecimal(), repaid.Str("status")));

        // Another city's officer neither reads nor refers it; a supervisor reads but does not keep.
        var qingdao = await App.As("officer.qingdao");
        await (await qingdao.GetAsync($"/api/overpayments/{overpaymentId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await PostAsync($"/api/overpayments/{overpaymentId}/refer", new { note = "拒不退还" }, "officer.qingdao")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await qingdao.GetAsync("/api/overpayments?limit=100")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(), o => o.Str("id") == overpaymentId.ToString());
        await (await (await App.As("supervisor.jinan")).GetAsync($"/api/overpayments/{overpaymentId}")).JsonAsync(HttpStatusCode.OK);
        await (await PostAsync($"/api/overpayments/{overpaymentId}/refer", new { note = "拒不退还" }, "supervisor.jinan")).ProblemAsync(HttpStatusCode.Forbidden);

        At("2026-07-15 09:00");
        var referred = await (await PostAsync($"/api/overpayments/{overpaymentId}/refer", new { note = "经两次书面责令仍拒不退还" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1_400m, "referred"), (referred.GetProperty("balance").GetDecimal(), referred.Str("status")));
        Assert.Equal([("found", 2_400m, "payroll"), ("repaid", 1_000m, "officer.jinan"), ("referred", 1_400m, "officer.jinan")],
            referred.GetProperty("entries").EnumerateArray().Select(e => (e.Str("kind")!, e.GetProperty("amount").GetDecimal(), e.Str("by")!)));
        var refusal = await (await PostAsync($"/api/overpayments/{overpaymentId}/repay", new { amount = 100m, note = "又退" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第一百一十七条（五）", refusal.Str("detail"), StringComparison.Ordinal);

        var list = await (await officer.GetAsync($"/api/overpayments?status=referred&entitlementId={entitlementId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(overpaymentId.ToString(), Assert.Single(list.GetProperty("items").EnumerateArray()).Str("id"));
        Assert.Matches("[\u4e00-\u9fff]", await (await officer.GetAsync("/api/overpayments?status=lost")).FieldErrorAsync("status"));
        var stored = await App.InDbAsync(db => db.Overpayments.AsNoTracking().SingleAsync(o => o.Id == overpaymentId));
        Assert.Equal((OverpaymentStatus.Referred, 1_400m, 3), (stored.Status, stored.Balance, stored.Entries.Count));
    }
}

public sealed class KeepingOnSqlite(SqliteRuntimeApp app) : KeepingScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class KeepingOnPostgres(PostgresRuntimeApp app) : KeepingScenarios(app), IClassFixture<PostgresRuntimeApp>;
