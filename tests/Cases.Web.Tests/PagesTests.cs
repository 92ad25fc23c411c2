using System.Net;
using System.Text.RegularExpressions;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests;

public sealed partial class PagesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Login_page_is_anonymous_and_shows_the_form_in_Chinese()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("用户名", html, StringComparison.Ordinal);
        Assert.Contains("密码", html, StringComparison.Ordinal);
        Assert.Contains("<form", html, StringComparison.Ordinal);
        Assert.Contains("name=\"UserName\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Password\"", html, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_without_sign_in_redirects_to_login()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/account/login", (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]));
        Assert.Contains("ReturnUrl=%2F", location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_after_sign_in_shows_the_user_and_today()
    {
        var client = await app.As("officer.jinan");

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Razor writes non-ASCII model text as character references; the browser shows the same characters.
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("张伟（济南经办）", html, StringComparison.Ordinal);
        Assert.Contains("2025年10月20日", html, StringComparison.Ordinal); // the test clock: 2025-10-20 09:00 in China
    }

    [Fact]
    public async Task Home_page_counts_only_the_workers_of_the_users_city()
    {
        var jinan = await app.As("officer.jinan");
        var province = await app.As("supervisor.province");
        var jinanWorkers = await app.InDbAsync(db => db.Workers.CountAsync(w => db.Employers.Any(e => e.Id == w.EmployerId && e.CityCode == "370100")));
        var allWorkers = await app.InDbAsync(db => db.Workers.CountAsync());
        Assert.True(jinanWorkers > 0 && jinanWorkers < allWorkers, "The demo data has workers in several cities.");

        Assert.Equal(jinanWorkers, WorkerCount(await jinan.GetStringAsync(new Uri("/", UriKind.Relative))));
        Assert.Equal(allWorkers, WorkerCount(await province.GetStringAsync(new Uri("/", UriKind.Relative))));
    }

    private static int WorkerCount(string html) =>
        int.Parse(WorkersCount().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Pages_send_a_strict_content_security_policy_and_nosniff()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/account/login");

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Login_page_has_no_inline_script_that_the_policy_would_block()
    {
        using var client = app.Anonymous();

        var html = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));

        var scripts = ScriptTag().Matches(html);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains("src=", s.Value, StringComparison.Ordinal));
        Assert.DoesNotMatch(InlineHandler(), html);
    }

    [GeneratedRegex(@"参保人员</dt>\s*<dd[^>]*>(\d+)</dd>")]
    private static partial Regex WorkersCount();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
