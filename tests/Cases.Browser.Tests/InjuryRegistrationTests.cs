using System.Globalization;
using Cases.Application.Parties;
using Cases.Domain.Parties;

namespace Cases.Browser.Tests;

/// <summary>
/// Injury pages in Chromium: an officer on a worker's page registers his injury case from the recognition decision —
/// the worker and his employer already filled in, a missing day said at its field — and lands on the injury case's
/// page, its dates as China dates, without a CSP violation.
/// </summary>
public class InjuryRegistrationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_registers_an_injury_case_from_the_workers_page_and_lands_on_it()
    {
        var body = "370102" + "19900606" + Random.Shared.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
        var idNumber = body + IdNumber.ComputeCheckDigit(body);
        var worker = await browser.SendAsync(new RegisterWorker(idNumber, "冯晓东", null, "91370100MA3C4E5F61", BrowserFixture.JinanOfficer));
        var number = string.Create(CultureInfo.InvariantCulture, $"济人社工认字〔2025〕第{Random.Shared.Next(100_000, 999_999)}号");

        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GotoAsync($"/workers/{worker.Id}");
        await page.GetByTestId("register-injury-case").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/injury-cases/new", StringComparison.Ordinal));
        Assert.Contains("冯晓东", await page.GetByTestId("picked-worker").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("91370100MA3C4E5F61", await page.GetByLabel("用人单位统一社会信用代码").InputValueAsync());
        Assert.DoesNotContain(idNumber, await page.ContentAsync(), StringComparison.Ordinal);

        // The day of the decision forgotten: said at its field, what was typed kept.
        await page.GetByLabel("工伤认定决定书编号").FillAsync(number);
        await page.GetByLabel("受伤日期").FillAsync("2025-05-10");
        await page.GetByLabel("受伤经过").FillAsync("在车间搬运钢材时砸伤右脚");
        await page.GetByTestId("register").ClickAsync();
        Assert.Equal("请填写工伤认定日期。", (await page.GetByTestId("error-recognizedOn").InnerTextAsync()).Trim());
        Assert.Equal(number, await page.GetByLabel("工伤认定决定书编号").InputValueAsync());

        await page.GetByLabel("工伤认定日期").FillAsync("2025-06-20");
        await page.GetByTestId("register").ClickAsync();
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/injury-cases/[0-9a-f-]{36}$"));
        Assert.Equal(number, (await page.GetByTestId("recognition-number").InnerTextAsync()).Trim());
        Assert.Equal("2025年5月10日", (await page.GetByTestId("injured-on").InnerTextAsync()).Trim());
        Assert.Contains("冯晓东", await page.GetByTestId("worker").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(violations);
    }
}
