using System.Text;
using System.Text.Json.Nodes;
using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// The case workspace's comments, attachments and printable one-time notice, and the inbox's saved filters, in
/// Chromium under the real Content-Security-Policy. The app's clock stands at 2025-10-20 09:00 in China.
/// </summary>
public class CaseworkTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Script = "<script>alert('x')</script>";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
    private static int _serial = Random.Shared.Next(100_000, 900_000);

    [Fact]
    public async Task An_officer_comments_uploads_and_downloads_a_pdf_and_prints_the_one_time_notice()
    {
        var caseId = await RateCaseWithNoticeAsync();
        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GotoAsync($"/cases/{caseId}");

        // A comment with markup in it: kept and shown as text, never run.
        await page.GetByLabel("添加备注").FillAsync(Script + "\n已电话联系单位");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加备注" }).ClickAsync();
        // A comment cannot be edited once added: the page asks first, the question takes the focus, the text stays in its box.
        var question = page.GetByTestId("comment-confirm-what");
        Assert.Contains("备注提交后不能修改或撤回", await question.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await question.EvaluateAsync<bool>("e => e === document.activeElement"));
        Assert.Equal(Script + "\n已电话联系单位", await page.GetByLabel("添加备注").InputValueAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "comment-confirm.png"), FullPage = true });
        await page.GetByTestId("comment-confirm").ClickAsync();
        Assert.Equal("备注已添加。", await page.GetByTestId("notice").InnerTextAsync());
        Assert.Equal(Script + "\n已电话联系单位", await page.GetByTestId("comment-text").First.TextContentAsync());
        Assert.Equal(0, dialogs);

        // A PDF for one material of the checklist, then downloaded as it was.
        await page.GetByLabel("文件", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "安全生产标准化证书.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByLabel("对应材料（可不选）").SelectOptionAsync("supporting-materials");
        await page.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        Assert.Equal("已上传「安全生产标准化证书.pdf」。", await page.GetByTestId("notice").InnerTextAsync());
        var material = page.Locator("[data-testid=material][data-material=supporting-materials]");
        Assert.Equal("安全生产标准化证书.pdf", await material.GetByTestId("material-file").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "case-casework.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("attachment-link").ClickAsync());
        Assert.Equal("安全生产标准化证书.pdf", download.SuggestedFilename);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(await download.PathAsync()));

        // The notice the runtime sent, on its own printable sheet.
        await page.GetByTestId("notice-link").GetByRole(AriaRole.Link).ClickAsync();
        // The sheet's elements are awaited below; waiting for the whole load event as well only adds a way to time out on a busy machine.
        await page.WaitForURLAsync(url => url.Contains("/notices/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        var sheet = page.GetByTestId("notice-sheet");
        Assert.Equal("济南市社会保险经办机构", await sheet.GetByTestId("notice-agency").InnerTextAsync());
        Assert.Contains("申请重新核定的相关材料", await sheet.GetByTestId("notice-item").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("第二十二条", await sheet.GetByTestId("notice-item").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("请补充安全生产标准化等级证书", await sheet.GetByTestId("notice-reasons").Locator("p").InnerTextAsync());
        Assert.True(await page.Locator("header nav").IsVisibleAsync());

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header nav").IsVisibleAsync());
        Assert.False(await page.GetByTestId("print").IsVisibleAsync());
        Assert.False(await page.Locator("body > footer").IsVisibleAsync());
        Assert.True(await sheet.GetByTestId("notice-agency").IsVisibleAsync());
        Assert.True(await sheet.GetByTestId("notice-date").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "missing-materials-notice-print.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task An_officer_saves_the_inbox_filter_on_screen_and_applies_it_later()
    {
        var name = "临近到期 " + Interlocked.Increment(ref _serial).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GotoAsync("/inbox?tab=available");

        // The filters change the list in place (htmx); the save form beside the results follows them.
        await page.GetByLabel("时限状态").SelectOptionAsync("warning");
        await page.WaitForURLAsync(url => url.Contains("sla=warning", StringComparison.Ordinal));
        await page.GetByLabel("几个工作日内到期").FillAsync("5");
        // Straight on to the name: leaving the field changes the list (htmx) while the user types; the save form stays.
        await page.GetByLabel("将当前筛选保存为").FillAsync(name);
        await page.WaitForURLAsync(url => url.Contains("within=5", StringComparison.Ordinal));
        Assert.Equal(name, await page.GetByLabel("将当前筛选保存为").InputValueAsync());
        await page.GetByLabel("共享给").SelectOptionAsync("officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存筛选" }).ClickAsync();
        Assert.Contains($"已保存筛选「{name}」，并共享给本市的经办人员", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("within=5", page.Url, StringComparison.Ordinal); // the values on screen, not those the page was drawn with

        // Later, from a clean inbox: one click brings the filter back.
        await page.GotoAsync("/inbox?tab=available");
        Assert.Equal("", await page.GetByLabel("时限状态").InputValueAsync());
        await page.GetByTestId("saved-filter").Filter(new() { HasText = name }).GetByTestId("apply-filter").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("sla=warning", StringComparison.Ordinal));
        Assert.Equal("warning", await page.GetByLabel("时限状态").InputValueAsync());
        Assert.Equal("5", await page.GetByLabel("几个工作日内到期").InputValueAsync());
        Assert.True(await page.GetByTestId("tab-available").GetAttributeAsync("aria-current") == "page");

        await page.GetByRole(AriaRole.Button, new() { Name = $"删除筛选「{name}」" }).ClickAsync();
        // Asked first: which filter, and that the officers it is shared with lose it too.
        Assert.Contains("删除后他们也将不再看到它", await page.GetByTestId("delete-filter-confirm-what").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "delete-filter-confirm.png"), FullPage = true });
        await page.GetByTestId("delete-filter-confirm").ClickAsync();
        Assert.Equal("筛选已删除。", await page.GetByTestId("notice").InnerTextAsync());
        Assert.Equal(0, await page.GetByTestId("saved-filter").Filter(new() { HasText = name }).CountAsync());
        Assert.Empty(violations);
    }

    /// <summary>A fee-rate objection whose officer asked for the missing supporting materials: one notice in the outbox.</summary>
    private async Task<Guid> RateCaseWithNoticeAsync()
    {
        var (caseId, notify) = await browser.StartRateCaseAsync("2025-10-17");
        await browser.SendAsync(new CompleteTask(notify, "notified", new JsonObject { ["noticeReceivedOn"] = "2025-10-17" }, BrowserFixture.JinanOfficer));
        var objected = await browser.SendAsync(new RecordEvent(caseId, "objection", new JsonObject
        {
            ["receivedOn"] = "2025-10-20",
            ["reason"] = "安全生产标准化等级已提升",
            ["materialsReceived"] = new JsonArray("objection-application"),
        }, BrowserFixture.JinanOfficer));
        await browser.SendAsync(new CompleteTask(objected.OpenTasks.Single().Id, "missing-materials", new JsonObject { ["grounds"] = "请补充安全生产标准化等级证书" }, BrowserFixture.JinanOfficer));
        return caseId;
    }
}
