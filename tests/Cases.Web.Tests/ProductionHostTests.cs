using System.Net;
using Cases.Testing;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests;

/// <summary>What differs outside Development must still give clients the same answers.</summary>
public sealed class ProductionHostTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Theory]
    [InlineData("not json at all", "body")]
    [InlineData("""{"userName": 5, "password": "x"}""", "userName")]
    public async Task A_malformed_json_body_is_400_naming_the_field_in_production(string body, string field)
    {
        using var client = app.Anonymous();

        var response = await client.PostRawJsonAsync("/api/auth/login", body);

        await response.FieldErrorAsync(field);
    }

    [Fact]
    public async Task An_unknown_json_property_is_400_naming_it_in_production()
    {
        using var client = app.Anonymous();

        var response = await client.PostRawJsonAsync("/api/auth/login", """{"userName":"officer.jinan","password":"x","rememberMe":true}""");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("rememberMe", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_only_in_production()
    {
        using var client = app.Anonymous();

        var response = await client.PostJsonAsync("/api/auth/login", new { userName = "officer.jinan", password = CasesAppFactory.DemoPassword });

        await response.JsonAsync(HttpStatusCode.OK);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cases.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_and_login_page_answer_in_production()
    {
        using var client = app.Anonymous();

        var health = await (await client.GetAsync("/health")).JsonAsync(HttpStatusCode.OK);
        var login = await client.GetAsync("/account/login");

        Assert.True(health.GetProperty("ready").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("script-src 'self'", Assert.Single(login.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
