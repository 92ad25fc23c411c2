using System.Text.RegularExpressions;
using Cases.Application.Injuries;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// 工伤医疗（康复）费用手工报销 in a zh-CN Chromium, from the counter to the payment orders (规程 第六十六～七十条、第九十四条):
/// the officer opens the claim on a registered injury case, types the bill one item a line with its kind by its label,
/// and sends it to the item-by-item review; the reviewer reads each decision (money as ¥, the reason in Chinese, a refused
/// item marked) and approves; the case ends 「已核准，部分支付」 and the injury case's page lists the orders. Everything
/// the officer reads is Chinese. The app's clock stands at 2025-10-20 09:00 in China.
/// </summary>
public sealed partial class MedicalReimbursementPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Procedure = "medical-reimbursement";

    [Fact]
    public async Task An_officer_claims_a_three_item_bill_on_the_pages_the_reviewer_reads_each_decision_and_approves_and_the_orders_follow()
    {
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2025, 10, 20, 1, 0, 0, TimeSpan.Zero));
        var codes = SixProceduresTests.Codes(Procedure);
        // 王建国, injured 2024-03-10; the appraisal committee set his rehabilitation period (第四十三条).
        var injury = await BrowserInjuries.RegisterAsync(browser);
        await browser.SendAsync(new ConfirmRehabilitation(Guid.Parse(injury), new DateOnly(2024, 5, 1), new DateOnly(2024, 8, 31), BrowserFixture.JinanOfficer));

        // 受理新案件 → 工伤医疗（康复）费用手工报销: the injury case, who claims, the day, the papers received (第六十六条).
        var officer = await browser.SignedInAsync("officer.jinan");
        await officer.GotoAsync($"/cases/new?procedure={Procedure}");
        var start = officer.GetByTestId("new-case-form");
        await SixProceduresTests.Reads(officer, Procedure, "start form", codes);
        await start.Locator("[name='injuryCaseId']").FillAsync(injury);
        await start.Locator("select[name='claimant']").SelectOptionAsync(new SelectOptionValue { Label = "工伤职工本人" });
        await start.Locator("[name='appliedOn']").FillAsync("2025-10-20");
        foreach (var paper in new[] { "receipts", "cost-list", "medical-records" })
        {
            await start.Locator($"input[type=checkbox][name=materialsReceived][value='{paper}']").CheckAsync();
        }

        await officer.GetByTestId("open").ClickAsync();
        await officer.WaitForURLAsync(CaseUrl());
        var caseUrl = new Uri(officer.Url).AbsolutePath;
        await SixProceduresTests.Reads(officer, Procedure, "case", codes);

        // The check (第六十九条、第七十条), on the task page: the bill one item a line, each kind by its label.
        await officer.GetByTestId("open-tasks").GetByRole(AriaRole.Link).First.ClickAsync();
        await officer.WaitForURLAsync(url => url.Contains("/tasks/", StringComparison.Ordinal));
        await SixProceduresTests.Reads(officer, Procedure, "check task", codes);
        var form = officer.GetByTestId("task-form");
        Assert.Contains("类别（医疗费/康复费）", await form.Locator("[data-field=bills] .form-text").InnerTextAsync(), StringComparison.Ordinal);
        await form.Locator("[name='recognitionAppliedOn']").FillAsync("2024-03-20");
        await form.Locator("select[name='insuredWhenInjured']").SelectOptionAsync(new SelectOptionValue { Label = "是" });
        await form.Locator("select[name='treatmentPapersComplete']").SelectOptionAsync(new SelectOptionValue { Label = "是" });
        await form.Locator("select[name='consistentWithInjury']").SelectOptionAsync(new SelectOptionValue { Label = "是" });
        await form.Locator("select[name='thirdPartyCompensated']").SelectOptionAsync(new SelectOptionValue { Label = "否" });
        await form.Locator("select[name='overseas']").SelectOptionAsync(new SelectOptionValue { Label = "否" });
        // 甲 paid in full; an item in no catalogue (第四十条); a rehabilitation item inside the period (第四十四条).
        await form.Locator("textarea[name='bills']").FillAsync(
            "331601001, 清创缝合术, 2024-03-12, 1, 260.00, 医疗费, \n" +
            "ZZ9999, 自购营养品, 2024-03-15, 1, 120.00, 医疗费, \n" +
            "340200001, 运动疗法, 2024-06-05, 1, 150.00, 康复费, ");
        // 第六十七条: 10 days in hospital at 30.00 a day.
        await form.Locator("[name='hospitalDays']").FillAsync("10");
        await form.Locator("[name='mealDailyStandard']").FillAsync("30");
        await form.Locator("[name='payee']").FillAsync("王建国");
        await form.Locator("select[name='payeeKind']").SelectOptionAsync(new SelectOptionValue { Label = "工伤职工" });
        await form.Locator("[name='payeeAccount']").FillAsync("6222021602001234568");
        await form.Locator("[name='payeeBank']").FillAsync("中国工商银行济南分行");
        await form.GetByRole(AriaRole.Button, new() { Name = "审核费用明细", Exact = true }).ClickAsync();
        await officer.WaitForURLAsync(url => url.EndsWith(caseUrl, StringComparison.Ordinal));

        // The reviewer's task page: each item's decision in a table, the totals, all in Chinese.
        var reviewer = await browser.SignedInAsync("reviewer.jinan");
        await reviewer.GotoAsync(caseUrl);
        await reviewer.GetByTestId("open-tasks").GetByRole(AriaRole.Link).First.ClickAsync();
        await reviewer.WaitForURLAsync(url => url.Contains("/tasks/", StringComparison.Ordinal));
        var text = await SixProceduresTests.Reads(reviewer, Procedure, "approve task", codes);
        var decisions = reviewer.GetByTestId("list-billDecisions");
        var rows = decisions.Locator("tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        Assert.Contains("¥260.00", await rows.Nth(0).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("none", await rows.Nth(0).GetAttributeAsync("data-refused"));
        Assert.Equal("whole", await rows.Nth(1).GetAttributeAsync("data-refused"));
        Assert.Equal("不予支付", (await rows.Nth(1).GetByTestId("refused-mark").InnerTextAsync()).Trim());
        Assert.Contains("不在 2024年3月15日 适用的工伤保险“三目录”内", await rows.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("¥120.00", await rows.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("¥150.00", await rows.Nth(2).InnerTextAsync(), StringComparison.Ordinal);
        // Claimed 260 + 120 + 150 = 530.00; the fund pays 410.00; 120.00 refused; the meal subsidy 300.00.
        var totals = await reviewer.Locator("[data-field=billTotals]").InnerTextAsync();
        Assert.Contains("¥530.00", totals, StringComparison.Ordinal);
        Assert.Contains("¥410.00", totals, StringComparison.Ordinal);
        Assert.Contains("¥300.00", text, StringComparison.Ordinal);
        await reviewer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "reimbursement-approve.png"), FullPage = true });

        await reviewer.GetByTestId("task-form").GetByRole(AriaRole.Button, new() { Name = "核准", Exact = true }).ClickAsync();
        await reviewer.WaitForURLAsync(url => url.EndsWith(caseUrl, StringComparison.Ordinal));

        // The officer's case page: the end state, and the decisions as the case keeps them.
        await officer.GotoAsync(caseUrl);
        await SixProceduresTests.Reads(officer, Procedure, "case after approval", codes);
        Assert.Equal("已办结", (await officer.GetByTestId("case-status").InnerTextAsync()).Trim());
        Assert.Contains("已核准，部分支付", await officer.GetByTestId("case-outcome").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("whole", await officer.GetByTestId("list-billDecisions").Locator("tbody tr").Nth(1).GetAttributeAsync("data-refused"));

        // The injury case's page: one order a benefit (第九十四条), to 王建国's card.
        await officer.GotoAsync($"/injury-cases/{injury}");
        await SixProceduresTests.Reads(officer, Procedure, "injury case", codes);
        var payments = await officer.GetByTestId("payments-section").InnerTextAsync();
        foreach (var amount in new[] { "¥260.00", "¥150.00", "¥300.00", "¥710.00" })
        {
            Assert.Contains(amount, payments, StringComparison.Ordinal);
        }

        Assert.Equal(3, await officer.GetByTestId("payments-section").Locator("tbody tr").CountAsync());
        Assert.Contains("王建国", payments, StringComparison.Ordinal);
        await officer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "reimbursement-orders.png"), FullPage = true });
    }

    [GeneratedRegex(@"/cases/[0-9a-f-]{36}$")]
    private static partial Regex CaseUrl();
}
