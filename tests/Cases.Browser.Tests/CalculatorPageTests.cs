using System.Globalization;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

public class CalculatorPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_runs_the_late_fee_and_dependants_pension_calculators_through_their_pages()
    {
        var page = await browser.NewPageAsync();
        var violations = BrowserFixture.CollectCspViolations(page);

        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("officer.jinan");
        await page.GetByLabel("密码").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        // The nav link leads to the list of the 12 calculators.
        await page.GetByRole(AriaRole.Link, new() { Name = "待遇计算" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/calculations", StringComparison.Ordinal));
        Assert.Equal(12, await page.GetByTestId("calculator-list").Locator(".card").CountAsync());
        Assert.Contains("第二十八条", await page.GetByTestId("calculator-list").InnerTextAsync(), StringComparison.Ordinal);

        // 滞纳金: 12,345.67 × 0.05% × 3 days = 18.518505 → 18.52 (第二十八条).
        await page.GetByRole(AriaRole.Link, new() { Name = "滞纳金", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/calculations/late-fee", StringComparison.Ordinal));
        await page.GetByLabel("欠缴金额").FillAsync("12345.67");
        await page.GetByLabel("应缴日期").FillAsync("2024-02-27");
        await page.GetByLabel("实缴日期").FillAsync("2024-03-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();

        await page.GetByTestId("result").WaitForAsync();
        Assert.Equal("3", (await page.GetByTestId("result-days").InnerTextAsync()).Trim());
        Assert.Equal("¥18.52", (await page.GetByTestId("result-amount").InnerTextAsync()).Trim());
        var citing = page.GetByTestId("explanation").Locator("tbody tr").Filter(new() { HasText = "第二十八条" });
        Assert.True(await citing.CountAsync() >= 1);
        Assert.Contains("12,345.67", await page.GetByTestId("explanation").InnerTextAsync(), StringComparison.Ordinal);
        // The form keeps what was entered.
        Assert.Equal("12345.67", await page.GetByLabel("欠缴金额").InputValueAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "calculator.png"), FullPage = true });

        // A negative arrears is refused at the field, in Chinese, naming the field and the value given, once.
        await page.GetByLabel("欠缴金额").FillAsync("-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();
        var fieldError = await page.GetByTestId("error-arrears").InnerTextAsync();
        Assert.Contains("「欠缴金额」不能为负数", fieldError, StringComparison.Ordinal);
        Assert.DoesNotContain("输入有误", fieldError, StringComparison.Ordinal);
        Assert.Contains("不能为负数", await page.GetByTestId("form-errors").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByTestId("result").CountAsync());
        Assert.Equal("true", await page.GetByLabel("欠缴金额").GetAttributeAsync("aria-invalid"));

        // 供养亲属抚恤金: 40% + 30% + 40% = 110% > 100%, so each share is scaled by 100% ÷ 110% (第八十四条).
        await page.GotoAsync("/calculations/dependants-pension");
        await page.GetByLabel("计发基数").FillAsync("5000");
        await page.GetByLabel("供养亲属").FillAsync("李芳, 配偶\n王小明, child\n王大山, 父母, 是");
        await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();
        await page.GetByTestId("result").WaitForAsync();

        var shares = await page.GetByTestId("result-dependants").InnerTextAsync();
        Assert.Contains("¥1,818.18", shares, StringComparison.Ordinal); // 5000 × 40% ÷ 110%
        Assert.Contains("¥1,363.64", shares, StringComparison.Ordinal); // 5000 × 30% ÷ 110%
        Assert.Equal("是", (await page.GetByTestId("result-scaled").InnerTextAsync()).Trim());
        var totalText = (await page.GetByTestId("result-total").InnerTextAsync()).Replace("¥", "", StringComparison.Ordinal).Trim();
        var total = decimal.Parse(totalText, NumberStyles.Number, CultureInfo.InvariantCulture);
        Assert.True(total <= 5000m, $"total {total} exceeds the base");
        Assert.Equal(5000.00m, total);
        Assert.True(await page.GetByTestId("explanation").Locator("tbody tr").Filter(new() { HasText = "第八十四条" }).CountAsync() >= 1);

        Assert.Empty(violations);
    }

    [Fact]
    public async Task Every_calculator_form_opens_with_a_label_for_each_control_and_unknown_names_are_not_found()
    {
        var page = await browser.SignedInAsync();
        var violations = BrowserFixture.CollectCspViolations(page);
        foreach (var calculator in Cases.Domain.Calculations.CalculatorCatalog.All)
        {
            var response = await page.GotoAsync($"/calculations/{calculator.Name}");
            Assert.Equal(200, response!.Status);
            Assert.Equal(calculator.TitleZh, await page.Locator("h1").InnerTextAsync());
            var controls = page.GetByTestId("calculator-form").Locator("input:not([type=hidden]), select, textarea");
            Assert.True(await controls.CountAsync() > 0, calculator.Name);
            foreach (var control in await controls.AllAsync())
            {
                var id = await control.GetAttributeAsync("id");
                Assert.Equal(1, await page.Locator($"label[for='{id}']").CountAsync());
            }
        }

        // 参保地市 offers the 16 cities, in Chinese.
        await page.GotoAsync("/calculations/disability");
        Assert.Equal(17, await page.GetByLabel("参保地市").Locator("option").CountAsync()); // 16 cities + （不填）
        Assert.Contains("济南市", await page.GetByLabel("参保地市").InnerTextAsync(), StringComparison.Ordinal);

        var missing = await page.GotoAsync("/calculations/no-such-calculator");
        Assert.Equal(404, missing!.Status);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_figure_missing_from_the_parameter_table_is_named_and_bad_list_lines_are_shown_at_their_field()
    {
        var page = await browser.SignedInAsync();

        // No provincial average wage is shipped in the parameter table: the page names it instead of guessing one.
        await page.GotoAsync("/calculations/nursing-care");
        await page.GetByLabel("生活自理障碍等级").SelectOptionAsync(new SelectOptionValue { Label = "完全" });
        await page.GetByLabel("年度").FillAsync("2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();
        Assert.Contains("参数表缺少「全省月平均工资」，请在表单中填写或联系管理员录入", await page.GetByTestId("missing-parameter").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("2025", await page.GetByLabel("年度").InputValueAsync());

        // Given on the form, the same calculation runs: 50% of 8,000.00.
        await page.GetByLabel("全省月平均工资").FillAsync("8000");
        await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();
        Assert.Equal("¥4,000.00", (await page.GetByTestId("result-monthlyAmount").InnerTextAsync()).Trim());

        // A line the page cannot read, and a line the domain refuses (monthlyWageTotals[1].month → the list's field).
        await page.GotoAsync("/calculations/rate-difference");
        await page.GetByLabel("原费率").FillAsync("0.004");
        await page.GetByLabel("核定费率").FillAsync("0.005");
        await page.GetByLabel("月工资总额").FillAsync("2025-07, 850000\n2025-08, abc");
        await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();
        Assert.Contains("第 2 行", await page.GetByTestId("error-monthlyWageTotals").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("月工资总额").FillAsync("2025-07, 850000\n2025/08, 900000");
        await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();
        var error = await page.GetByTestId("error-monthlyWageTotals").InnerTextAsync();
        Assert.Contains("「月工资总额」第 2 行「月份」", error, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM", error, StringComparison.Ordinal);

        await page.GetByLabel("月工资总额").FillAsync("2025-07, 850000\n2025-08, 900000");
        await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();
        Assert.Equal("¥1,750.00", (await page.GetByTestId("result-difference").InnerTextAsync()).Trim());
    }
}
