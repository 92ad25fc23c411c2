using System.Net;
using System.Text.Json;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Benefits;

/// <summary>
/// The yearly benefit adjustment (待遇调整, 第一百〇五条) through the API: an administrator enters the 2026 rule (伤残津贴
/// +3 %, 生活护理费 +60 元 from 2026-07), the preview shows each amount, a Jinan supervisor — not the one who entered it
/// (第一百一十九条) — approves it, which applies it: each running benefit's history shows the adjustment from 2026-07,
/// a suspended one is untouched (第六十二条 "暂停…且不参加待遇调整"), and approving again is refused.
/// </summary>
public abstract class BenefitAdjustmentScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Source = "鲁人社字〔2026〕18号";

    private sealed record Granted(Guid Allowance, Guid Nursing, Guid Pension, Guid Suspended, Guid Later, Guid Qingdao);

    /// <summary>
    /// The running benefits the rule meets, granted directly (the disability- and death-benefits scenarios test how a
    /// decision grants them): Jinan's allowance already paid through July, so the next run pays July's difference.
    /// </summary>
    private async Task<Granted> GrantAsync()
    {
        var officer = await App.As("officer.jinan");
        var injuryCase = Guid.Parse(await TestInjuries.RegisterAsync(officer));
        var caseId = await StartAsync("demo-filing", new { contractEndsOn = "2026-06-30" });
        var at = App.Factory.Clock.GetUtcNow();
        Entitlement Grant(string city, MonthlyBenefit benefit, string name, decimal amount, DateOnly from) => Entitlement.Grant(new EntitlementGrant(
            City.Parse(city), injuryCase, caseId, benefit, name, TestParties.NewIdNumber(), benefit == MonthlyBenefit.DependantsPension ? Domain.Injuries.DependantRelation.Spouse : null,
            amount, from, "第七十五条", "伤残待遇核定"), "officer.jinan", at);
        var may2025 = new DateOnly(2025, 5, 1);
        var allowance = Grant("370100", MonthlyBenefit.DisabilityAllowance, "王调整", 4_123.50m, may2025);
        allowance.Settled(new DateOnly(2026, 7, 1));
        var nursing = Grant("370100", MonthlyBenefit.NursingCare, "王调整", 3_120m, may2025);
        var pension = Grant("370100", MonthlyBenefit.DependantsPension, "李抚恤", 2_000m, may2025);
        var suspended = Grant("370100", MonthlyBenefit.DisabilityAllowance, "赵暂停", 5_000m, may2025);
        suspended.Suspend(new DateOnly(2026, 6, 1), SuspensionCause.CertificationOverdue, "未按期认证（第六十三条）", null, "officer.jinan", at);
        var later = Grant("370100", MonthlyBenefit.DisabilityAllowance, "钱新核", 3_000m, new DateOnly(2026, 9, 1));
        var qingdao = Grant("370200", MonthlyBenefit.DisabilityAllowance, "孙青岛", 4_000m, may2025);
        await App.InDbAsync(async db =>
        {
            db.Entitlements.AddRange(allowance, nursing, pension, suspended, later, qingdao);
            return await db.SaveChangesAsync();
        });
        return new Granted(allowance.Id, nursing.Id, pension.Id, suspended.Id, later.Id, qingdao.Id);
    }

    private async Task<JsonElement> EnterAsync(int year, string month = "07") =>
        await (await (await App.As("admin")).PostJsonAsync("/api/benefit-adjustments", new
        {
            year, effectiveMonth = $"{year}-{month}", source = Source, disabilityAllowance = new { percent = 3m }, nursingCare = new { amount = 60m },
        })).JsonAsync(HttpStatusCode.Created);

    private static JsonElement Item(JsonElement preview, Guid entitlement) =>
        Assert.Single(preview.GetProperty("items").EnumerateArray(), i => i.GetProperty("entitlementId").GetGuid() == entitlement);

    private async Task<JsonElement> EntitlementAsync(Guid id) =>
        await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements/{id}")).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task The_2026_rule_previewed_and_approved_by_a_supervisor_adjusts_running_benefits_from_July_and_leaves_a_suspended_one()
    {
        At("2026-08-10 09:00");
        var granted = await GrantAsync();
        var rule = await EnterAsync(2026);
        Assert.Equal(("draft", "2026-07", "admin", $"2026年待遇调整（{Source}）"), (rule.Str("status"), rule.Str("effectiveMonth"), rule.Str("enteredBy"), rule.Str("reason")));
        var id = rule.GetProperty("id").GetGuid();

        // The administrator previews the whole province: each amount, the difference, and why the others are not adjusted.
        var admin = await App.As("admin");
        var preview = await (await admin.GetAsync($"/api/benefit-adjustments/{id}/preview?limit=200")).JsonAsync(HttpStatusCode.OK);
        var allowance = Item(preview, granted.Allowance);
        Assert.Equal(("王调整", "伤残津贴", 4_123.50m, 4_247.21m, 123.71m, "adjusted"), (allowance.Str("recipientName"), allowance.Str("benefitLabel"),
            allowance.GetProperty("oldAmount").GetDecimal(), allowance.GetProperty("newAmount").GetDecimal(), allowance.GetProperty("difference").GetDecimal(), allowance.Str("outcome")));
        var nursing = Item(preview, granted.Nursing);
        Assert.Equal(("生活护理费", 3_120m, 3_180m), (nursing.Str("benefitLabel"), nursing.GetProperty("oldAmount").GetDecimal(), nursing.GetProperty("newAmount").GetDecimal()));
        var suspended = Item(preview, granted.Suspended);
        Assert.Equal(("suspended", 5_000m), (suspended.Str("outcome"), suspended.GetProperty("newAmount").GetDecimal()));
        Assert.Contains("第六十二条", suspended.Str("why"), StringComparison.Ordinal);
        var later = Item(preview, granted.Later);
        Assert.Equal("granted-later", later.Str("outcome"));
        Assert.Contains("调整后的基数", later.Str("why"), StringComparison.Ordinal);
        Assert.Equal(4_120m, Item(preview, granted.Qingdao).GetProperty("newAmount").GetDecimal());
        // The rule sets nothing for the dependants' pension: it is no concern of the rule.
        Assert.DoesNotContain(preview.GetProperty("items").EnumerateArray(), i => i.GetProperty("entitlementId").GetGuid() == granted.Pension);
        var total = preview.GetProperty("summary").GetProperty("total");
        Assert.Equal((3, 123.71m + 60m + 120m, 1, 1), (total.GetProperty("adjusted").GetInt32(), total.GetProperty("increase").GetDecimal(),
            total.GetProperty("suspended").GetInt32(), total.GetProperty("grantedLater").GetInt32()));
        var jinanAllowance = Assert.Single(preview.GetProperty("summary").GetProperty("byCity").EnumerateArray(), t => t.Str("city") == "370100" && t.Str("benefit") == "disability-allowance");
        Assert.Equal((1, 4_123.50m, 4_247.21m, 1, 1), (jinanAllowance.GetProperty("adjusted").GetInt32(), jinanAllowance.GetProperty("oldTotal").GetDecimal(),
            jinanAllowance.GetProperty("newTotal").GetDecimal(), jinanAllowance.GetProperty("suspended").GetInt32(), jinanAllowance.GetProperty("grantedLater").GetInt32()));

        // A Jinan supervisor sees Jinan's recipients only (第一百四十条) but the province's figures; Qingdao's list is refused.
        var supervisor = await App.As("supervisor.jinan");
        var jinan = await (await supervisor.GetAsync($"/api/benefit-adjustments/{id}/preview?outcome=adjusted")).JsonAsync(HttpStatusCode.OK);
        Assert.All(jinan.GetProperty("items").EnumerateArray(), i => Assert.Equal(("370100", "adjusted"), (i.Str("city"), i.Str("outcome"))));
        Assert.Equal(2, jinan.GetProperty("items").GetArrayLength());
        Assert.Equal(3, jinan.GetProperty("summary").GetProperty("total").GetProperty("adjusted").GetInt32());
        await (await supervisor.GetAsync($"/api/benefit-adjustments/{id}/preview?city=370200")).ProblemAsync(HttpStatusCode.Forbidden);

        // The administrator who entered it cannot approve it; nothing changed.
        await (await admin.PostJsonAsync($"/api/benefit-adjustments/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(4_123.50m, (await EntitlementAsync(granted.Allowance)).GetProperty("monthlyAmount").GetDecimal());

        // 第一百〇五条 统一进行调整: a city's supervisor does not change the province's amounts; the province's does.
        var refused = await (await supervisor.PostJsonAsync($"/api/benefit-adjustments/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("第一百〇五条", refused.Str("detail"), StringComparison.Ordinal);
        var approved = await (await (await App.As("supervisor.province")).PostJsonAsync($"/api/benefit-adjustments/{id}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("applied", "supervisor.province", 3, 303.71m), (approved.Str("status"), approved.Str("approvedBy"),
            approved.GetProperty("adjustedCount").GetInt32(), approved.GetProperty("adjustedIncrease").GetDecimal()));

        var adjusted = await EntitlementAsync(granted.Allowance);
        var change = adjusted.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("adjusted", "2026-07", 4_247.21m, $"2026年待遇调整（{Source}）", "supervisor.province"),
            (change.Str("kind"), change.Str("fromMonth"), change.GetProperty("monthlyAmount").GetDecimal(), change.Str("reason"), change.Str("by")));
        Assert.Equal(4_247.21m, adjusted.GetProperty("monthlyAmount").GetDecimal());
        Assert.Equal(3_180m, (await EntitlementAsync(granted.Nursing)).GetProperty("monthlyAmount").GetDecimal());

        // July was paid at the old amount: the next run settles it again and pays the difference.
        Assert.Equal(new DateOnly(2026, 7, 1), await App.InDbAsync(db => db.Entitlements.Where(e => e.Id == granted.Allowance).Select(e => e.RecheckFrom).SingleAsync()));

        // The suspended one, the one granted later and the pension are untouched.
        foreach (var untouched in new[] { granted.Suspended, granted.Later, granted.Pension })
        {
            var view = await EntitlementAsync(untouched);
            Assert.DoesNotContain(view.GetProperty("history").EnumerateArray(), c => c.Str("kind") == "adjusted");
        }

        // Approving again is refused, saying it was applied; nothing is adjusted twice.
        var again = await (await App.As("supervisor.province")).PostJsonAsync($"/api/benefit-adjustments/{id}/approve", new { });
        Assert.Contains("已执行", (await again.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Str("detail"), StringComparison.Ordinal);
        Assert.Single((await EntitlementAsync(granted.Allowance)).GetProperty("history").EnumerateArray(), c => c.Str("kind") == "adjusted");

        // Once applied, the preview shows what the application did, with the same figures.
        var done = await (await admin.GetAsync($"/api/benefit-adjustments/{id}/preview?limit=200")).JsonAsync(HttpStatusCode.OK);
        Assert.True(done.GetProperty("applied").GetBoolean());
        Assert.Equal(4_247.21m, Item(done, granted.Allowance).GetProperty("newAmount").GetDecimal());
        Assert.Equal("suspended", Item(done, granted.Suspended).Str("outcome"));
        Assert.Equal(3, done.GetProperty("summary").GetProperty("total").GetProperty("adjusted").GetInt32());
    }

    [Fact]
    public async Task A_draft_is_discarded_by_an_administrator_a_year_takes_one_standing_rule_and_bad_input_names_its_field()
    {
        At("2026-08-10 09:00");
        var admin = await App.As("admin");
        var first = (await EnterAsync(2031)).GetProperty("id").GetGuid();
        var twice = await admin.PostJsonAsync("/api/benefit-adjustments", new { year = 2031, effectiveMonth = "2031-01", source = Source, nursingCare = new { amount = 50m } });
        Assert.Contains("2031年已有待遇调整", await twice.FieldErrorAsync("year"), StringComparison.Ordinal);

        var discarded = await (await admin.PostJsonAsync($"/api/benefit-adjustments/{first}/discard", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("discarded", "admin"), (discarded.Str("status"), discarded.Str("discardedBy")));
        await (await (await App.As("supervisor.province")).PostJsonAsync($"/api/benefit-adjustments/{first}/approve", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("draft", (await EnterAsync(2031)).Str("status"));

        var both = await admin.PostJsonAsync("/api/benefit-adjustments", new { year = 2032, effectiveMonth = "2032-01", source = Source, disabilityAllowance = new { percent = 3m, amount = 50m } });
        Assert.Contains("二者择一", await both.FieldErrorAsync("disabilityAllowance"), StringComparison.Ordinal);
        Assert.Contains("2032", await (await admin.PostJsonAsync("/api/benefit-adjustments", new { year = 2032, effectiveMonth = "2033-01", source = Source, nursingCare = new { amount = 50m } })).FieldErrorAsync("effectiveMonth"), StringComparison.Ordinal);
        await (await admin.PostJsonAsync("/api/benefit-adjustments", new { year = 2032, effectiveMonth = "2032-01", nursingCare = new { amount = 50m } })).FieldErrorAsync("source");
        await (await admin.PostJsonAsync("/api/benefit-adjustments", new { year = 2032, effectiveMonth = "2032-01", source = Source })).FieldErrorAsync("disabilityAllowance");

        // Officers neither enter nor read rules.
        var officer = await App.As("officer.jinan");
        await (await officer.PostJsonAsync("/api/benefit-adjustments", new { year = 2033, effectiveMonth = "2033-01", source = Source, nursingCare = new { amount = 50m } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await officer.GetAsync("/api/benefit-adjustments")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains((await (await admin.GetAsync("/api/benefit-adjustments")).JsonAsync(HttpStatusCode.OK)).EnumerateArray(), a => a.Str("status") == "discarded");
    }
}

public sealed class BenefitAdjustmentOnSqlite(SqliteRuntimeApp app) : BenefitAdjustmentScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class BenefitAdjustmentOnPostgres(PostgresRuntimeApp app) : BenefitAdjustmentScenarios(app), IClassFixture<PostgresRuntimeApp>;
