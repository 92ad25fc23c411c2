using System.Text.Json.Nodes;
using Cases.Workflows.Tasks;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// The officer's day in Chromium: the inbox, claiming, the generated form, the case workspace's timeline; and the
/// second officer who finds the task already done. The app's clock stands at 2025-10-20 09:00 in China.
/// </summary>
public class InboxAndCaseTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_claims_a_task_in_the_inbox_completes_it_through_its_form_and_sees_it_on_the_case_timeline()
    {
        var (caseId, taskId) = await browser.StartRateCaseAsync("2025-10-17");
        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "待办", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/inbox", StringComparison.Ordinal));
        await page.GetByTestId("tab-available").ClickAsync();
        var row = page.Locator($"[data-testid=task-row][data-task-id='{taskId}']");
        Assert.Contains("按时", await row.GetByTestId("sla").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("剩 9 个工作日", await row.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "inbox.png"), FullPage = true });

        // Claimed in place: the row stays, now 已领取 with its 办理 link.
        await row.GetByRole(AriaRole.Button, new() { Name = "领取：告知用人单位浮动费率", Exact = false }).ClickAsync();
        Assert.Equal("已领取", (await row.GetByTestId("claimed").InnerTextAsync()).Trim());
        await page.GetByTestId("tab-mine").ClickAsync();
        await page.Locator($"[data-testid=task-row][data-task-id='{taskId}']").GetByTestId("task-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/tasks/{taskId}?from=", StringComparison.Ordinal));

        // Submitted without the date the form requires: refused at the field, in Chinese, nothing applied.
        await page.GetByRole(AriaRole.Button, new() { Name = "已告知" }).ClickAsync();
        Assert.Contains("「单位收到告知日期」必须填写", await page.GetByTestId("error-noticeReceivedOn").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetByLabel("单位收到告知日期").GetAttributeAsync("aria-invalid"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "task-form.png"), FullPage = true });

        await page.GetByLabel("单位收到告知日期").FillAsync("2025-10-20");
        await page.GetByRole(AriaRole.Button, new() { Name = "已告知" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/cases/{caseId}", StringComparison.Ordinal));
        Assert.Contains("案件当前环节：异议期", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        var completed = page.Locator("[data-testid=timeline-entry][data-action=task-completed]");
        Assert.Contains("已告知", await completed.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("留痕校验通过", await page.GetByTestId("journal-verified").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("2025年11月3日", await page.GetByTestId("pending-clocks").InnerTextAsync(), StringComparison.Ordinal); // 10 working days after 10-20
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "case-workspace.png"), FullPage = true });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_second_officer_who_submits_a_task_someone_else_completed_is_told_plainly_and_sees_the_current_state()
    {
        var (_, taskId) = await browser.StartRateCaseAsync("2025-10-17");
        var second = await browser.SignedInAsync("officer2.jinan");
        await second.GotoAsync($"/tasks/{taskId}");
        await second.GetByLabel("单位收到告知日期").FillAsync("2025-10-20");

        // Meanwhile officer.jinan completes it.
        await browser.SendAsync(new CompleteTask(taskId, "notified", new JsonObject { ["noticeReceivedOn"] = "2025-10-18" }, BrowserFixture.JinanOfficer));

        await second.GetByRole(AriaRole.Button, new() { Name = "已告知" }).ClickAsync();
        var conflict = await second.GetByTestId("conflict").InnerTextAsync();
        Assert.Contains("其他人已先处理了此任务", conflict, StringComparison.Ordinal);
        Assert.Contains("已由 张伟（济南经办） 办理完毕（结果：已告知），您的操作未被执行", conflict, StringComparison.Ordinal);
        Assert.Contains("已完成（张伟（济南经办）", await second.GetByTestId("task-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await second.GetByTestId("task-form").CountAsync());
        await second.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "task-conflict.png"), FullPage = true });
    }

    [Fact]
    public async Task Filters_update_the_list_in_place_and_the_inbox_fits_a_tablet()
    {
        var (_, late) = await browser.StartRateCaseAsync("2025-09-01");
        var (_, fresh) = await browser.StartRateCaseAsync("2025-10-17");
        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GotoAsync("/inbox?tab=available");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        // Changing a select is enough: htmx fetches the list, swaps it in and puts the filter in the address bar.
        await page.GetByLabel("时限状态").SelectOptionAsync("breached");
        await page.WaitForURLAsync(url => url.Contains("sla=breached", StringComparison.Ordinal));
        await page.Locator($"[data-testid=task-row][data-task-id='{fresh}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(1, await page.Locator($"[data-testid=task-row][data-task-id='{late}']").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page was reloaded instead of updated in place.");
        Assert.Equal("已超时", (await page.Locator($"[data-testid=task-row][data-task-id='{late}'] [data-testid=sla]").InnerTextAsync()).Trim());

        // The keyboard reaches the row's claim button and presses it.
        var lateRow = page.Locator($"[data-testid=task-row][data-task-id='{late}']");
        await lateRow.GetByTestId("claim").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("已领取", (await lateRow.GetByTestId("claimed").InnerTextAsync()).Trim());

        await page.SetViewportSizeAsync(768, 1024);
        await page.GotoAsync("/inbox?tab=mine");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The inbox scrolls sideways at 768 px.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "inbox-tablet.png"), FullPage = true });
        Assert.Empty(violations);
    }
}
