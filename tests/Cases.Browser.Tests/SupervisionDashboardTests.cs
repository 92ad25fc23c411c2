using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// The supervisor's dashboard 「督办」 in Chromium: the breached list, a bulk reassignment of two breached tasks, the
/// lists and the workload updated, the charts drawn by the vendored Chart.js — all without a CSP violation.
/// </summary>
public class SupervisionDashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_supervisor_opens_the_dashboard_and_bulk_reassigns_two_breached_tasks()
    {
        var first = await StartLateRateCaseAsync();
        var second = await StartLateRateCaseAsync();
        var page = await browser.SignedInAsync("supervisor.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "督办", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/supervision", StringComparison.Ordinal));
        var breached = page.GetByTestId("list-breached");
        var firstRow = breached.Locator($"[data-testid=task-row][data-task-id='{first}']");
        var secondRow = breached.Locator($"[data-testid=task-row][data-task-id='{second}']");
        Assert.Equal("（未领取）", (await firstRow.GetByTestId("assignee").InnerTextAsync()).Trim());
        // Chart.js drew both charts from their data attributes.
        Assert.True(await page.EvaluateAsync<bool>("() => ['chart-weeks', 'chart-steps'].every(id => Chart.getChart(document.getElementById(id)) !== undefined)"));

        await firstRow.Locator("input[name=selected]").CheckAsync();
        await secondRow.Locator("input[name=selected]").CheckAsync();
        await breached.GetByLabel("所选任务改派给").SelectOptionAsync("officer2.jinan");
        await breached.GetByTestId("bulk-reassign-breached").ClickAsync();

        // The confirmation names whom the tasks go to and lists them; only its button reassigns.
        Assert.Equal("将 2 项任务改派给王芳（济南经办）？", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(2, await page.GetByTestId("reassign-confirm-row").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "reassign-confirm.png"), FullPage = true });
        await page.GetByTestId("reassign-confirm").ClickAsync();

        Assert.Equal("已将 2 项任务改派给王芳（济南经办）。", (await page.GetByTestId("notice").InnerTextAsync()).Trim());
        Assert.Equal("王芳（济南经办）", (await page.GetByTestId("list-breached").Locator($"[data-testid=task-row][data-task-id='{first}'] [data-testid=assignee]").InnerTextAsync()).Trim());
        Assert.Equal("王芳（济南经办）", (await page.GetByTestId("list-breached").Locator($"[data-testid=task-row][data-task-id='{second}'] [data-testid=assignee]").InnerTextAsync()).Trim());
        var load = page.Locator("[data-testid=workload-row][data-officer='officer2.jinan']");
        Assert.True(int.Parse(await load.GetByTestId("workload-breached").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The dashboard scrolls sideways at 1280 px.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard.png"), FullPage = true });

        await page.SetViewportSizeAsync(768, 1024);
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The dashboard scrolls sideways at 768 px.");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task When_the_test_clock_passes_a_deadline_the_supervisor_sees_the_breach_and_reassigns_it()
    {
        // Notified within 10 working days of 2025-10-17: due 2025-10-31, on time at the app's 2025-10-20.
        var task = await StartRateCaseAsync("2025-10-17");
        var page = await browser.SignedInAsync("supervisor.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GotoAsync("/supervision");
        var row = page.GetByTestId("list-breached").Locator($"[data-testid=task-row][data-task-id='{task}']");
        Assert.Equal(0, await row.CountAsync());

        var before = browser.App.Clock.GetUtcNow();
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 4, 1, 0, 0, TimeSpan.Zero));
        try
        {
            await browser.RunDueTimersAsync();

            await page.ReloadAsync();
            await row.WaitForAsync();
            await row.Locator("select[name=userName]").SelectOptionAsync("officer2.jinan");
            await row.Locator("form.reassign-row button[type=submit]").ClickAsync();
            await page.GetByTestId("reassign-confirm").ClickAsync();
            await page.GetByTestId("notice").WaitForAsync();
            Assert.Equal("王芳（济南经办）", (await page.GetByTestId("list-breached").Locator($"[data-testid=task-row][data-task-id='{task}'] [data-testid=assignee]").InnerTextAsync()).Trim());
            Assert.Empty(violations);
        }
        finally
        {
            browser.App.Clock.SetUtcNow(before);
        }
    }

    [Fact]
    public async Task The_navigation_badge_shows_an_unacknowledged_escalation_until_the_supervisor_acknowledges_it()
    {
        var task = await StartLateRateCaseAsync();
        await browser.RunDueTimersAsync(); // raises its escalation

        var page = await browser.SignedInAsync("supervisor.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        var badge = page.GetByTestId("badge-escalations");
        await badge.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var before = int.Parse((await badge.Locator("[data-count]").InnerTextAsync()).TrimEnd('+'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("项未确认的升级事项", await badge.Locator("[data-label]").TextContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "督办", Exact = true }).ClickAsync();
        var row = page.GetByTestId("escalations").Locator("[data-testid=escalation-row]").Filter(new() { Has = page.Locator($"a[href='/tasks/{task}']") });
        await row.GetByLabel("确认说明（可选）").FillAsync("已电话督促，今日办结");
        await row.GetByTestId("acknowledge").ClickAsync();

        Assert.Equal("已确认该升级事项，记入案件日志。", (await page.GetByTestId("notice").InnerTextAsync()).Trim());
        Assert.StartsWith("已确认", (await row.GetByTestId("escalation-acknowledgement").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Contains("刘强（济南主管）", await row.GetByTestId("escalation-acknowledgement").InnerTextAsync(), StringComparison.Ordinal);
        if (before == 1)
        {
            await badge.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        }
        else
        {
            await Assertions.Expect(badge.Locator("[data-count]")).ToHaveTextAsync((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Empty(violations);
    }

    private Task<Guid> StartLateRateCaseAsync() => StartRateCaseAsync("2025-09-01"); // its 10 working days ended in September: breached at the app's 2025-10-20

    private async Task<Guid> StartRateCaseAsync(string adjustedOn) => (await browser.StartRateCaseAsync(adjustedOn)).TaskId;
}
