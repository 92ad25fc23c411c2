using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Cases.Web.Tests.Security;

/// <summary>
/// The hostile-input suite's app: sign-in is sent many bad bodies here, so its attempt limit and the wait after many
/// failures from one address (each tested on its own) are lifted.
/// </summary>
public sealed class HostileInputApp() : SecurityApp(new Dictionary<string, string>
{
    ["Security:LoginAttemptsPerMinute"] = "100000",
    ["Security:SignInFailuresPerAddress"] = "100000",
});

/// <summary>
/// Hostile input, generated from the endpoint list: every API endpoint that takes input gets malformed JSON, wrong
/// types, missing and extra fields, over-long strings, impossible dates, out-of-range numbers, unknown names, path
/// traversal and bodies over the limit. Each is answered with a 4xx ProblemDetails naming what is wrong (a 400 names
/// the field in errors), never a 500, and no table gains or loses a row.
/// </summary>
public sealed class HostileInputTests(HostileInputApp app, ITestOutputHelper output) : IClassFixture<HostileInputApp>
{
    private IEnumerable<RoutedEndpoint> ApiEndpoints() =>
        EndpointCatalog.Of(app.Factory.Services).Where(e => e.IsApi).DistinctBy(e => e.Key);

    [Fact]
    public void Every_api_endpoint_has_a_valid_sample_to_spoil()
    {
        var missing = ApiEndpoints().Where(e => !HostileInput.Samples.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        var stale = HostileInput.Samples.Keys.Where(k => !ApiEndpoints().Any(e => e.Key == k)).ToList();

        Assert.True(missing.Count == 0, "API endpoints without a hostile-input sample: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Samples for endpoints no longer routed: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_sample_is_accepted_as_it_is()
    {
        await app.ReadyAsync();
        var failures = new List<string>();
        foreach (var endpoint in ApiEndpoints())
        {
            var sample = await HostileInput.Samples[endpoint.Key](app);
            using var request = HostileInput.Build(endpoint, sample);
            using var response = await app.SendAsync(sample.Caller, request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{endpoint.Key}: {(int)response.StatusCode} {body}");
            }

            if (MaskedNumbers.Rebuildable(body) is { } rebuilt)
            {
                failures.Add($"{endpoint.Key}: a masked number can be rebuilt: {rebuilt}");
            }
        }

        Assert.True(failures.Count == 0, "The valid samples must pass, or their variants prove nothing:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_hostile_input_is_a_4xx_problem_naming_it_and_changes_no_row()
    {
        await app.ReadyAsync();
        var failures = new List<string>();
        var tried = 0;
        foreach (var endpoint in ApiEndpoints())
        {
            var sample = await HostileInput.Samples[endpoint.Key](app);
            var before = await app.CountRowsAsync();
            foreach (var variant in HostileInput.VariantsOf(endpoint, sample))
            {
                using var request = variant.Build(sample);
                using var response = await app.SendAsync(sample.Caller, request);
                var body = await response.Content.ReadAsStringAsync();
                var after = await app.CountRowsAsync();
                tried++;

                var problem = sample.BodyIsReported && variant.Description.StartsWith("body", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.OK
                    ? Reported(body)
                    : Refusal(response, body, variant.Field);
                if (problem is not null)
                {
                    failures.Add($"{endpoint.Key} {variant.Description}: {problem} — {(int)response.StatusCode} {Shorten(body)}");
                }

                if (MaskedNumbers.Rebuildable(body) is { } rebuilt)
                {
                    failures.Add($"{endpoint.Key} {variant.Description}: a masked number can be rebuilt: {rebuilt}");
                }

                var changed = before.Where(t => after[t.Key] != t.Value).Select(t => $"{t.Key} {t.Value}→{after[t.Key]}").ToList();
                if (changed.Count > 0)
                {
                    failures.Add($"{endpoint.Key} {variant.Description}: rows changed ({string.Join(", ", changed)})");
                }

                before = after;
                if (response.IsSuccessStatusCode || changed.Count > 0)
                {
                    // The sample was used up (a case moved on, a code was taken): the next variant needs a fresh one.
                    sample = await HostileInput.Samples[endpoint.Key](app);
                    before = await app.CountRowsAsync();
                }
            }
        }

        output.WriteLine($"{tried} hostile inputs tried.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} hostile inputs were not refused cleanly:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Script_and_paths_in_text_are_refused_or_kept_as_text_and_never_come_back_unescaped()
    {
        await app.ReadyAsync();
        var failures = new List<string>();
        var tried = 0;
        foreach (var endpoint in ApiEndpoints())
        {
            var sample = await HostileInput.Samples[endpoint.Key](app);
            foreach (var variant in HostileInput.InertVariantsOf(endpoint, sample))
            {
                var before = await app.CountRowsAsync();
                using var request = variant.Build(sample);
                using var response = await app.SendAsync(sample.Caller, request);
                var body = await response.Content.ReadAsStringAsync();
                tried++;
                if (response.IsSuccessStatusCode)
                {
                    if (HostileInput.RawMarkup.Any(m => body.Contains(m, StringComparison.Ordinal)))
                    {
                        failures.Add($"{endpoint.Key} {variant.Description}: the answer carries the markup unescaped");
                    }

                    sample = await HostileInput.Samples[endpoint.Key](app);
                    continue;
                }

                if (Refusal(response, body, null) is { } problem)
                {
                    failures.Add($"{endpoint.Key} {variant.Description}: {problem} — {(int)response.StatusCode} {Shorten(body)}");
                }

                var after = await app.CountRowsAsync();
                if (before.Any(t => after[t.Key] != t.Value))
                {
                    failures.Add($"{endpoint.Key} {variant.Description}: refused, yet rows changed");
                }
            }
        }

        // Wherever a page shows what was stored, it shows it as text.
        foreach (var rule in AuthorizationMatrix.Pages)
        {
            var viewer = AuthorizationMatrix.Viewer(rule);
            var page = (await rule.Make(new Cell(app, viewer, SecurityApp.Jinan))).Url;
            using var response = await app.SendAsync(viewer.UserName, HttpMethod.Get, page);
            var html = await response.Content.ReadAsStringAsync();
            failures.AddRange(HostileInput.RawMarkup.Where(m => html.Contains(m, StringComparison.Ordinal)).Select(m => $"{page} shows {m} unescaped"));
        }

        output.WriteLine($"{tried} script and path inputs tried.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_form_post_shows_hostile_input_back_as_text_and_changes_no_row()
    {
        await app.ReadyAsync();
        string[] hostile = [HostileInput.ScriptText, new string('长', 10_001), "2025-02-30", "abc", "-1", "1e400", "../../../../etc/passwd", "x\u0000y"];
        var failures = new List<string>();
        var tried = 0;
        // Every form's records are opened first: hostile passwords on the sign-in form lock officer2.jinan, who holds the tasks to release.
        var forms = new List<(Rule Rule, string? Caller, Attempt Attempt)>();
        foreach (var rule in AuthorizationMatrix.FormPosts)
        {
            var caller = AuthorizationMatrix.FormCaller(rule);
            forms.Add((rule, caller, await rule.Make(new Cell(app, Principal.All.Single(p => p.UserName == caller), SecurityApp.Jinan))));
        }

        foreach (var (rule, caller, attempt) in forms)
        {
            foreach (var field in attempt.Form!.Keys)
            {
                foreach (var value in hostile)
                {
                    var before = await app.CountRowsAsync();
                    var form = new Dictionary<string, string>(attempt.Form, StringComparer.Ordinal) { [field] = value };
                    using var response = await app.SendAsync(caller, HttpMethod.Post, attempt.Url, form: form, file: attempt.File);
                    var html = await response.Content.ReadAsStringAsync();
                    tried++;
                    // Free text (a comment, a name) keeps what fits as typed: it may be stored, and is then shown escaped on the page the redirect leads to.
                    var kept = attempt.FreeText?.Contains(field) == true && value.Length <= 1000 && !value.Any(char.IsControl);
                    if (kept && response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } next)
                    {
                        using var landing = await app.SendAsync(caller, HttpMethod.Get, next.OriginalString);
                        var page = await landing.Content.ReadAsStringAsync();
                        failures.AddRange(HostileInput.RawMarkup.Where(m => page.Contains(m, StringComparison.Ordinal)).Select(m => $"{rule} {field}: {next} shows {m} unescaped"));
                        continue;
                    }

                    // Or the page that answers shows it (a new user's page with the password made up for them).
                    if (kept && response.IsSuccessStatusCode)
                    {
                        failures.AddRange(HostileInput.RawMarkup.Where(m => html.Contains(m, StringComparison.Ordinal)).Select(m => $"{rule} {field}: shows {m} unescaped"));
                        continue;
                    }

                    // A page that answers with a redirect must show the refusal there (the inbox's claim and release).
                    if ((int)response.StatusCode >= 500
                        || (response.StatusCode == HttpStatusCode.Redirect && await app.MessageAfterAsync(caller, response) != "problem"))
                    {
                        // A server error says what the server said, so that a rare one can be told apart from the others.
                        var said = (int)response.StatusCode >= 500 ? " " + html[..Math.Min(html.Length, 400)] : "";
                        failures.Add($"{rule} {field}={Shorten(value)}: {(int)response.StatusCode}{said}");
                    }

                    failures.AddRange(HostileInput.RawMarkup.Where(m => html.Contains(m, StringComparison.Ordinal)).Select(m => $"{rule} {field}: shows {m} unescaped"));
                    var after = await app.CountRowsAsync();
                    if (before.Any(t => after[t.Key] != t.Value))
                    {
                        failures.Add($"{rule} {field}={Shorten(value)}: rows changed");
                    }
                }
            }
        }

        output.WriteLine($"{tried} hostile form values tried.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // null when the answer is a clean refusal: 4xx, ProblemDetails, and for a 400 the field in errors.
    private static string? Refusal(HttpResponseMessage response, string body, string? field)
    {
        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500)
        {
            return "not a 4xx";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"not a ProblemDetails ({response.Content.Headers.ContentType})";
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (!root.TryGetProperty("status", out var s) || s.GetInt32() != status || !root.TryGetProperty("title", out _))
        {
            return "no status or title";
        }

        if (HostileInput.RawMarkup.Any(m => body.Contains(m, StringComparison.Ordinal)))
        {
            return "echoes markup unescaped";
        }

        if (status != 400)
        {
            return null;
        }

        if (!root.TryGetProperty("errors", out var errors))
        {
            return "a 400 without errors";
        }

        // A definition's errors are a list with JSON paths; everything else names fields.
        if (errors.ValueKind == JsonValueKind.Array)
        {
            return errors.GetArrayLength() > 0 ? null : "empty errors";
        }

        var names = errors.EnumerateObject().Select(p => p.Name).ToList();
        if (names.Count == 0)
        {
            return "empty errors";
        }

        // An event's fields are the case's data: "data.filedOn" names filedOn; "stateMapping.x" names stateMapping.
        return string.IsNullOrEmpty(field) || names.Any(n => n.Equals(field, StringComparison.OrdinalIgnoreCase)
            || n.EndsWith("." + field, StringComparison.OrdinalIgnoreCase) || n.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
            ? null
            : $"errors name {string.Join(", ", names)}, not {field}";
    }

    private static string? Reported(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("valid", out var valid) && !valid.GetBoolean() && json.RootElement.GetProperty("errors").GetArrayLength() > 0
            ? null
            : "validation reported the definition valid";
    }

    private static string Shorten(string body) => body.Length > 400 ? body[..400] + "…" : body;
}
