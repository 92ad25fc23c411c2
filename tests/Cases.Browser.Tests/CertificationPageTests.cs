using Cases.Application.Persistence;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>certify: 「资格认证」 in Chromium under the real Content-Security-Policy: an officer records an overdue recipient's certification.</summary>
public sealed class CertificationPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_certifies_an_overdue_recipient_by_an_agent_and_finds_them_among_the_recently_certified()
    {
        var page = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        var body = "370102" + "19660606" + Random.Shared.Next(0, 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        var certification = Certification.Open(Guid.CreateVersion7(), City.Jinan, body + IdNumber.ComputeCheckDigit(body), "褚文华", new DateOnly(2024, 9, 1), 12);
        Assert.True(certification.MarkOverdue(new DateOnly(2025, 9, 2)));
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CasesDb>();
            db.Certifications.Add(certification);
            await db.SaveChangesAsync();
        }

        await page.GotoAsync("/certifications");
        var row = page.Locator($"[data-testid=overdue] [data-certification='{certification.Id}']");
        Assert.Contains("褚文华", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.GetByLabel("认证方式").SelectOptionAsync("agent");
        await row.GetByLabel("认证说明").FillAsync("其女持委托书及本人近照代办");
        await row.GetByRole(AriaRole.Button, new() { Name = "登记认证" }).ClickAsync();

        Assert.Contains("已登记 褚文华 的资格认证", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"[data-testid=overdue] [data-certification='{certification.Id}']").CountAsync());
        Assert.Contains("代办", await page.Locator($"[data-testid=certified] [data-certification='{certification.Id}']").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "certification-recorded.png"), FullPage = true });
        Assert.Empty(violations);
    }
}
