using System.Net;
using System.Net.Http.Json;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Security;

/// <summary>
/// A session ends on the server, not only in the browser: after a sign-out, a lock, a password reset or a change of
/// roles or city, every cookie the user held before is refused at once — also by another node that shares the
/// data-protection keys and so can read the cookie, within its short check interval.
/// </summary>
public sealed class SessionEndTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Password = CasesAppFactory.DemoPassword;

    [Fact]
    public async Task After_a_sign_out_the_old_cookie_and_every_other_session_of_the_user_are_refused()
    {
        var user = await NewUserAsync("officer", "370100");
        var first = await SignInAsync(user);
        var second = await SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(first));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(second));

        using var signOut = await SendAsync(HttpMethod.Post, "/api/auth/logout", first);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);

        // The browser forgets the cookie; someone who copied it still has it, and so has the user's other browser.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(first));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(second));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(await SignInAsync(user)));
    }

    [Fact]
    public async Task Signing_out_on_the_page_ends_the_session_on_the_server_too()
    {
        var user = await NewUserAsync("officer", "370100");
        using var client = app.Anonymous();
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = Password })).EnsureSuccessStatusCode();
        var cookie = await SignInAsync(user);
        var page = await Pages.PageSupport.OpenAsync(client, "/");

        using var signOut = await Pages.PageSupport.SubmitAsync(client, page, "form[action='/account/logout']", []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(cookie));
    }

    [Fact]
    public async Task Locking_a_user_ends_their_sessions_at_once()
    {
        var user = await NewUserAsync("officer", "370100");
        var cookie = await SignInAsync(user);

        (await (await app.As("admin")).PostAsync($"/api/admin/users/{user}/lock", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(cookie));
        using var tasks = await SendAsync(HttpMethod.Get, "/api/tasks", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, tasks.StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_the_users_sessions()
    {
        var user = await NewUserAsync("officer", "370100");
        var cookie = await SignInAsync(user);

        (await (await app.As("admin")).PostAsJsonAsync($"/api/admin/users/{user}/password", new { password = "Reset#2026x" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(cookie));
    }

    [Fact]
    public async Task A_change_of_roles_or_city_ends_the_sessions_and_the_next_sign_in_carries_the_new_ones()
    {
        var user = await NewUserAsync("officer", "370100");
        var cookie = await SignInAsync(user);

        var moved = await (await app.As("admin")).PutAsJsonAsync($"/api/admin/users/{user}", new { displayName = "会话测试", roles = new[] { "reviewer" }, city = "370200" });
        moved.EnsureSuccessStatusCode();

        // The old cookie said officer of 济南: it must not keep working with those claims.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(cookie));
        using var me = await SendAsync(HttpMethod.Get, "/api/auth/me", await SignInAsync(user));
        var now = await me.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("370200", now.GetProperty("city").GetString());
        Assert.Equal(["reviewer"], now.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_session_ended_on_one_node_is_refused_by_another_node_within_its_check_interval()
    {
        var user = await NewUserAsync("officer", "370100");
        var connectionString = await app.InDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        // A second node on the same database: it reads the first node's cookies (the keys are in the database), and
        // trusts the security stamp it read for at most a second.
        await using var other = new CasesAppFactory(TestProvider.Sqlite, connectionString, settings: new Dictionary<string, string>
        {
            ["Hangfire:Server"] = "false",
            ["Security:SessionCheckSeconds"] = "1",
        });
        using var otherClient = other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = await SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(cookie, otherClient));

        using var signOut = await SendAsync(HttpMethod.Post, "/api/auth/logout", cookie);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await MeAsync(cookie, otherClient) == HttpStatusCode.OK)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), "The other node still accepts the cookie of an ended session.");
            await Task.Delay(100);
        }
    }

    /// <summary>A new officer or reviewer with the demo password, so that each test ends only its own user's sessions.</summary>
    private async Task<string> NewUserAsync(string role, string city)
    {
        var name = "session." + Guid.NewGuid().ToString("N")[..10];
        var created = await (await app.As("admin")).PostAsJsonAsync("/api/admin/users", new { userName = name, displayName = "会话测试", roles = new[] { role }, city, password = Password });
        await created.JsonAsync(HttpStatusCode.Created);
        return name;
    }

    /// <summary>A fresh sign-in: the cookie header value, as someone who copied it would hold it.</summary>
    private async Task<string> SignInAsync(string user)
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = Password });
        await response.JsonAsync(HttpStatusCode.OK);
        return SecurityApp.CookiePair(response, "cases.auth=") ?? throw new InvalidOperationException("No sign-in cookie.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string cookie, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        if (client is not null)
        {
            return await client.SendAsync(request);
        }

        using var own = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return await own.SendAsync(request);
    }

    private async Task<HttpStatusCode> MeAsync(string cookie, HttpClient? client = null)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/auth/me", cookie, client);
        return response.StatusCode;
    }
}
