using Cases.Application.Parties;
using Cases.Application.Persistence;
using Cases.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>The auditor's page 「审计」 in Chromium: finding who saw a worker's whole number, shown masked.</summary>
public class AuditPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Actor JinanOfficer = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });

    [Fact]
    public async Task An_auditor_finds_the_views_of_a_workers_number_by_the_person_and_sees_them_masked()
    {
        // An officer looks a demo worker of 济南 up with a purpose: the view the auditor will look for.
        string idNumber;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CasesDb>();
            var worker = await (from w in db.Workers
                                join e in db.Employers on w.EmployerId equals e.Id
                                where e.CityCode == "370100"
                                orderby w.Name
                                select w).FirstAsync();
            idNumber = worker.IdNumber.Value;
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetWorker(idNumber, JinanOfficer, "浏览器审计测试：核对申请人"));
        }

        var page = await browser.SignedInAsync("auditor");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "审计", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/audit", StringComparison.Ordinal));
        await page.GetByLabel("被查看人（完整身份证号码或电话）").FillAsync(idNumber);
        await page.GetByLabel("被查看人（完整身份证号码或电话）").PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("subject=", StringComparison.Ordinal));

        var row = page.GetByTestId("audit-row").Filter(new() { HasText = "浏览器审计测试" });
        await row.WaitForAsync();
        Assert.Equal("officer.jinan", (await row.GetByTestId("audit-user").InnerTextAsync()).Trim());
        Assert.Equal(idNumber[..6] + "********" + idNumber[14..], (await row.GetByTestId("audit-subject").InnerTextAsync()).Trim());
        Assert.DoesNotContain(idNumber, await page.GetByTestId("audit-results").InnerTextAsync(), StringComparison.Ordinal);

        // A masked number is no search: the page says why instead of listing nothing.
        await page.GetByLabel("被查看人（完整身份证号码或电话）").FillAsync(idNumber[..6] + "********" + idNumber[14..]);
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await page.GetByTestId("filter-problem").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "audit.png"), FullPage = true });

        Assert.Empty(violations);
    }
}
