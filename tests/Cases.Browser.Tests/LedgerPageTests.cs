using System.Text;
using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Domain.Staff;
using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// The ledgers 「台账」 in Chromium: a supervisor opens them from the top bar, finds an advance-payment case with its
/// outstanding balance (第九十三条), keeps only what is outstanding, and downloads the ledger as CSV — without a CSP violation.
/// </summary>
public class LedgerPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Actor JinanReviewer = new("reviewer.jinan", "370100", new HashSet<string> { Roles.Reviewer });

    /// <summary>An advance of 48,000.00 (10/14) with a demand (10/15) and a repayment of 20,000.00 (10/17), through the officers' commands.</summary>
    private async Task<(Guid CaseId, string InjuryCaseId)> PartlyRepaidAdvanceAsync()
    {
        var injuryCaseId = await BrowserInjuries.RegisterAsync(browser);
        var data = new JsonObject
        {
            // 第九十二条: no employer to urge first, and the agency's 30 days to repay.
            ["variant"] = "third-party-unpaid",
            ["appliedOn"] = "2025-10-13",
            ["injuryCaseId"] = injuryCaseId,
            ["workerIdNumber"] = "370102198503120011",
            ["employerCreditCode"] = "91370100MA3C4E5F61",
            ["claimItems"] = new JsonArray(new JsonObject { ["kind"] = "medical", ["amount"] = 48000.00m }),
            ["liableParty"] = new JsonObject { ["name"] = "济南恒达建材有限公司" },
            ["thirdPartyIdentified"] = false,
            ["materialsReceived"] = new JsonArray("written-application", "injury-decision", "no-third-party-proof"),
        };
        var caseId = (await browser.SendAsync(new StartCase("advance-payment", "370100", data, BrowserFixture.JinanOfficer))).CaseId;
        async Task Complete(string outcome, JsonObject fields, Actor by) =>
            await browser.SendAsync(new CompleteTask((await browser.SendAsync(new GetCase(caseId, by))).OpenTasks.Single().Id, outcome, fields, by));
        await Complete("recommend", [], BrowserFixture.JinanOfficer);
        await Complete("approved", new JsonObject { ["approvedAmount"] = 48000.00m, ["advancedOn"] = "2025-10-14" }, JinanReviewer);
        await Complete("issued", new JsonObject { ["demandIssuedOn"] = "2025-10-15" }, BrowserFixture.JinanOfficer);
        await browser.SendAsync(new RecordEvent(caseId, "repayment", new JsonObject { ["repaymentAmount"] = 20000m, ["repaidOn"] = "2025-10-17" }, BrowserFixture.JinanOfficer));
        return (caseId, injuryCaseId);
    }

    [Fact]
    public async Task A_supervisor_opens_the_ledgers_filters_to_what_is_outstanding_and_downloads_the_csv()
    {
        var (caseId, injuryCaseId) = await PartlyRepaidAdvanceAsync();
        var page = await browser.SignedInAsync("supervisor.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "台账", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/ledgers", StringComparison.Ordinal));
        var row = page.Locator($"[data-testid=advance-row][data-case-id='{caseId}']");
        Assert.Equal("¥28,000.00", (await row.GetByTestId("outstanding").InnerTextAsync()).Trim());
        Assert.Equal("追偿中", (await row.GetByTestId("standing").InnerTextAsync()).Trim());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The ledgers scroll sideways at 1280 px.");

        // By keyboard: tick "outstanding only" with the space bar, submit with Enter.
        await page.GetByLabel("仅看有未追回余额的").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByTestId("ledger-filter").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("outstandingOnly=true", StringComparison.Ordinal));
        Assert.Equal(1, await row.CountAsync());
        foreach (var outstanding in await page.Locator("[data-testid=advance-row] [data-testid=outstanding]").AllInnerTextsAsync())
        {
            Assert.NotEqual("¥0.00", outstanding.Trim());
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "ledgers.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("advance-export").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("城市,案件,工伤案件编号", csv, StringComparison.Ordinal);
        // The injury case as officers know it: its recognition decision's number and its worker.
        var decision = (await browser.SendAsync(new Cases.Application.Injuries.GetInjuryCase(Guid.Parse(injuryCaseId), BrowserFixture.JinanOfficer))).RecognitionNumber;
        Assert.Contains($"{decision}（王建国）,济南恒达建材有限公司,追偿中,2025-10-14,\"¥48,000.00\",\"¥20,000.00\",¥0.00,\"¥28,000.00\",2025-10-17", csv, StringComparison.Ordinal);

        await page.SetViewportSizeAsync(768, 1024);
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The ledgers scroll sideways at 768 px.");
        Assert.Empty(violations);
    }
}
