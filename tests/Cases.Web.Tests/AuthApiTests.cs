using System.Net;
using System.Text.Json;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests;

public sealed class AuthApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Login_answers_the_user_and_sets_an_http_only_cookie()
    {
        using var client = app.Anonymous();

        var response = await client.PostJsonAsync("/api/auth/login", new { userName = "officer.jinan", password = CasesAppFactory.DemoPassword });

        var user = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("officer.jinan", user.GetProperty("userName").GetString());
        Assert.Equal("370100", user.GetProperty("city").GetString());
        Assert.Equal(["officer"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("张伟（济南经办）", user.GetProperty("displayName").GetString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cases.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_of_a_provincial_user_has_no_city()
    {
        using var client = app.Anonymous();

        var response = await client.PostJsonAsync("/api/auth/login", new { userName = "supervisor.province", password = CasesAppFactory.DemoPassword });

        var user = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, user.GetProperty("city").ValueKind);
        Assert.Equal(["supervisor"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Login_refuses_wrong_password()
    {
        using var client = app.Anonymous();

        var response = await client.PostJsonAsync("/api/auth/login", new { userName = "reviewer.jinan", password = "wrong-password" });

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("cases.auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Login_refuses_unknown_user_like_a_wrong_password()
    {
        using var client = app.Anonymous();

        var response = await client.PostJsonAsync("/api/auth/login", new { userName = "nobody.jinan", password = CasesAppFactory.DemoPassword });

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_without_user_name_is_400_naming_userName()
    {
        using var client = app.Anonymous();

        var response = await client.PostJsonAsync("/api/auth/login", new { password = CasesAppFactory.DemoPassword });

        await response.FieldErrorAsync("userName");
    }

    [Fact]
    public async Task Login_without_password_is_400_naming_password()
    {
        using var client = app.Anonymous();

        var response = await client.PostJsonAsync("/api/auth/login", new { userName = "officer.jinan" });

        await response.FieldErrorAsync("password");
    }

    [Theory]
    [InlineData("/api/auth/me")]
    [InlineData("/api/calendar/days/2025-10-11")]
    [InlineData("/api/calendar/working-days/add?from=2025-09-26&days=10")]
    [InlineData("/api/calendar/changes")]
    [InlineData("/api/employers/91370100MA3C123459")]
    public async Task Api_without_a_cookie_is_401_not_a_redirect(string url)
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Api_post_without_a_cookie_is_401_and_writes_nothing()
    {
        using var client = app.Anonymous();
        var before = await app.InDbAsync(db => db.Employers.CountAsync());

        var response = await client.PostJsonAsync("/api/employers", new { creditCode = TestParties.NewCreditCode(), name = "匿名公司", riskClass = 1, city = "370100" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await app.InDbAsync(db => db.Employers.CountAsync()));
    }

    [Fact]
    public async Task Me_after_login_describes_the_signed_in_user()
    {
        var client = await app.As("supervisor.jinan");

        var me = await (await client.GetAsync("/api/auth/me")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("supervisor.jinan", me.GetProperty("userName").GetString());
        Assert.Equal("370100", me.GetProperty("city").GetString());
        Assert.Equal(["supervisor"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var client = app.Anonymous();
        (await client.PostJsonAsync("/api/auth/login", new { userName = "officer.qingdao", password = CasesAppFactory.DemoPassword })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        var logout = await client.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_make_even_the_right_one_wait_and_every_refusal_is_the_same_401()
    {
        using var client = app.Anonymous();
        const string user = "officer2.jinan";

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await (await client.PostJsonAsync("/api/auth/login", new { userName = user, password = "wrong-" + attempt })).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        var right = await client.PostJsonAsync("/api/auth/login", new { userName = user, password = CasesAppFactory.DemoPassword });

        // A locked account answers as an unknown name does, so that nobody learns which names exist.
        var problem = await right.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("登录失败", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
        var now = app.Factory.Clock.GetUtcNow();
        Assert.True(await app.InDbAsync(async db => (await db.Users.SingleAsync(u => u.UserName == user)).LockoutEnd > now));
    }
}
