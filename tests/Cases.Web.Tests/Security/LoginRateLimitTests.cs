using System.Net;
using Cases.Testing;
using Cases.Web.Infrastructure;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Security;

/// <summary>
/// Sign-in attempts are limited per client address (lockout alone never sees one password tried on many accounts).
/// A fixture of its own: the limit it uses up would refuse other tests' sign-ins. The growing wait after many failures
/// from one address (SignInAddressTests) is lifted here, so that only the limit per minute is seen.
/// </summary>
public sealed class LoginRateLimitTests(LoginRateLimitApp app) : IClassFixture<LoginRateLimitApp>
{
    [Fact]
    public async Task After_the_allowed_attempts_a_minute_even_the_right_password_is_answered_429_with_retry_after()
    {
        using var client = app.Anonymous();
        for (var attempt = 1; attempt <= RequestLimits.DefaultLoginAttemptsPerMinute; attempt++)
        {
            // A different unknown account each time: password spraying, which lockout does not stop.
            using var wrong = await client.PostJsonAsync("/api/auth/login", new { userName = $"nobody{attempt}", password = "Spring2026!" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var api = await client.PostJsonAsync("/api/auth/login", new { userName = "officer.jinan", password = CasesAppFactory.DemoPassword });
        using var page = await client.PostAsync(new Uri("/account/login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "officer.jinan", ["Password"] = CasesAppFactory.DemoPassword }));

        var problem = await api.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("秒后再试", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(Assert.Single(api.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.False(api.Headers.TryGetValues("Set-Cookie", out _));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        // Only sign-in is limited: the rest of the API still answers.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }
}

/// <summary>The app with the default attempts per minute and no wait after failures from one address.</summary>
public sealed class LoginRateLimitApp() : AppFixture(TestProvider.Sqlite, new Dictionary<string, string> { ["Security:SignInFailuresPerAddress"] = "100000" });
