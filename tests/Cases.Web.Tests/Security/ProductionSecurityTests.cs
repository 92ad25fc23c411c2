using System.Net;
using System.Text.RegularExpressions;
using Cases.Testing;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Security;

/// <summary>Outside Development: every cookie is Secure as well, the test clock and the static-file fallback are not routed.</summary>
public sealed partial class ProductionSecurityTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Every_cookie_of_sign_in_is_secure_http_only_and_same_site_strict()
    {
        using var client = app.Anonymous();

        var cookies = await SessionSecurityTests.CookiesOfSignInAsync(client, async () => (await LoginPageTokenAsync(client), ""));

        Assert.Contains(cookies, c => c.StartsWith("cases.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=strict", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Every_production_endpoint_is_in_the_matrix_and_declares_who_may_call_it()
    {
        var routed = EndpointCatalog.Of(app.Factory.Services);
        var rows = AuthorizationMatrix.Rules.Select(r => r.Key).ToHashSet();

        Assert.All(routed, e =>
        {
            Assert.True(rows.Contains(AuthorizationMatrix.KeyOf(e)), $"{e.Key} is not in the matrix");
            Assert.True(e.DeclaresAuthorization, $"{e.Key} does not declare who may call it");
        });
        Assert.DoesNotContain(routed, e => e.Key.Pattern.StartsWith("/api/dev/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errors_carry_the_security_headers_in_production()
    {
        using var client = app.Anonymous();

        using var unauthorized = await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        using var badJson = await client.PostRawJsonAsync("/api/auth/login", "{");
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Empty(SecurityHeaders.Missing(unauthorized));
        Assert.Empty(SecurityHeaders.Missing(badJson));
        Assert.Empty(SecurityHeaders.Missing(page));
    }

    [Fact]
    public async Task Five_wrong_passwords_on_the_login_page_make_the_account_wait_and_the_page_says_no_more_than_for_a_wrong_password()
    {
        const string user = "officer.qingdao";
        using var client = app.Anonymous();
        var token = await LoginPageTokenAsync(client);
        var messages = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await PostLoginAsync(client, token, user, "wrong-" + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Null(SecurityApp.CookiePair(wrong, "cases.auth="));
            messages.Add(LoginError().Match(WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync())).Groups[1].Value);
        }

        using var right = await PostLoginAsync(client, token, user, CasesAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Null(SecurityApp.CookiePair(right, "cases.auth="));
        messages.Add(LoginError().Match(WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync())).Groups[1].Value);
        Assert.Contains("用户名或密码错误", Assert.Single(messages.Distinct()), StringComparison.Ordinal);
    }

    // The client keeps the antiforgery cookie itself; the token comes from the page.
    private static async Task<string> LoginPageTokenAsync(HttpClient client)
    {
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        return WebUtility.HtmlDecode(TokenField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string token, string user, string password) =>
        client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("data-testid=\"login-error\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex LoginError();
}
