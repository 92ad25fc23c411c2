using System.Net;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>工伤案件's page: who and what, every case opened on it with its step and deadline, the ledger, and the procedures to open on it.</summary>
public sealed class InjuryCasePageTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task An_officer_sees_the_worker_the_decision_the_cases_on_it_and_can_open_another_from_it()
    {
        app.Factory.Clock.SetUtcNow(new DateTimeOffset(2025, 9, 29, 2, 0, 0, TimeSpan.Zero));
        var officer = await app.As("officer.jinan");
        var injuryCaseId = await TestInjuries.RegisterAsync(officer, TestInjuries.Li, rehabStartsOn: "2025-08-01", rehabEndsOn: "2025-12-31");
        var caseId = (await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "transfer-approval", city = "370100",
            data = new
            {
                injuryCaseId, appliedOn = "2025-09-29", materialsReceived = new[] { "application", "referral-opinion" },
                referral = new { hospital = "济南市第四人民医院", issuedOn = "2025-09-28", destinationHospital = "北京积水潭医院", destinationCityCode = "outside-shandong", destinationProvince = "北京市", destinationCity = "北京市", reason = "需行二期骨科手术" },
            },
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();

        var page = await officer.OpenAsync($"/injury-cases/{injuryCaseId}");
        Assert.Contains("李秀英", page.QuerySelector("[data-testid=worker]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("370105197811020041", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("济南恒达建材有限公司", page.QuerySelector("[data-testid=employer]").Text(), StringComparison.Ordinal);
        Assert.Equal("2025年8月1日 至 2025年12月31日", page.QuerySelector("[data-testid=rehab-period]").Text().Trim());
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=case-row]"));
        Assert.Equal(caseId.ToString(), row.GetAttribute("data-case-id"));
        Assert.Contains("转诊转院备案", row.Text(), StringComparison.Ordinal);

        // Each injury procedure can be opened on it, the injury case filled in.
        var open = page.QuerySelectorAll("[data-testid=open-on-injury] a").Select(a => a.GetAttribute("data-procedure")).ToList();
        Assert.Equal(["advance-payment", "death-benefits", "disability-benefits", "medical-reimbursement", "medical-subsidy", "rehab-extension", "third-party-reimbursement", "transfer-approval"], open.Order(StringComparer.Ordinal));
        Assert.All(page.QuerySelectorAll("[data-testid=open-on-injury] a"), a => Assert.EndsWith("&injuryCaseId=" + injuryCaseId, a.GetAttribute("href"), StringComparison.Ordinal));

        // Found in the list by the worker's name; another city's officer does not find the page.
        var list = await officer.OpenAsync("/injury-cases?q=" + Uri.EscapeDataString("李秀英"));
        Assert.Contains(list.QuerySelectorAll("[data-testid=injury-case-row]"), r => r.GetAttribute("data-id") == injuryCaseId);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("officer.qingdao")).GetAsync(new Uri($"/injury-cases/{injuryCaseId}", UriKind.Relative))).StatusCode);
    }
}
