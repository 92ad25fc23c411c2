using System.Text.Json.Nodes;
using Cases.Domain.Parties;
using Cases.Domain.Staff;
using Cases.Workflows.Instances;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// The administrator in Chromium: marks a holiday in the year view, sees the deadlines it moves, confirms
/// and sees the task's new due date; creates a user whose shown password signs in; edits a parameter. The app's
/// clock stands at 2025-10-20 09:00 in China.
/// </summary>
public class AdminPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Actor JinanOfficer = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });

    [Fact]
    public async Task An_admin_adds_a_holiday_in_the_year_view_sees_the_deadline_it_moves_confirms_and_the_task_is_due_a_day_later()
    {
        var caseId = await StartRateCaseAsync("2025-10-20");
        var page = await browser.SignedInAsync("admin");
        var violations = BrowserFixture.CollectCspViolations(page);

        await page.GetByTestId("nav-admin").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/admin/calendar", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Link, new() { Name = "2025", Exact = true }).ClickAsync();
        await page.GetByTestId("day-2025-10-29").ClickAsync();
        Assert.Contains("2025-10-29 现为：工作日", await page.GetByTestId("mark-day").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "admin-calendar.png"), FullPage = true });

        await page.GetByLabel("法定节假日（休息）").CheckAsync();
        await page.GetByLabel("节日名称（节假日、调休上班必填）").FillAsync("地方假日");
        await page.GetByLabel("修改原因").FillAsync("市政府通知（浏览器测试）");
        await page.GetByTestId("preview-day").ClickAsync();

        var row = page.Locator($"[data-testid=moved-row][data-case-id='{caseId}']");
        Assert.Equal("2025-11-03", await row.GetByTestId("moved-from").InnerTextAsync());
        Assert.Equal("2025-11-04", await row.GetByTestId("moved-to").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "admin-calendar-preview.png"), FullPage = true });
        await page.GetByTestId("confirm").ClickAsync();

        Assert.Contains("个待办期限已重新计算", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Holiday", await page.Locator("td[data-date='2025-10-29']").GetAttributeAsync("data-kind"));
        await page.GotoAsync($"/cases/{caseId}");
        Assert.Contains("2025年11月4日", await page.GetByTestId("open-tasks").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("因日历调整重算期限", await page.GetByTestId("timeline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task An_admin_creates_a_user_and_the_user_signs_in_with_the_password_shown_once()
    {
        var page = await browser.SignedInAsync("admin");
        var violations = BrowserFixture.CollectCspViolations(page);

        await page.GotoAsync("/admin/users");
        await page.GetByLabel("用户名（登录名，字母、数字和 . - _ @）").FillAsync("officer.yantai");
        await page.GetByLabel("姓名").FillAsync("烟台经办（测试）");
        await page.GetByLabel("经办人员").CheckAsync();
        await page.GetByLabel("城市").SelectOptionAsync("370600");
        await page.GetByTestId("create-user").ClickAsync();
        var password = (await page.GetByTestId("shown-password").InnerTextAsync()).Trim();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "admin-users.png"), FullPage = true });
        Assert.Empty(violations);

        var user = await browser.NewPageAsync();
        await user.GotoAsync("/account/login");
        await user.GetByLabel("用户名").FillAsync("officer.yantai");
        await user.GetByLabel("密码").FillAsync(password);
        await user.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await user.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        Assert.Equal("烟台经办（测试）", await user.GetByTestId("current-user").InnerTextAsync());
        Assert.Equal(0, await user.GetByTestId("nav-admin").CountAsync());

        // Locking asks first, naming the user and what happens to their session and tasks; only the confirmation locks.
        await page.GotoAsync("/admin/users/officer.yantai");
        await page.GetByTestId("lock-user").ClickAsync();
        Assert.Equal("锁定用户「烟台经办（测试）」？", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("立即无法登录", await page.GetByTestId("lock-confirm-what").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "lock-confirm.png"), FullPage = true });
        await user.ReloadAsync();
        Assert.Equal("烟台经办（测试）", await user.GetByTestId("current-user").InnerTextAsync()); // not yet
        await page.GetByTestId("lock-confirm").ClickAsync();
        Assert.Contains("已锁定用户「烟台经办（测试）」", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        await user.ReloadAsync();
        await user.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task An_admin_corrects_a_parameter_and_sees_it_with_its_source()
    {
        var page = await browser.SignedInAsync("admin");
        var violations = BrowserFixture.CollectCspViolations(page);

        await page.GotoAsync("/admin/parameters");
        await page.GetByLabel("参数", new() { Exact = true }).SelectOptionAsync("hospitalMealDailyStandard");
        await page.GetByLabel("年度").FillAsync("2025");
        await page.GetByLabel("城市（按城市的参数必选）").SelectOptionAsync("370100");
        await page.GetByLabel("数值", new() { Exact = true }).FillAsync("abc");
        await page.GetByLabel("来源（发布机关与文件）").FillAsync("济南市医保局通知（测试）");
        await page.GetByLabel("修改原因").FillAsync("浏览器测试");
        await page.GetByTestId("save-parameter").ClickAsync();
        Assert.Contains("value", await page.GetByTestId("form-errors").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("数值", new() { Exact = true }).FillAsync("30");
        await page.GetByTestId("save-parameter").ClickAsync();
        Assert.Contains("已保存", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        var group = await page.GetByTestId("parameter-group-hospitalMealDailyStandard").InnerTextAsync();
        Assert.Contains("济南市医保局通知（测试）", group, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "admin-parameters.png"), FullPage = true });
        Assert.Empty(violations);
    }

    private async Task<Guid> StartRateCaseAsync(string adjustedOn)
    {
        var body = "91370100" + Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
            ["employerCreditCode"] = body + CreditCode.ComputeCheckCharacter(body),
            ["previousRate"] = 0.005m,
            ["newRate"] = 0.0045m,
            ["effectiveFrom"] = "2025-06",
            ["adjustedOn"] = adjustedOn,
        };
        await using var scope = browser.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new StartCase("fee-rate-objection", "370100", data, JinanOfficer))).CaseId;
    }
}
