using System.Net;
using System.Net.Http.Json;
using Cases.Testing;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Security;

/// <summary>Sign-in tests' app: the per-address limits are lifted, so that only the account's own delays are seen.</summary>
public sealed class SignInApp() : AppFixture(TestProvider.Sqlite, new Dictionary<string, string>
{
    ["Security:LoginAttemptsPerMinute"] = "100000",
    ["Security:SignInFailuresPerAddress"] = "100000",
});

/// <summary>
/// A failed sign-in says nothing about the account: unknown names, wrong passwords and locked accounts get one and the
/// same 401. Failures make the account wait longer each time (never for good: only an administrator locks for good),
/// and the owner learns at the next sign-in how many attempts failed since the last one. The app's clock: the test clock.
/// </summary>
public sealed class SignInTests(SignInApp app) : IClassFixture<SignInApp>
{
    private const string Password = CasesAppFactory.DemoPassword;

    [Fact]
    public async Task Unknown_names_wrong_passwords_and_locked_accounts_get_the_same_401()
    {
        var locked = await NewUserAsync();
        (await (await app.As("admin")).PostAsync($"/api/admin/users/{locked}/lock", null)).EnsureSuccessStatusCode();
        var waiting = await NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(waiting, "wrong-" + i);
        }

        var answers = new[]
        {
            await SignInAsync("nobody." + Guid.NewGuid().ToString("N")[..8], Password),
            await SignInAsync(await NewUserAsync(), "wrong-password"),
            await SignInAsync(locked, Password),
            await SignInAsync(waiting, Password),
        };

        foreach (var answer in answers)
        {
            var problem = await answer.ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("登录失败", problem.GetProperty("title").GetString());
            Assert.False(answer.Headers.Contains("Retry-After"));
            Assert.False(answer.Headers.Contains("Set-Cookie"));
        }

        var details = await Task.WhenAll(answers.Select(async a => await a.Content.ReadAsStringAsync()));
        Assert.Single(details.Select(d => System.Text.Json.JsonDocument.Parse(d).RootElement.GetProperty("detail").GetString()).Distinct());
    }

    [Fact]
    public async Task From_the_fifth_failure_the_account_waits_longer_after_each_and_the_right_password_waits_too()
    {
        var user = await NewUserAsync();
        for (var i = 1; i <= 5; i++)
        {
            await (await SignInAsync(user, "wrong-" + i)).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        // Five failures: 30 seconds. An attempt while the account waits is refused unchecked, and counts.
        await (await SignInAsync(user, Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        app.Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        // Seven: 30 seconds doubled twice.
        await (await SignInAsync(user, "wrong-6")).ProblemAsync(HttpStatusCode.Unauthorized);
        app.Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        await (await SignInAsync(user, Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        app.Factory.Clock.Advance(TimeSpan.FromSeconds(60));

        var signedIn = await (await SignInAsync(user, Password)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(8, signedIn.GetProperty("failedAttemptsSinceLastSignIn").GetInt32());
    }

    [Fact]
    public async Task The_wait_is_never_longer_than_fifteen_minutes_while_an_administrators_lock_lasts_until_unlocked()
    {
        var user = await NewUserAsync();
        for (var i = 1; i <= 12; i++)
        {
            await SignInAsync(user, "wrong-" + i);
            app.Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        }

        await (await SignInAsync(user, Password)).JsonAsync(HttpStatusCode.OK);
        var admin = await app.As("admin");
        (await admin.PostAsync($"/api/admin/users/{user}/lock", null)).EnsureSuccessStatusCode();
        app.Factory.Clock.Advance(TimeSpan.FromDays(30));
        await (await SignInAsync(user, Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        (await admin.PostAsync($"/api/admin/users/{user}/unlock", null)).EnsureSuccessStatusCode();
        var signedIn = await (await SignInAsync(user, Password)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, signedIn.GetProperty("failedAttemptsSinceLastSignIn").GetInt32());
    }

    [Fact]
    public async Task The_owner_is_told_at_the_next_sign_in_and_by_me_how_many_attempts_failed_since_the_last_one()
    {
        var user = await NewUserAsync();
        await (await SignInAsync(user, Password)).JsonAsync(HttpStatusCode.OK);
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync(user, "guess-" + i);
        }

        using var client = app.Anonymous();
        var signedIn = await (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = Password })).JsonAsync(HttpStatusCode.OK);
        var me = await (await client.GetAsync("/api/auth/me")).JsonAsync(HttpStatusCode.OK);
        var next = await (await SignInAsync(user, Password)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, signedIn.GetProperty("failedAttemptsSinceLastSignIn").GetInt32());
        Assert.Equal(3, me.GetProperty("failedAttemptsSinceLastSignIn").GetInt32());
        Assert.Equal(0, next.GetProperty("failedAttemptsSinceLastSignIn").GetInt32());
    }

    [Theory]
    [InlineData("zh-CN", "自您上次登录以来，有 2 次登录失败")]
    [InlineData("en", "2 failed sign-in attempts since your last sign-in")]
    public async Task The_page_after_signing_in_tells_of_the_failed_attempts_in_the_users_language(string culture, string expected)
    {
        var user = await NewUserAsync();
        await SignInAsync(user, "guess-1");
        await SignInAsync(user, "guess-2");
        using var client = app.Anonymous();
        var login = await client.OpenAsync($"/account/login?culture={culture}");

        using var posted = await client.SubmitAsync(login, "main form", [new("UserName", user), new("Password", Password)], $"/account/login?culture={culture}");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var landing = await client.OpenAsync(posted.Headers.Location!.OriginalString + (posted.Headers.Location.OriginalString.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + culture);

        Assert.Contains(expected, landing.QuerySelector("[data-testid=failed-sign-ins]").Text(), StringComparison.Ordinal);
        // Told once: the next page says nothing more.
        Assert.Null((await client.OpenAsync("/")).QuerySelector("[data-testid=failed-sign-ins]"));
    }

    private async Task<string> NewUserAsync()
    {
        var name = "signin." + Guid.NewGuid().ToString("N")[..10];
        var created = await (await app.As("admin")).PostAsJsonAsync("/api/admin/users", new { userName = name, displayName = "登录测试", roles = new[] { "officer" }, city = "370100", password = Password });
        await created.JsonAsync(HttpStatusCode.Created);
        return name;
    }

    private async Task<HttpResponseMessage> SignInAsync(string user, string password)
    {
        using var client = app.Anonymous();
        return await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });
    }
}

/// <summary>Per-address tests' app: three failed sign-ins from one address are free, then the address waits.</summary>
public sealed class SignInAddressApp() : AppFixture(TestProvider.Sqlite, new Dictionary<string, string>
{
    ["Security:LoginAttemptsPerMinute"] = "100000",
    ["Security:SignInFailuresPerAddress"] = "3",
});

/// <summary>
/// Failures from one address, whatever names they try (password spraying), make the address wait twice as long after
/// each one once its free failures are used: 429 with Retry-After, even for the right password, which says nothing about
/// any account.
/// </summary>
public sealed class SignInAddressTests(SignInAddressApp app) : IClassFixture<SignInAddressApp>
{
    [Fact]
    public async Task After_the_free_failures_an_address_waits_longer_after_each_one()
    {
        using var client = app.Anonymous();
        for (var i = 1; i <= 4; i++)
        {
            await (await client.PostAsJsonAsync("/api/auth/login", new { userName = $"spray{i}", password = "Spring2026!" })).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        // The fourth failure: one second.
        var waiting = await client.PostAsJsonAsync("/api/auth/login", new { userName = "officer.jinan", password = CasesAppFactory.DemoPassword });
        await waiting.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("1", Assert.Single(waiting.Headers.GetValues("Retry-After")));
        Assert.False(waiting.Headers.Contains("Set-Cookie"));

        app.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "spray5", password = "Spring2026!" })).ProblemAsync(HttpStatusCode.Unauthorized);
        // The fifth: two seconds.
        var again = await client.PostAsJsonAsync("/api/auth/login", new { userName = "officer.jinan", password = CasesAppFactory.DemoPassword });
        await again.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("2", Assert.Single(again.Headers.GetValues("Retry-After")));
        var form = await client.OpenAsync("/account/login");
        using var page = await client.SubmitAsync(form, "main form", [new("UserName", "officer.jinan"), new("Password", CasesAppFactory.DemoPassword)]);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("2 秒", (await PageSupport.ParseAsync(page)).QuerySelector("[data-testid=login-error]").Text(), StringComparison.Ordinal);

        app.Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "officer.jinan", password = CasesAppFactory.DemoPassword })).JsonAsync(HttpStatusCode.OK);
    }
}
