using System.Text.Json.Nodes;
using Cases.Application.Seeding;
using Cases.Workflows.Instances;

namespace Cases.Browser.Tests;

/// <summary>
/// 「当事人」 in Chromium: an officer thinks of the person — 张三, injured on 2025-05-10 — types his name, opens his page,
/// sees his cases with their clocks (法定时限 / 本机构时限), and opens a new case for his injury case from there, the
/// injury case already filled in — without a CSP violation.
/// </summary>
public class PartiesPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_finds_zhang_san_sees_his_cases_and_clocks_and_opens_a_case_for_his_injury()
    {
        // A rehabilitation case naming him by his number and his injury case (DemoSeed registers him, his employer and the injury).
        var caseId = (await browser.SendAsync(new StartCase("rehab-extension", "370100", new JsonObject
        {
            ["workerIdNumber"] = PeopleDemo.WorkerIdNumber,
            ["injuryCaseId"] = PeopleDemo.InjuryCaseId.ToString(),
            ["rehabStartsOn"] = "2025-09-01",
            ["rehabEndsOn"] = "2025-11-28",
            ["institution"] = "山东省工伤康复医院",
        }, BrowserFixture.JinanOfficer))).CaseId;

        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GetByTestId("nav-parties").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/parties", StringComparison.Ordinal));
        await page.GetByLabel("姓名、身份号码后几位、电话后四位、单位名称、统一社会信用代码或项目编号").FillAsync("张三");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        var hit = page.Locator("[data-testid=party-hit][data-kind=worker]").Filter(new() { HasText = "济南鲁泰建设工程有限公司" });
        Assert.Equal(1, await hit.CountAsync());
        // Masked in the list: the whole number never reaches the page.
        Assert.DoesNotContain(PeopleDemo.WorkerIdNumber, await page.ContentAsync(), StringComparison.Ordinal);

        await hit.GetByTestId("party-hit-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/workers/", StringComparison.Ordinal));
        Assert.Equal("张三", (await page.GetByTestId("worker-name").InnerTextAsync()).Trim());
        var row = page.Locator($"[data-testid=party-case][data-case='{caseId}']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("延长", await row.InnerTextAsync(), StringComparison.Ordinal);
        // Its clocks, each with the date as a China date and who sets the limit.
        var clocks = row.Locator("[data-testid=party-clock], [data-testid=party-task]");
        Assert.True(await clocks.CountAsync() > 0);
        Assert.Contains("年", await clocks.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await row.GetByTestId("clock-source").CountAsync() > 0);
        // The injury of 2025-05-10 and the insured period, filed on time.
        var injury = page.Locator($"[data-testid=worker-injury][data-injury='{PeopleDemo.InjuryCaseId}']");
        Assert.Contains("2025年5月10日", await injury.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByTestId("filing-late").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "worker.png"), FullPage = true });

        await injury.Locator("[data-testid=open-injury-case][data-procedure=transfer-approval]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/cases/new", StringComparison.Ordinal));
        Assert.Equal(PeopleDemo.InjuryCaseId.ToString(), await page.Locator("[name=injuryCaseId]").InputValueAsync());
        Assert.Empty(violations);
    }
}
