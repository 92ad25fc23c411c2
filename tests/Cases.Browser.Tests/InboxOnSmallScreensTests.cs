using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Application.Parties;
using Cases.Domain.Parties;
using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// The inbox on a phone and from the keyboard, and the officer's path without dead ends: cards at 390 px, the first
/// 领取 within five Tab presses, the focus kept on a claimed row, 领取并办理, 办理下一项, and 工作台 counted from the
/// last visit. The app's clock stands at 2025-10-20 09:00 in China unless a test moves it (and puts it back).
/// </summary>
public class InboxOnSmallScreensTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task At_390_px_the_inbox_is_a_list_of_cards_the_first_claim_is_five_tabs_away_and_a_claim_keeps_the_focus_on_its_row()
    {
        await NamedRateCaseAsync("卡片" + Guid.NewGuid().ToString("N")[..6], "2025-10-17");
        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/inbox?tab=available");

        // No column header is shown; each row is a card wide enough that a step title reads as words, not a column of characters.
        var headers = page.Locator("[data-testid=inbox-table] thead th");
        for (var i = 0; i < await headers.CountAsync(); i++)
        {
            Assert.False(await headers.Nth(i).IsVisibleAsync(), "A column header is visible at 390 px.");
        }

        var cards = page.GetByTestId("task-row");
        Assert.True(await cards.CountAsync() > 0);
        for (var i = 0; i < Math.Min(await cards.CountAsync(), 5); i++)
        {
            var card = await cards.Nth(i).BoundingBoxAsync();
            Assert.True(card is { Width: > 300 }, $"Card {i} is {card?.Width} px wide.");
            var step = await cards.Nth(i).GetByTestId("task-link").BoundingBoxAsync();
            Assert.True(step is { Width: > 60 }, $"The step title of card {i} is {step?.Width} px wide.");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The inbox scrolls sideways at 390 px.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "inbox-mobile.png"), FullPage = true });

        // Tab: the skip link comes first; Enter goes to the list; three more Tabs (the row's box, case, step) and the fifth is 领取.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-to-list", await page.EvaluateAsync<string>("() => document.activeElement.dataset.testid"));
        Assert.Equal("跳到任务列表", (await page.GetByTestId("skip-to-list").InnerTextAsync()).Trim());
        await page.Keyboard.PressAsync("Enter");
        for (var i = 0; i < 4; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("claim", await page.EvaluateAsync<string>("() => document.activeElement.dataset.testid"));
        var firstRow = await page.EvaluateAsync<string>("() => document.activeElement.closest('[data-testid=task-row]').dataset.taskId");

        // Enter claims it in place: the row stays, now 已领取, and the keyboard is on its 办理 link.
        await page.Keyboard.PressAsync("Enter");
        var row = page.Locator($"[data-testid=task-row][data-task-id='{firstRow}']");
        await row.GetByTestId("open-claimed").WaitForAsync();
        Assert.Equal("已领取", (await row.GetByTestId("claimed").InnerTextAsync()).Trim());
        Assert.Equal(firstRow, await page.EvaluateAsync<string>("() => document.activeElement.closest('[data-testid=task-row]')?.dataset.taskId"));
        Assert.Equal("open-claimed", await page.EvaluateAsync<string>("() => document.activeElement.dataset.testid"));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Claim_and_open_opens_the_task_and_after_completing_it_next_task_opens_the_next_of_the_same_filter()
    {
        var party = "顺办" + Guid.NewGuid().ToString("N")[..6];
        var (_, first) = await NamedRateCaseAsync(party + "甲", "2025-10-10");
        var (_, second) = await NamedRateCaseAsync(party + "乙", "2025-10-17");
        var page = await browser.SignedInAsync("officer2.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GotoAsync("/inbox?tab=available");
        await page.GetByLabel("当事人").FillAsync(party);
        await page.GetByLabel("当事人").PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("party=", StringComparison.Ordinal));
        await page.Locator($"[data-testid=task-row][data-task-id='{second}']").WaitForAsync();

        await page.Locator($"[data-testid=task-row][data-task-id='{first}']").GetByTestId("claim-open").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/tasks/{first}", StringComparison.Ordinal));
        Assert.Contains("已领取，请办理", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("单位收到告知日期").FillAsync("2025-10-20");
        await page.GetByRole(AriaRole.Button, new() { Name = "已告知" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/cases/", StringComparison.Ordinal));

        // The filter travelled with the task as "mine": the other task of the party is still 可领取, so claim it first.
        await browser.SendAsync(new ClaimTask(second, new("officer2.jinan", "370100", new HashSet<string> { Cases.Domain.Staff.Roles.Officer })));
        await page.GetByTestId("next-task").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/tasks/{second}", StringComparison.Ordinal));
        await page.GetByTestId("task-form").WaitForAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_workbench_shows_my_tasks_due_soonest_and_what_a_colleague_did_on_my_case_since_my_last_visit()
    {
        var (caseId, taskId) = await NamedRateCaseAsync("工作台" + Guid.NewGuid().ToString("N")[..6], "2025-10-13");
        var officer = BrowserFixture.JinanOfficer;
        await browser.SendAsync(new ClaimTask(taskId, officer));
        var page = await browser.SignedInAsync("officer.jinan");
        var before = browser.App.Clock.GetUtcNow();
        try
        {
            await page.GotoAsync("/");
            await page.Locator($"[data-testid=due-task][data-task-id='{taskId}']").WaitForAsync();

            await browser.SendAsync(new CompleteTask(taskId, "notified", new JsonObject { ["noticeReceivedOn"] = "2025-10-20" }, officer));
            browser.App.Clock.Advance(TimeSpan.FromHours(1));
            await browser.SendAsync(new RecordEvent(caseId, "objection", new JsonObject { ["receivedOn"] = "2025-10-20", ["reason"] = "费率核定有误" },
                new("officer2.jinan", "370100", new HashSet<string> { Cases.Domain.Staff.Roles.Officer })));
            browser.App.Clock.Advance(TimeSpan.FromHours(16));

            await page.GotoAsync("/");
            var changes = await page.GetByTestId("change").Filter(new() { HasText = caseId.ToString("N")[^8..].ToUpperInvariant() }).AllInnerTextsAsync();
            Assert.Contains(changes, c => c.Contains("王芳（济南经办） 登记", StringComparison.Ordinal));
            Assert.Contains("自上次访问以来的变化", await page.GetByTestId("changes").InnerTextAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "workbench.png"), FullPage = true });
        }
        finally
        {
            browser.App.Clock.SetUtcNow(before);
        }
    }

    private static int _serial = Random.Shared.Next(100_000, 900_000);

    /// <summary>A fee-rate objection of 济南 for a newly registered employer of that name: its notify-employer task is open to officers.</summary>
    private async Task<(Guid CaseId, Guid TaskId)> NamedRateCaseAsync(string employerName, string adjustedOn)
    {
        var body = "91370100" + Interlocked.Increment(ref _serial).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var code = body + CreditCode.ComputeCheckCharacter(body);
        await browser.SendAsync(new RegisterEmployer(code, employerName + "有限公司", 1, "370100", null, BrowserFixture.JinanOfficer));
        var data = new JsonObject
        {
            ["employerCreditCode"] = code,
            ["previousRate"] = 0.005m,
            ["newRate"] = 0.0045m,
            ["effectiveFrom"] = "2025-06",
            ["adjustedOn"] = adjustedOn,
        };
        var started = await browser.SendAsync(new StartCase("fee-rate-objection", "370100", data, BrowserFixture.JinanOfficer));
        var view = await browser.SendAsync(new GetCase(started.CaseId, BrowserFixture.JinanOfficer));
        return (started.CaseId, view.OpenTasks.Single().Id);
    }
}
