using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Domain.Staff;
using Cases.Workflows.Instances;
using Cases.Workflows.Records;
using Cases.Workflows.Tasks;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// A completion that cannot be undone asks first, in Chromium (zh-CN): a notice date that closes the objection window at
/// once (第二十二条) and an advance payment's approval (第九十三条) each show what will happen — the last day and the end
/// the case comes to, the amount in figures and in capitals — and complete only after 「确认提交」. The app's clock
/// stands at 2025-10-20 09:00 in China.
/// </summary>
public class CompletionConfirmTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Actor JinanReviewer = new("reviewer.jinan", "370100", new HashSet<string> { Roles.Reviewer });

    [Fact]
    public async Task An_old_notice_date_shows_the_window_closed_and_the_end_state_keeps_the_values_to_correct_and_completes_once_confirmed()
    {
        // An unchanged rate: nothing to settle (第二十二条 ¶2), so the window's close ends the case.
        var (caseId, taskId) = await browser.StartRateCaseAsync("2025-09-22", newRate: 0.005m);
        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GotoAsync($"/tasks/{taskId}");

        // Received Friday 9/26: 10 working days over the National Day holidays and two make-up days end on 10/16.
        await page.GetByLabel("单位收到告知日期").FillAsync("2025-09-26");
        await page.GetByRole(AriaRole.Button, new() { Name = "已告知", Exact = true }).ClickAsync();

        var box = page.GetByRole(AriaRole.Alert).Filter(new() { Has = page.GetByTestId("confirm-closing") });
        Assert.Equal("异议期已于2025年10月16日届满，提交后案件将办结为“无异议，费率确定”。", (await box.GetByTestId("confirm-closing").InnerTextAsync()).Trim());
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'confirm-completion'");
        Assert.Equal("2025-09-26", await page.GetByLabel("单位收到告知日期").InputValueAsync());
        Assert.Equal(HumanTaskStatus.Open, (await browser.SendAsync(new GetCase(caseId, BrowserFixture.JinanOfficer))).OpenTasks.Single().Status);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "task-confirm.png"), FullPage = true });

        // 返回修改: the box goes, what was typed stays, the cursor is back in the form.
        await box.GetByRole(AriaRole.Button, new() { Name = "返回修改" }).ClickAsync();
        Assert.Equal(0, await page.GetByTestId("confirm-box").CountAsync());
        Assert.Equal("2025-09-26", await page.GetByLabel("单位收到告知日期").InputValueAsync());
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.name === 'noticeReceivedOn'");

        // Submitted again as it was: asked again, then confirmed.
        await page.GetByRole(AriaRole.Button, new() { Name = "已告知", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/cases/{caseId}", StringComparison.Ordinal));

        // The window's timer was due before the completion: it fires at once, and the case ends.
        await browser.RunDueTimersAsync();
        await page.ReloadAsync();
        Assert.Equal("已办结", (await page.GetByTestId("case-status").InnerTextAsync()).Trim());
        Assert.Contains("无异议，费率确定", await page.GetByTestId("case-outcome").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Approving_an_advance_shows_the_amount_in_capitals_and_completes_only_after_confirming()
    {
        var injuryCaseId = await BrowserInjuries.RegisterAsync(browser);
        var data = new JsonObject
        {
            // 第九十二条: no employer to urge first, so the case is in review at once.
            ["variant"] = "third-party-unpaid",
            ["appliedOn"] = "2025-10-20",
            ["injuryCaseId"] = injuryCaseId,
            ["workerIdNumber"] = "370102198503120011",
            ["employerCreditCode"] = "91370100MA3C4E5F61",
            ["claimItems"] = new JsonArray(new JsonObject { ["kind"] = "medical", ["amount"] = 48000.00m }),
            ["thirdPartyIdentified"] = false,
            ["liableParty"] = new JsonObject { ["name"] = "济南恒达建材有限公司" },
            ["materialsReceived"] = new JsonArray("written-application", "injury-decision", "no-third-party-proof"),
        };
        var caseId = (await browser.SendAsync(new StartCase("advance-payment", "370100", data, BrowserFixture.JinanOfficer))).CaseId;
        var review = (await browser.SendAsync(new GetCase(caseId, BrowserFixture.JinanOfficer))).OpenTasks.Single().Id;
        await browser.SendAsync(new CompleteTask(review, "recommend", [], BrowserFixture.JinanOfficer));
        var approve = (await browser.SendAsync(new GetCase(caseId, JinanReviewer))).OpenTasks.Single().Id;

        var page = await browser.SignedInAsync("reviewer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GotoAsync($"/tasks/{approve}");
        await page.GetByLabel("核定先行支付金额").FillAsync("13250.40");
        await page.GetByLabel("先行支付日期").FillAsync("2025-10-20");
        await page.GetByRole(AriaRole.Button, new() { Name = "核定支付", Exact = true }).ClickAsync();

        var payment = page.GetByTestId("confirm-payment");
        Assert.Equal("将核定支付 ¥13,250.40（壹万叁仟贰佰伍拾元肆角整）给王建国。", (await payment.InnerTextAsync()).Trim());
        Assert.Equal("alert", await page.GetByTestId("confirm-box").GetAttributeAsync("role"));
        Assert.Equal("13250.40", await page.GetByLabel("核定先行支付金额").InputValueAsync());
        // Nothing is paid yet.
        Assert.Equal(approve, (await browser.SendAsync(new GetCase(caseId, JinanReviewer))).OpenTasks.Single().Id);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "payment-confirm.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/cases/{caseId}", StringComparison.Ordinal));
        var paid = await browser.SendAsync(new GetCase(caseId, JinanReviewer));
        Assert.Equal("issue-recovery-demand", paid.State);
        Assert.Equal(13250.40m, paid.Data!["outstanding"]!.GetValue<decimal>());
        Assert.Empty(violations);
    }
}
