using Microsoft.Playwright;

namespace Cases.Browser.Tests;

public class LoginTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_logs_in_through_the_login_page_and_sees_the_workbench_of_their_city()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/");
        Assert.NotNull(response);
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);

        // Labels are real <label for> pairs: the fields are found by their Chinese labels, as a screen reader would.
        await page.GetByLabel("用户名").FillAsync("officer.jinan");
        await page.GetByLabel("密码").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        Assert.Equal("工作台", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("张伟", await page.GetByTestId("current-user").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("济南", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        // The demo data is scoped to the officer's city: 11 Jinan employers of the 43 seeded (the 8 generated, the party of the
        // demo cases, 张三's employer and the employer of the demo deregistration).
        Assert.Equal("11", await page.GetByTestId("count-employers").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "workbench.png") });
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_page_in_Chinese()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("officer.jinan");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        Assert.Contains("用户名或密码错误", await page.GetByTestId("login-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_mistyped_password_the_first_page_tells_of_the_failed_attempt_once()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("reviewer.jinan");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        Assert.Contains("用户名或密码错误", await page.GetByTestId("login-error").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("密码").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        Assert.Contains("有 1 次登录失败的尝试", await page.GetByTestId("failed-sign-ins").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Equal(0, await page.GetByTestId("failed-sign-ins").CountAsync());
    }

    [Fact]
    public async Task The_page_runs_no_inline_script_under_its_content_security_policy()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        var response = await page.GotoAsync("/account/login");
        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await page.GetByLabel("用户名").FillAsync("officer.jinan");
        Assert.Empty(violations);
    }
}
