using System.Globalization;
using System.Text.RegularExpressions;
using Cases.Domain.Parties;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>受理新案件 and 案件查询 in Chromium under the real Content-Security-Policy: an officer at the counter opens a case and finds it again.</summary>
public partial class CasesPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_opens_a_rehabilitation_extension_fixes_a_refused_field_lands_on_the_workspace_and_finds_the_case()
    {
        // The period ends Wednesday 2025-10-15: on 2025-09-20 the 第四十九条 window (the 15 days before) is still ahead.
        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        var before = browser.App.Clock.GetUtcNow();
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2025, 9, 20, 1, 0, 0, TimeSpan.Zero));
        try
        {
            var body = "370102" + "19880808" + Random.Shared.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
            var idNumber = body + IdNumber.ComputeCheckDigit(body);
            var wrong = idNumber[..17] + (idNumber[17] == '1' ? '2' : '1');

            await page.GotoAsync("/cases");
            await page.GetByTestId("open-case").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "延长工伤康复期申请", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("procedure=rehab-extension", StringComparison.Ordinal));

            await page.GetByLabel("工伤职工身份号码").FillAsync(wrong);
            // The injury case, registered for the worker; the number typed beside it must be that worker's.
            await page.Locator("[name='injuryCaseId']").FillAsync(await BrowserInjuries.RegisterWithNewWorkerAsync(browser, idNumber));
            await page.GetByLabel("康复期起始日").FillAsync("2025-08-01");
            await page.GetByLabel("康复期截止日").FillAsync("2025-10-15");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "康复服务协议机构" }).FillAsync("山东省工伤康复医院");
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "诊疗意见" }).CheckAsync();
            await page.GetByTestId("open").ClickAsync();

            // Refused at the field, everything typed still there.
            var error = page.GetByTestId("error-workerIdNumber");
            Assert.Contains("「工伤职工身份号码」", await error.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("山东省工伤康复医院", await page.GetByRole(AriaRole.Textbox, new() { Name = "康复服务协议机构" }).InputValueAsync());
            Assert.Equal("2025-10-15", await page.GetByLabel("康复期截止日").InputValueAsync());
            Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "诊疗意见" }).IsCheckedAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "new-case-refused.png"), FullPage = true });

            await page.GetByLabel("工伤职工身份号码").FillAsync(idNumber);
            await page.GetByTestId("open").ClickAsync();
            await page.WaitForURLAsync(CaseUrl());
            Assert.Contains("已受理「延长工伤康复期申请」", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
            // The workspace shows the application window's clock with its article.
            var clocks = await page.GetByTestId("pending-clocks").InnerTextAsync();
            Assert.Contains("2025年9月30日", clocks, StringComparison.Ordinal);
            Assert.Contains("第四十九条", clocks, StringComparison.Ordinal);
            var caseId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

            // Found again by the party as the list shows it (the last digits of the worker's number).
            await page.GetByTestId("nav-cases").ClickAsync();
            await page.GetByLabel("当事人或案件编号").FillAsync(idNumber[^4..]);
            await page.GetByLabel("业务", new() { Exact = true }).SelectOptionAsync("rehab-extension");
            await page.GetByTestId("search").ClickAsync();
            var row = page.Locator($"[data-testid=case-row][data-case-id='{caseId}']");
            Assert.EndsWith(idNumber[^4..], await row.GetByTestId("case-party").InnerTextAsync(), StringComparison.Ordinal);
            // At 1280 px the filter row lines up: the controls of one row stand at one height, whatever hint is under a label.
            Assert.Equal(1280, await page.EvaluateAsync<int>("() => window.innerWidth"));
            Assert.True(await page.EvaluateAsync<bool>("""
                () => {
                  const rows = {};
                  for (const c of document.querySelectorAll('[data-testid=case-filters] :is(input.form-control, select.form-select)')) {
                    const top = Math.round(c.closest('[class*=col-]').getBoundingClientRect().top);
                    (rows[top] ??= []).push(Math.round(c.getBoundingClientRect().top));
                  }
                  return Object.values(rows).every(r => Math.max(...r) - Math.min(...r) <= 1);
                }
                """), "The case search's filter controls do not line up at 1280 px.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "case-search.png"), FullPage = true });
            await row.Locator("a.font-monospace").ClickAsync();
            await page.WaitForURLAsync(CaseUrl());
            Assert.EndsWith(caseId, page.Url, StringComparison.Ordinal);
            Assert.Empty(violations);
        }
        finally
        {
            browser.App.Clock.SetUtcNow(before);
        }
    }

    [GeneratedRegex("/cases/[0-9a-f-]{36}$")]
    private static partial Regex CaseUrl();
}
