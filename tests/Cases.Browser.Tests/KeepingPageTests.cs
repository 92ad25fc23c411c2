using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Application.Persistence;
using Cases.Domain.Benefits;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Workflows.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Browser.Tests;

/// <summary>
/// keep: 「定期待遇」 in Chromium — an officer finds a widow by her whole identity number (the list shows it masked), records
/// her social-security card account (第九十七条) and sees it in the history as 账户, with the grant before it. Every wait
/// is on what the page shows.
/// </summary>
public class KeepingPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A spouse's pension of 2,400.00 from this month on a death-benefits case, granted directly: the page is the subject, not the grant.</summary>
    private async Task<(Guid Id, string IdNumber)> PensionAsync()
    {
        var body = "370102" + "19700303" + Random.Shared.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
        var widow = body + IdNumber.ComputeCheckDigit(body);
        var workerBody = "370102" + "19680808" + Random.Shared.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
        var injuryCaseId = await BrowserInjuries.RegisterWithNewWorkerAsync(browser, workerBody + IdNumber.ComputeCheckDigit(workerBody));
        var today = Cases.Domain.Calendar.ChinaTime.DateOf(browser.App.Clock.GetUtcNow());
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
            ["injuryCaseId"] = injuryCaseId, ["applicant"] = "next-of-kin", ["appliedOn"] = Day(-1), ["deathOn"] = Day(-12), ["hasDependants"] = false,
            ["dependants"] = new JsonArray(), ["materialsReceived"] = new JsonArray("application", "death-papers", "designated-account"),
        };
        var caseId = (await browser.SendAsync(new StartCase("death-benefits", "370100", data, BrowserFixture.JinanOfficer))).CaseId;
        var pension = Entitlement.Grant(new EntitlementGrant(City.Parse("370100"), Guid.Parse(injuryCaseId), caseId, MonthlyBenefit.DependantsPension, "郑秀兰", widow,
            DependantRelation.Spouse, 2_400m, new DateOnly(today.Year, today.Month, 1), "第八十二条", "核定供养亲属抚恤金"), "reviewer.jinan", browser.App.Clock.GetUtcNow());
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDb>();
        db.Entitlements.Add(pension);
        await db.SaveChangesAsync();
        return (pension.Id, widow);
    }

    [Fact]
    public async Task An_officer_finds_a_recipient_records_her_account_and_sees_the_history()
    {
        var (id, widow) = await PensionAsync();
        var officer = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(officer);

        await officer.GotoAsync("/");
        await officer.GetByTestId("nav-keeping").ClickAsync();
        await officer.GetByLabel("领取人姓名或完整身份证号码").FillAsync(widow);
        await officer.GetByTestId("recipient-search-submit").ClickAsync();
        var row = officer.Locator($"[data-testid=recipients] tr[data-recipient='{id}']");
        await row.WaitForAsync();
        var listed = await row.InnerTextAsync();
        Assert.Contains("郑秀兰", listed, StringComparison.Ordinal);
        Assert.Contains(widow[..6] + "********" + widow[14..], listed, StringComparison.Ordinal);
        Assert.DoesNotContain(widow, listed, StringComparison.Ordinal);

        await row.GetByTestId("recipient-link").ClickAsync();
        await officer.GetByTestId("recipient-name").WaitForAsync();
        var card = officer.Locator($"[data-entitlement='{id}']");
        Assert.Contains("供养亲属抚恤金", await card.Locator("h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("2,400.00 元", (await card.GetByTestId("monthly-amount").InnerTextAsync()).Trim());
        Assert.Contains("尚未登记", await card.GetByTestId("entitlement-account").InnerTextAsync(), StringComparison.Ordinal);

        // 第九十七条: the form says the rule and offers her social-security card first.
        await card.GetByTestId("account-details").Locator("summary").ClickAsync();
        Assert.Contains("社会保障卡", await card.GetByTestId("account-hint").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("social-security-card", await card.GetByLabel("账户类别").InputValueAsync());
        await card.GetByLabel("账号").FillAsync("6222021602001234568");
        await card.GetByLabel("开户银行").FillAsync("中国工商银行济南分行");
        await card.GetByTestId("account-submit").ClickAsync();
        await officer.GetByTestId("notice").Filter(new() { HasText = "已登记发放账户" }).WaitForAsync();

        card = officer.Locator($"[data-entitlement='{id}']");
        Assert.Contains("6222***********4568", await card.GetByTestId("entitlement-account").InnerTextAsync(), StringComparison.Ordinal);
        var history = card.GetByTestId("history").Locator("li");
        Assert.Equal(2, await history.CountAsync());
        Assert.Contains("核定", await history.Nth(0).InnerTextAsync(), StringComparison.Ordinal);
        var recorded = await history.Nth(1).InnerTextAsync();
        Assert.Contains("账户", recorded, StringComparison.Ordinal);
        Assert.Contains("第九十七条", recorded, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}年\d{1,2}月", recorded);
        Assert.DoesNotContain("6222021602001234568", await officer.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal($"/injury-cases/", (await card.GetByTestId("injury-case-link").GetAttributeAsync("href"))![..14]);
        await officer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "keeping-recipient.png"), FullPage = true });

        Assert.Empty(violations);
    }
}
