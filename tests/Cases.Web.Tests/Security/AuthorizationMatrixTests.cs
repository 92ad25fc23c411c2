using System.Net;
using Xunit.Abstractions;

namespace Cases.Web.Tests.Security;

/// <summary>
/// Deny by default, proven from the routing table (规程 第一百四十、一百四十一条): every endpoint and page × every role
/// and nobody × own city and another city gets the answer the matrix says, and every endpoint declares who may call it.
/// </summary>
public sealed partial class AuthorizationMatrixTests(SecurityApp app, ITestOutputHelper output) : IClassFixture<SecurityApp>
{
    private static readonly string[] Cities = [SecurityApp.Jinan, SecurityApp.Qingdao];

    [Fact]
    public void Every_routed_endpoint_has_a_row_and_every_row_an_endpoint()
    {
        var routed = EndpointCatalog.Of(app.Factory.Services);
        var rows = AuthorizationMatrix.Rules.Select(r => r.Key).ToHashSet();

        var missing = routed.Select(AuthorizationMatrix.KeyOf).Where(k => !rows.Contains(k)).Distinct().ToList();
        var stale = rows.Where(k => !routed.Any(e => AuthorizationMatrix.KeyOf(e) == k)).ToList();

        Assert.True(missing.Count == 0, "Routed but not in the authorization matrix: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "In the matrix but no longer routed: " + string.Join(", ", stale));
    }

    [Fact]
    public void Every_endpoint_declares_who_may_call_it()
    {
        var routed = EndpointCatalog.Of(app.Factory.Services);

        var undeclared = routed.Where(e => !e.DeclaresAuthorization).Select(e => e.Key).Distinct().ToList();

        Assert.True(undeclared.Count == 0, "No [Authorize]/RequireAuthorization and no [AllowAnonymous]: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Exactly_the_rows_for_anyone_allow_anonymous_callers()
    {
        var anyone = AuthorizationMatrix.Rules.Where(r => r.Who.Anyone).Select(r => r.Key).ToHashSet();

        var wrong = EndpointCatalog.Of(app.Factory.Services)
            .Where(e => e.AllowsAnonymous != anyone.Contains(AuthorizationMatrix.KeyOf(e)))
            .Select(e => $"{e.Key} (allows anonymous: {e.AllowsAnonymous})").Distinct().ToList();

        Assert.True(wrong.Count == 0, "The matrix and [AllowAnonymous] disagree: " + string.Join(", ", wrong));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_and_city_as_the_matrix_says()
    {
        await app.ReadyAsync();
        var cells = (from rule in AuthorizationMatrix.Rules
                     from principal in Principal.All
                     from city in rule.Scope == Scope.None ? Cities[..1] : Cities
                     select (rule, principal, city)).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        // A few at a time: the cells are independent (each success acts on records of its own) — except sign-outs, which
        // end every session of their caller on the server: they come last, one at a time.
        await Parallel.ForEachAsync(cells.Where(c => !c.rule.EndsSession), new ParallelOptions { MaxDegreeOfParallelism = 4 }, CheckAsync);
        foreach (var cell in cells.Where(c => c.rule.EndsSession))
        {
            await CheckAsync(cell, CancellationToken.None);
        }

        async ValueTask CheckAsync((Rule rule, Principal principal, string city) c, CancellationToken ct)
        {
            var (rule, principal, city) = c;
            var expected = rule.Expected(principal, city);
            var cell = new Cell(app, principal, city, Succeeds: expected == rule.Ok);
            var attempt = await rule.Make(cell);
            using var response = await AuthorizationMatrix.SendAsync(cell, rule, attempt);
            var actual = Describe(response) + (await app.MessageAfterAsync(principal.UserName, response) is { } shown ? $" ({shown})" : "");
            var body = await response.Content.ReadAsStringAsync(ct);
            if (actual != expected)
            {
                failures.Enqueue($"{rule} as {principal} on {city}: expected {expected}, got {actual} {Shorten(body)}");
            }

            // A masked identity number beside its birth date (or sex, age) is no mask: the hidden digits are those.
            if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true && MaskedNumbers.Rebuildable(body) is { } rebuilt)
            {
                failures.Enqueue($"{rule} as {principal} on {city}: a masked number can be rebuilt: {rebuilt}");
            }

            foreach (var missing in SecurityHeaders.Missing(response, cacheable: rule.Pattern == AuthorizationMatrix.StaticAssets))
            {
                failures.Enqueue($"{rule} as {principal}: {missing}");
            }
        }

        output.WriteLine($"{AuthorizationMatrix.Rules.Count} rows, {Principal.All.Count} callers, {cells.Count} cells checked.");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cells.Count} cells differ:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("""{"idNumber":"370107********4213","birthDate":"1994-10-22"}""", true)]
    [InlineData("""[{"idNumber":"370107********4213","name":"甲"},{"sex":"male"}]""", true)]
    [InlineData("""{"data":{"note":"身份证370107********4213"},"journal":[{"data":{"workerAge":31}}]}""", true)]
    [InlineData("""{"idNumber":"370107********4213","birthDate":null}""", false)]
    [InlineData("""{"idNumber":"370107199410224213","birthDate":"1994-10-22"}""", false)]
    [InlineData("""{"party":"370107********4213","stage":"review","sort":"age"}""", false)]
    public void The_rebuild_check_finds_a_masked_number_beside_what_its_hidden_digits_are(string json, bool rebuildable)
    {
        Assert.Equal(rebuildable, MaskedNumbers.Rebuildable(json) is not null);
    }

    [Fact]
    public async Task Every_static_asset_is_served_to_anyone()
    {
        var assets = EndpointCatalog.Of(app.Factory.Services).Where(e => e.IsStaticAsset).Select(e => e.Key.Pattern).Distinct().ToList();

        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            using var response = await app.SendAsync(null, HttpMethod.Get, asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
        }
    }

    /// <summary>"200", or "302 /account/login" for a redirect (the path without its query, a record's id as {id}).</summary>
    private static string Describe(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location is { } location
            ? "302 " + RecordId().Replace(location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0], "{id}")
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial System.Text.RegularExpressions.Regex RecordId();

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
