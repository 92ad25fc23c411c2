using System.Net;
using System.Text.RegularExpressions;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace Cases.Web.Tests.Security;

/// <summary>Forms need their antiforgery token, cookies stay out of script's and other sites' reach, pages run no inline script.</summary>
public sealed partial class SessionSecurityTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    /// <summary>Every MVC action that takes a POST, from the routing table.</summary>
    private List<RoutedEndpoint> FormPosts() =>
        EndpointCatalog.Of(app.Factory.Services)
            // The error pages answer whatever method the failed request had (the pipeline re-executes a POST as a POST) and
            // write nothing: they are not a form.
            .Where(e => e.Endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is { ControllerName: not "Error" } && e.Key.Method is "POST" or "*")
            .ToList();

    [Fact]
    public async Task Every_form_post_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var posts = FormPosts();
        Assert.NotEmpty(posts);

        foreach (var post in posts)
        {
            var rule = Assert.Single(AuthorizationMatrix.Rules, r => r.Key == post.Key);
            var caller = post.AllowsAnonymous ? null : AuthorizationMatrix.FormCaller(rule);
            var attempt = await rule.Make(new Cell(app, caller is null ? Principal.Anonymous : Principal.All.Single(p => p.UserName == caller), SecurityApp.Jinan));

            using var response = await app.SendAsync(caller, HttpMethod.Post, attempt.Url, form: attempt.Form ?? new Dictionary<string, string>(), antiforgery: false);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{post.Key} without a token: {(int)response.StatusCode}");
            Assert.Null(SecurityApp.CookiePair(response, "cases.auth="));
        }
    }

    [Fact]
    public async Task A_form_post_with_another_users_token_is_refused()
    {
        var (token, cookie) = await app.AntiforgeryAsync("reviewer.jinan");
        var form = new Dictionary<string, string> { ["arrears"] = "1000", ["dueOn"] = "2024-02-27", ["paidOn"] = "2024-03-01", ["__RequestVerificationToken"] = token };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/calculations/late-fee") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Cookie", $"{await app.CookieAsync("officer.jinan")}; {cookie}");

        using var response = await app.Raw.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Hangfire_dashboard_commands_need_its_antiforgery_token()
    {
        using var response = await app.SendAsync("admin", HttpMethod.Post, "/hangfire/recurring/trigger", new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "timer-sweep" }));

        Assert.True((int)response.StatusCode is 400 or 403, $"Hangfire accepted a command without a token: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Sign_in_sets_only_http_only_same_site_strict_cookies()
    {
        var cookies = await CookiesOfSignInAsync(app.Raw, async () => (await app.AntiforgeryAsync(null)));

        Assert.Contains(cookies, c => c.StartsWith("cases.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=strict", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task No_page_runs_inline_script()
    {
        await app.ReadyAsync();
        var pages = AuthorizationMatrix.Pages.ToList();
        Assert.NotEmpty(pages);

        foreach (var rule in pages)
        {
            // The administrator (or whoever the page is for) reaches it; nobody reaches the login page.
            foreach (var caller in new[] { AuthorizationMatrix.Viewer(rule).UserName, null })
            {
                var attempt = await rule.Make(new Cell(app, Principal.All.First(p => p.UserName == caller), SecurityApp.Jinan));
                using var response = await app.SendAsync(caller, HttpMethod.Get, attempt.Url);
                if (caller is null && response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                var html = await response.Content.ReadAsStringAsync();
                Assert.All(ScriptTag().Matches(html), s => Assert.True(s.Groups["attributes"].Value.Contains("src=", StringComparison.Ordinal) && s.Groups["body"].Value.Trim().Length == 0,
                    $"{attempt.Url} as {caller ?? "anonymous"} has an inline script: {s.Value[..Math.Min(200, s.Value.Length)]}"));
                Assert.DoesNotMatch(InlineHandler(), html);
                Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>The cookies the API sign-in, the login page and its form post set.</summary>
    internal static async Task<List<string>> CookiesOfSignInAsync(HttpClient client, Func<Task<(string Token, string Cookie)>> antiforgery)
    {
        var cookies = new List<string>();
        using var api = await client.PostJsonAsync("/api/auth/login", new { userName = "reviewer.jinan", password = CasesAppFactory.DemoPassword });
        cookies.AddRange(api.Headers.GetValues("Set-Cookie"));
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        cookies.AddRange(page.Headers.TryGetValues("Set-Cookie", out var pageCookies) ? pageCookies : []);
        var (token, cookie) = await antiforgery();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "reviewer.jinan", ["Password"] = CasesAppFactory.DemoPassword, ["__RequestVerificationToken"] = token }),
        };
        if (cookie.Length > 0)
        {
            post.Headers.Add("Cookie", cookie);
        }

        using var form = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        cookies.AddRange(form.Headers.GetValues("Set-Cookie"));
        return cookies;
    }

    [GeneratedRegex("<script(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
