using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Benefits;

/// <summary>
/// 「待遇调整」 in Chinese (第一百〇五条): the administrator's list and form, a rule's page with its month as 2026年7月, the
/// province's totals and each recipient's old and new amount as ¥4,247.21; the approval button for a supervisor, and the
/// page says why the one who entered a rule does not approve it (第一百一十九条).
/// </summary>
public sealed partial class BenefitAdjustmentPageTests(SqliteRuntimeApp app) : ProcedureScenario(app), IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task The_rule_page_shows_the_preview_in_Chinese_and_the_supervisor_approves_it_there()
    {
        At("2026-08-10 09:00");
        var injuryCase = Guid.Parse(await TestInjuries.RegisterAsync(await App.As("officer.jinan")));
        var caseId = await StartAsync("demo-filing", new { contractEndsOn = "2026-06-30" });
        var entitlement = Entitlement.Grant(new EntitlementGrant(City.Parse("370100"), injuryCase, caseId, MonthlyBenefit.DisabilityAllowance, "王页面",
            TestParties.NewIdNumber(), null, 4_123.50m, new DateOnly(2025, 5, 1), "第七十五条", "伤残待遇核定"), "officer.jinan", App.Factory.Clock.GetUtcNow());
        await App.InDbAsync(async db =>
        {
            db.Entitlements.Add(entitlement);
            return await db.SaveChangesAsync();
        });

        var admin = await App.As("admin");
        var list = await admin.OpenAsync("/benefit-adjustments");
        Assert.NotNull(list.QuerySelector("[data-testid=enter-form]"));
        NoEnglish(list);

        var rule = await (await admin.PostJsonAsync("/api/benefit-adjustments", new
        {
            year = 2026, effectiveMonth = "2026-07", source = "鲁人社字〔2026〕18号", disabilityAllowance = new { percent = 3m }, nursingCare = new { amount = 60m },
        })).JsonAsync(HttpStatusCode.Created);
        var url = $"/benefit-adjustments/{rule.Id()}";

        var mine = await admin.OpenAsync(url);
        Assert.Equal("待审批", mine.QuerySelector("[data-testid=adjustment-status]")!.Text());
        Assert.Contains("2026年7月", mine.QuerySelector("[data-testid=adjustment-summary]")!.Text(), StringComparison.Ordinal);
        Assert.Null(mine.QuerySelector("[data-testid=approve-form]"));
        Assert.NotNull(mine.QuerySelector("[data-testid=discard-form]"));
        var row = mine.QuerySelector($"[data-testid=adjustment-items] tr[data-entitlement=\"{entitlement.Id}\"]")!.Text();
        Assert.Contains("王页面", row, StringComparison.Ordinal);
        Assert.Contains("伤残津贴", row, StringComparison.Ordinal);
        Assert.Contains("¥4,123.50", row, StringComparison.Ordinal);
        Assert.Contains("¥4,247.21", row, StringComparison.Ordinal);
        Assert.Contains("¥123.71", mine.QuerySelector("[data-testid=adjustment-total]")!.Text(), StringComparison.Ordinal);
        NoEnglish(mine);

        // The city's supervisor previews; the province's approves (第一百〇五条 统一进行调整).
        Assert.Null((await (await App.As("supervisor.jinan")).OpenAsync(url)).QuerySelector("[data-testid=approve-form]"));
        var supervisor = await App.As("supervisor.province");
        var page = await supervisor.OpenAsync(url);
        Assert.NotNull(page.QuerySelector("[data-testid=approve-form]"));
        Assert.Null(page.QuerySelector("[data-testid=discard-form]"));
        NoEnglish(page);
    }

    private static void NoEnglish(IDocument page)
    {
        var main = page.QuerySelector("main") ?? page.Body!;
        var words = LatinWords().Matches(main.TextContent).Select(m => m.Value).Distinct().ToList();
        Assert.True(words.Count == 0, "English on the page: " + string.Join(", ", words));
    }

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex LatinWords();
}
