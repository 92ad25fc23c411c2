using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// 第八十九条: papers obtainable through 部门间信息共享 need not be provided again. In Chromium, under the real
/// Content-Security-Policy, an officer marks the traffic police's liability finding as shared, names the source, and the
/// workspace shows it received from there; the form needs no script for it.
/// </summary>
public sealed class SharedMaterialsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Police = "济南市公安局交通警察支队";

    [Fact]
    public async Task An_officer_marks_a_paper_as_obtained_by_sharing_with_its_source_and_the_workspace_shows_it_received_from_there()
    {
        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        var before = browser.App.Clock.GetUtcNow();
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2025, 9, 29, 2, 0, 0, TimeSpan.Zero));
        try
        {
            await page.GotoAsync("/cases/new?procedure=third-party-reimbursement");
            await page.Locator("[name=injuryCaseId]").FillAsync(await BrowserInjuries.RegisterAsync(browser));
            await page.Locator("[name=workerIdNumber]").FillAsync("370102198503120011");
            await page.Locator("[name=employerCreditCode]").FillAsync("91370100MA3C4E5F61");
            await page.Locator("select[name=accidentType]").SelectOptionAsync("traffic");
            await page.Locator("select[name=compensationDecidedBy]").SelectOptionAsync("accident-authority-mediation");
            await page.Locator("[name=eligibleMedicalCost]").FillAsync("20000");

            // The mediation agreement is handed over at the counter; the liability finding comes from the police by sharing.
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "事故民事赔偿调解书" }).CheckAsync();
            var shared = page.GetByTestId("shared-accident-liability-finding");
            await shared.GetByRole(AriaRole.Checkbox, new() { Name = "已通过部门间信息共享获取" }).CheckAsync();
            await shared.GetByRole(AriaRole.Textbox).FillAsync(Police);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "shared-material-form.png"), FullPage = true });
            await page.GetByTestId("open").ClickAsync();

            await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/cases/[0-9a-f-]{36}$"));
            var finding = page.Locator("[data-testid=material][data-material=accident-liability-finding]");
            Assert.Equal("已收", (await finding.Locator(".badge").InnerTextAsync()).Trim());
            Assert.Contains(Police, await finding.GetByTestId("material-shared").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Empty(violations);
        }
        finally
        {
            browser.App.Clock.SetUtcNow(before);
        }
    }
}
