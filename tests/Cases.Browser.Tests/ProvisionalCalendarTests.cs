using System.Text.Json.Nodes;
using Cases.Testing;
using Cases.Workflows.Instances;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// December 2026 in Chromium, with 2027's holiday notice not yet imported: an officer sends a one-time notice on a
/// transfer case and sees its resubmission deadline marked 暂定; the administrator is reminded on every page, pastes the
/// notice's text, sees it beside the provisional year and the deadline it moves, confirms, and the mark is gone.
/// Its own app (class fixture): the import makes 2027 official.
/// </summary>
public class ProvisionalCalendarTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officers_deadline_in_2027_is_marked_provisional_until_the_admin_imports_the_pasted_notice()
    {
        // 2026-12-10 10:00 in China.
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var started = await browser.SendAsync(new StartCase("transfer-approval", "370100", new JsonObject
        {
            ["materialsReceived"] = new JsonArray("application"),
            ["injuryCaseId"] = await BrowserInjuries.RegisterAsync(browser),
            ["workerIdNumber"] = "370102198503120011",
            ["employerCreditCode"] = "91370100MA3C4E5F61",
            ["appliedOn"] = "2026-12-09",
            ["referral"] = new JsonObject
            {
                ["hospital"] = "济南市第四人民医院",
                ["issuedOn"] = "2026-12-08",
                ["destinationHospital"] = "北京积水潭医院",
                ["destinationCityCode"] = "outside-shandong", ["destinationProvince"] = "北京市", ["destinationCity"] = "北京市",
                ["reason"] = "需行二期骨科手术",
            },
        }, BrowserFixture.JinanOfficer));

        var officer = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(officer);
        await officer.GotoAsync($"/cases/{started.CaseId}");
        await officer.GetByTestId("open-tasks").GetByRole(AriaRole.Link).First.ClickAsync();
        await officer.GetByLabel("审核意见").FillAsync("请补交协议机构出具的转诊意见原件");
        await officer.GetByTestId("outcome-missing-materials").ClickAsync();
        await officer.WaitForURLAsync(url => url.Contains($"/cases/{started.CaseId}", StringComparison.Ordinal));

        // 30 days after 12/10 is Saturday 2027-01-09: on 2027's provisional days the period ends Monday 1/11.
        var clocks = officer.GetByTestId("pending-clocks");
        Assert.Contains("2027年1月11日", await clocks.InnerTextAsync(), StringComparison.Ordinal);
        var mark = clocks.Locator("[data-provisional='2027']").First;
        Assert.Contains("暂定", await mark.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("2027年放假安排尚未公布", await mark.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        await officer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "provisional-deadline.png"), FullPage = true });

        var admin = await browser.SignedInAsync("admin");
        var adminViolations = BrowserFixture.CollectCspViolations(admin);
        Assert.Contains("2027年放假安排尚未导入，相关期限为暂定", await admin.GetByTestId("calendar-reminder").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await admin.GetByTestId("badge-calendar").CountAsync());
        await admin.GetByTestId("calendar-reminder").GetByRole(AriaRole.Link).ClickAsync();
        Assert.NotNull(await admin.GetByTestId("year-provisional").ElementHandleAsync());
        await admin.GetByLabel("通知全文").FillAsync(SampleNotices.Notice2027);
        await admin.GetByTestId("preview-notice").ClickAsync();

        // Beside the provisional year: Monday 1/4 becomes a holiday, Saturday 1/9 a working day; 2/9 (补假) stays.
        Assert.Equal("true", await admin.Locator("[data-testid=notice-day][data-date='2027-01-04']").GetAttributeAsync("data-changed"));
        Assert.Equal("true", await admin.Locator("[data-testid=notice-day][data-date='2027-01-09']").GetAttributeAsync("data-changed"));
        Assert.Equal("false", await admin.Locator("[data-testid=notice-day][data-date='2027-02-09']").GetAttributeAsync("data-changed"));
        var moved = admin.Locator($"[data-testid=moved-row][data-case-id='{started.CaseId}']");
        Assert.Equal("2027-01-11", await moved.First.GetByTestId("moved-from").InnerTextAsync());
        Assert.Equal("2027-01-09", await moved.First.GetByTestId("moved-to").InnerTextAsync());
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "notice-import-preview.png"), FullPage = true });
        await admin.GetByTestId("confirm").ClickAsync();

        Assert.Contains("已导入 2027 年日历", await admin.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await admin.GetByTestId("calendar-reminder").CountAsync());
        Assert.Equal(0, await admin.GetByTestId("year-provisional").CountAsync());

        await officer.ReloadAsync();
        Assert.Contains("2027年1月9日", await officer.GetByTestId("pending-clocks").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await officer.Locator("[data-provisional]").CountAsync());
        Assert.Empty(violations);
        Assert.Empty(adminViolations);
    }
}
