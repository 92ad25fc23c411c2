using System.Net;
using System.Text;
using System.Text.Json;
using Cases.Web.Tests.Support;
using Xunit.Abstractions;

namespace Cases.Web.Tests.Security;

/// <summary>
/// Every unsafe API method (POST, PUT, PATCH, DELETE under /api, sign-in included) refuses what another site's page can
/// send without the browser asking first — no body, a form or plain text — unless it carries X-Requested-With, which no
/// cross-site page can add; and refuses a foreign Origin outright. Generated from the routing table, with each
/// endpoint's valid sample of the hostile-input suite; nothing is changed by a refused request.
/// </summary>
public sealed class ApiForgeryTests(HostileInputApp app, ITestOutputHelper output) : IClassFixture<HostileInputApp>
{
    private const string Foreign = "https://evil.example";

    private static readonly (string What, Func<string?, HttpContent?> Content)[] CrossSiteBodies =
    [
        ("no body", _ => null),
        ("a form", body => new StringContent(body ?? "", Encoding.UTF8, "application/x-www-form-urlencoded")),
        ("a multipart form", body => new MultipartFormDataContent { { new StringContent(body ?? ""), "body" } }),
        ("plain text", body => new StringContent(body ?? "", Encoding.UTF8, "text/plain")),
    ];

    private IEnumerable<RoutedEndpoint> UnsafeApiEndpoints() =>
        EndpointCatalog.Of(app.Factory.Services).Where(e => e.IsApi && e.Key.Method is "POST" or "PUT" or "PATCH" or "DELETE").DistinctBy(e => e.Key);

    [Fact]
    public async Task Every_unsafe_api_route_refuses_what_a_cross_site_page_could_send_and_changes_nothing()
    {
        await app.ReadyAsync();
        var failures = new List<string>();
        var tried = 0;
        foreach (var endpoint in UnsafeApiEndpoints())
        {
            var sample = await HostileInput.Samples[endpoint.Key](app);
            foreach (var (what, content) in CrossSiteBodies)
            {
                var before = await app.CountRowsAsync();
                using var request = HostileInput.Build(endpoint, sample);
                var body = request.Content is null ? null : await request.Content.ReadAsStringAsync();
                request.Content = content(body);
                using var response = await SendWithoutHeaderAsync(sample.Caller, request);
                tried++;
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !NamesHeader(text))
                {
                    failures.Add($"{endpoint.Key} with {what}: {(int)response.StatusCode} {Shorten(text)}");
                }

                var after = await app.CountRowsAsync();
                if (before.Any(t => after[t.Key] != t.Value))
                {
                    failures.Add($"{endpoint.Key} with {what}: rows changed");
                    sample = await HostileInput.Samples[endpoint.Key](app);
                }
            }
        }

        output.WriteLine($"{tried} cross-site requests tried.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} were not refused with a 400 naming X-Requested-With:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_unsafe_api_route_refuses_a_foreign_origin_with_403_and_changes_nothing()
    {
        await app.ReadyAsync();
        var failures = new List<string>();
        foreach (var endpoint in UnsafeApiEndpoints())
        {
            var sample = await HostileInput.Samples[endpoint.Key](app);
            foreach (var origin in new[] { Foreign, "null", "http://localhost.evil.example", "http://localhost:8080" })
            {
                var before = await app.CountRowsAsync();
                using var request = HostileInput.Build(endpoint, sample);
                request.Headers.Add("Origin", origin);
                request.Headers.Add("X-Requested-With", "XMLHttpRequest");
                using var response = await SendWithoutHeaderAsync(sample.Caller, request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Forbidden || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{endpoint.Key} from {origin}: {(int)response.StatusCode} {Shorten(text)}");
                }

                var after = await app.CountRowsAsync();
                if (before.Any(t => after[t.Key] != t.Value))
                {
                    failures.Add($"{endpoint.Key} from {origin}: rows changed");
                    sample = await HostileInput.Samples[endpoint.Key](app);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_bodiless_command_passes_with_the_header_and_a_json_one_from_its_own_origin()
    {
        await app.ReadyAsync();
        var task = await app.NewOfficerTaskAsync(SecurityApp.Jinan);
        using var claim = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task}/claim");
        claim.Headers.Add("X-Requested-With", "XMLHttpRequest");
        claim.Headers.Add("Origin", "http://localhost");

        using var claimed = await SendWithoutHeaderAsync("officer.jinan", claim);

        await claimed.JsonAsync(HttpStatusCode.OK);
        using var release = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task}/release") { Content = SecurityApp.Json("{}") };
        release.Headers.Add("Origin", "http://localhost");
        await (await SendWithoutHeaderAsync("officer.jinan", release)).JsonAsync(HttpStatusCode.OK);
    }

    /// <summary>
    /// Every endpoint that takes an Idempotency-Key must declare what its replays are about (.Idempotent(ReplayAccess.…)):
    /// one that only added the filter would fail every keyed request. Each valid sample, sent with a key, still succeeds.
    /// </summary>
    [Fact]
    public async Task Every_unsafe_api_route_takes_its_valid_request_with_an_idempotency_key()
    {
        await app.ReadyAsync();
        var failures = new List<string>();
        foreach (var endpoint in UnsafeApiEndpoints())
        {
            var sample = await HostileInput.Samples[endpoint.Key](app);
            using var request = HostileInput.Build(endpoint, sample);
            request.Headers.Add("Idempotency-Key", "declared-" + Guid.NewGuid().ToString("N"));
            using var response = await app.SendAsync(sample.Caller, request);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{endpoint.Key}: {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Reading_is_never_refused_for_its_origin_or_a_missing_header()
    {
        await app.ReadyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Origin", Foreign);

        using var response = await SendWithoutHeaderAsync("officer.jinan", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Sends as the user with their cookie only: none of the headers the suite's other requests carry.</summary>
    private async Task<HttpResponseMessage> SendWithoutHeaderAsync(string? user, HttpRequestMessage request)
    {
        if (user is not null)
        {
            request.Headers.Add("Cookie", await app.CookieAsync(user));
        }

        return await app.Raw.SendAsync(request);
    }

    private static bool NamesHeader(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.TryGetProperty("X-Requested-With", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
