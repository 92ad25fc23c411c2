using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cases.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Cases.Web.Tests.Security;

/// <summary>
/// A request an endpoint accepts: who sends it, its route values, query and body. Hostile variants are generated from
/// it one input at a time, so each variant is refused for the input it spoils and nothing else.
/// </summary>
public sealed record Sample(string? Caller, IReadOnlyDictionary<string, string> Route, IReadOnlyDictionary<string, string> Query, JsonNode? Body = null)
{
    /// <summary>Body fields (dotted paths), and query parameters ("?days"), without which the request must be refused.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>The body is taken as text and answered with a validation report (definitions/validate), not refused.</summary>
    public bool BodyIsReported { get; init; }

    /// <summary>The endpoint honours an Idempotency-Key header.</summary>
    public bool Idempotent { get; init; }

    /// <summary>Generated variants that are legitimate here, each with the reason (a negative count of days counts back).</summary>
    public IReadOnlyDictionary<string, string> Accepts { get; init; } = new Dictionary<string, string>();

    /// <summary>How deep into the body variants go: a whole definition has hundreds of texts, its top levels stand for them.</summary>
    public int MaxDepth { get; init; } = int.MaxValue;

    /// <summary>A body that is not JSON (an upload's file, with its content type); its own tests spoil it, the variants here spoil the rest.</summary>
    public (byte[] Content, string ContentType)? RawBody { get; init; }

    /// <summary>Query values hostile to this endpoint alone (a file name with a right-to-left override), each with the field a 400 must name.</summary>
    public IReadOnlyList<(string What, string Name, string Value)> HostileQueries { get; init; } = [];

    /// <summary>Raw bodies hostile to this endpoint alone (an OFD that unpacks to 300 MB), each with the field a 400 must name.</summary>
    public IReadOnlyList<(string What, string Field, byte[] Content, string ContentType)> HostileBodies { get; init; } = [];
}

/// <summary>One hostile variant of a sample: what it spoils (the field a 400 must name, when there is one) and the request.</summary>
public sealed record Variant(string Description, string? Field, Func<Sample, HttpRequestMessage> Build, bool Script = false);

/// <summary>
/// Valid requests for every API endpoint, and the hostile variants generated from each endpoint's route pattern,
/// handler parameters and sample body. An API endpoint without a sample fails the suite.
/// </summary>
public static partial class HostileInput
{
    public const string ScriptText = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

    /// <summary>What must never appear in a page or an API body: the markup of <see cref="ScriptText"/> unescaped.</summary>
    public static readonly string[] RawMarkup = ["<script>alert(", "<img src=x onerror"];

    private static readonly Dictionary<string, string> None = new(StringComparer.Ordinal);

    private static Dictionary<string, string> D(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static Task<Sample> Fixed(Sample sample) => Task.FromResult(sample);

    /// <summary>The generated query variants that are short, clean text: legitimate for a free-text query parameter (only too long or control characters are refused).</summary>
    private static Dictionary<string, string> FreeText(string name, string reason) =>
        new[] { "path traversal", "path traversal, Windows", "a word", "2^31", "-1" }.ToDictionary(v => $"query {name}: {v}", _ => reason, StringComparer.Ordinal);

    /// <summary>The valid request of each API endpoint, built fresh (new codes, new cases and tasks) for every variant.</summary>
    public static IReadOnlyDictionary<RouteKey, Func<SecurityApp, Task<Sample>>> Samples { get; } =
        new[] { CoreSamples, SupervisionSamples, DesignerSamples, AdminSamples, CaseworkSamples, AuditSamples, OperationsSamples, LedgersSamples, InjuriesSamples, ProjectsSamples, PeopleSamples, EmployersSamples, BenefitsSamples, UnlinkedCasesSamples, /* catalogues */ CataloguesSamples, /* Payments */ PaymentsSamples, /* Letters */ LettersSamples, /* Payroll */ PayrollSamples, /* certify */ CertifySamples, /* datamatch */ DataMatchesSamples, /* keep */ KeepingSamples, /* adjust */ AdjustSamples }.SelectMany(d => d).ToDictionary();

    /// <summary>The core endpoints' samples; each area's are in its own file (HostileInput.(area).cs).</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> CoreSamples => new()
    {
        [new("POST", "/api/auth/login")] = _ => Fixed(new(null, None, None, Json(new { userName = "reviewer.jinan", password = Testing.CasesAppFactory.DemoPassword })) { Required = ["userName", "password"] }),
        [new("POST", "/api/auth/logout")] = _ => Fixed(new("officer.jinan", None, None)),
        [new("GET", "/api/auth/me")] = _ => Fixed(new("officer.jinan", None, None)),

        [new("GET", "/api/calendar/working-days/add")] = _ => Fixed(new("officer.jinan", None, D(("from", "2025-09-26"), ("days", "10")))
        {
            Required = ["?from", "?days"],
            Accepts = new Dictionary<string, string> { ["query days: -1"] = "a negative count counts working days back" },
        }),
        [new("GET", "/api/calendar/days/{date}")] = _ => Fixed(new("officer.jinan", D(("date", "2025-10-11")), None)),
        [new("GET", "/api/calendar/years")] = _ => Fixed(new("officer.jinan", None, None)),
        [new("PUT", "/api/calendar/days/{date}")] = _ => Fixed(new("admin", D(("date", "2026-12-26")), None, Json(new { kind = "holiday", name = "测试假日", reason = "恶意输入测试" })) { Required = ["kind", "reason"] }),
        [new("GET", "/api/calendar/changes")] = _ => Fixed(new("admin", None, D(("year", "2025")))),

        [new("POST", "/api/employers")] = _ => Fixed(new("officer.jinan", None, None,
            Json(new
            {
                creditCode = TestParties.NewCreditCode(SecurityApp.Jinan), name = "恶意输入测试单位", riskClass = 2, city = SecurityApp.Jinan, registeredOn = "2024-01-15",
                // employers: the other items of 第七条 and the legal representative.
                unitType = "enterprise", economicType = "private", affiliation = "county", registrationAuthority = "market-regulation", establishedOn = "2015-04-01",
                industry = "通用设备制造业", address = "济南市章丘区明水街道 1 号", phone = "053183210000",
                legalRepresentative = new { name = "恶意输入测试", documentType = "resident-id", documentNumber = "370102198001010015", phone = "13800002222" },
            }))
        { Required = ["creditCode", "name", "riskClass", "city"] }),
        [new("GET", "/api/employers/{creditCode}")] = app => Fixed(new("officer.jinan", D(("creditCode", app.Cities[SecurityApp.Jinan].EmployerCode)), None)),
        [new("GET", "/api/employers/{creditCode}/workers")] = app => Fixed(new("officer.jinan", D(("creditCode", app.Cities[SecurityApp.Jinan].EmployerCode)), None)),
        [new("POST", "/api/workers")] = app => Fixed(new("officer.jinan", None, None,
            Json(new { idNumber = TestParties.NewIdNumber(), name = "恶意输入测试职工", phone = "13800001111", employerCreditCode = app.Cities[SecurityApp.Jinan].EmployerCode }))
        { Required = ["idNumber", "name", "employerCreditCode"] }),
        [new("GET", "/api/workers/{idNumber}")] = app => Fixed(new("officer.jinan", D(("idNumber", app.Cities[SecurityApp.Jinan].WorkerId)), D(("purpose", "核对登记")))
        {
            Accepts = FreeText("purpose", "a purpose is free text"),
        }),

        [new("POST", "/api/cases")] = _ => Fixed(new("officer.jinan", None, None,
            Json(new { procedure = SecurityApp.Procedure, city = SecurityApp.Jinan, data = new { contractEndsOn = "2026-06-30" } }))
        { Required = ["procedure", "city", "data.contractEndsOn"], Idempotent = true }),
        [new("GET", "/api/cases/{id:guid}")] = app => Fixed(new("officer.jinan", D(("id", app.Cities[SecurityApp.Jinan].CaseId.ToString())), None)),
        [new("POST", "/api/cases/{id:guid}/events/{eventName}")] = async app => new("officer.jinan", D(("id", (await app.NewCaseAsync(SecurityApp.Jinan)).ToString()), ("eventName", "filed")), None,
            Json(new { filedOn = "2025-10-20", newContractEndsOn = "2026-09-30" }))
        { Required = ["filedOn", "newContractEndsOn"], Idempotent = true },
        [new("POST", "/api/cases/{id:guid}/migrate")] = app => Fixed(new("supervisor.jinan", D(("id", app.Cities[SecurityApp.Jinan].CaseId.ToString())), None,
            Json(new { toVersion = 2, stateMapping = new Dictionary<string, string> { ["await-filing"] = "await-filing" }, dryRun = true }))
        { Required = ["toVersion", "stateMapping"], Idempotent = true }),
        [new("GET", "/api/cases/{id:guid}/journal/verify")] = app => Fixed(new("officer.jinan", D(("id", app.Cities[SecurityApp.Jinan].CaseId.ToString())), None)),

        [new("GET", "/api/tasks")] = _ => Fixed(new("officer.jinan", None,
            D(("scope", "available"), ("procedure", SecurityApp.Procedure), ("status", "open"), ("dueBefore", "2026-01-01"), ("overdue", "false"), ("limit", "10")))
        {
            Accepts = FreeText("party", "a party is the start of a name or a whole code: any short text, matching a party or nothing"),
        }),
        [new("POST", "/api/tasks/{id:guid}/claim")] = async app => new("officer.jinan", D(("id", (await app.NewOfficerTaskAsync(SecurityApp.Jinan)).ToString())), None) { Idempotent = true },
        [new("POST", "/api/tasks/{id:guid}/release")] = async app =>
            new("officer.jinan", D(("id", (await app.NewOfficerTaskAsync(SecurityApp.Jinan, claimedBy: "officer.jinan")).ToString())), None) { Idempotent = true },
        [new("POST", "/api/tasks/{id:guid}/assign")] = async app =>
            new("supervisor.jinan", D(("id", (await app.NewOfficerTaskAsync(SecurityApp.Jinan)).ToString())), None, Json(new { userName = "officer2.jinan" })) { Required = ["userName"], Idempotent = true },
        [new("POST", "/api/tasks/{id:guid}/complete")] = async app => new("officer.jinan", D(("id", (await app.NewOfficerTaskAsync(SecurityApp.Jinan)).ToString())), None,
            Json(new { outcome = "complete", data = new { materialsComplete = true, reviewNote = "材料齐全" } }))
        { Required = ["outcome", "data.materialsComplete"], Idempotent = true },

        [new("GET", "/api/definitions")] = _ => Fixed(new("officer.jinan", None, None)),
        [new("GET", "/api/definitions/{key}/versions/{version:int}")] = _ => Fixed(new("officer.jinan", D(("key", SecurityApp.Procedure), ("version", "1")), None)),
        [new("GET", "/api/definitions/{key}/diff")] = _ => Fixed(new("officer.jinan", D(("key", SecurityApp.Procedure)), D(("from", "1"), ("to", "2"))) { Required = ["?from", "?to"] }),
        [new("POST", "/api/definitions/validate")] = app => Fixed(new("designer", None, None, SecurityApp.Node(app.DefinitionJson)) { BodyIsReported = true }),
        [new("POST", "/api/definitions/{key}/versions")] = app => Fixed(new("designer", D(("key", SecurityApp.Procedure)), None, SecurityApp.Node(app.DefinitionJson))
        {
            MaxDepth = 2,
            Accepts = new Dictionary<string, string>
            {
                ["body version: an object instead"] = "the store numbers versions: whatever the body says, it is published as N+1",
                ["body version: an array instead"] = "the store numbers versions",
                ["body version: a string instead"] = "the store numbers versions",
                ["body version: -1"] = "the store numbers versions",
                ["body version: 2^31"] = "the store numbers versions",
                ["body version: 1e30"] = "the store numbers versions",
                ["body version: a fraction"] = "the store numbers versions",
            },
        }),

        [new("GET", "/api/sla")] = _ => Fixed(new("supervisor.jinan", None, D(("city", SecurityApp.Jinan)))),
        [new("GET", "/api/escalations")] = _ => Fixed(new("supervisor.jinan", None, D(("city", SecurityApp.Jinan), ("open", "true")))),

        // A provincial caller, for whom a malformed city is a 400 naming city (a city's staff get 403 for any other city).
        [new("GET", "/api/ledgers/advance-payments")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan)))),
        [new("GET", "/api/ledgers/third-party-medical")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan), ("injuryCaseId", "GS-2025-0001")))
        {
            Accepts = FreeText("injuryCaseId", "an injury case number is free text of up to 64 characters, matched exactly"),
        }),

        [new("GET", "/api/calculations")] = _ => Fixed(new("officer.jinan", None, None)),
        [new("POST", "/api/calculations/{name}")] = _ => Fixed(new("officer.jinan", D(("name", "late-fee")), None, Json(new { arrears = 1000m, dueOn = "2024-02-27", paidOn = "2024-03-01" }))
        {
            Required = ["arrears", "dueOn", "paidOn"],
            Accepts = new Dictionary<string, string> { ["body arrears: 2^31"] = "an amount, not a count", ["body arrears: a fraction"] = "an amount in yuan and fen" },
        }),
        [new("GET", "/api/parameters")] = _ => Fixed(new("officer.jinan", None, None)),
        [new("PUT", "/api/parameters")] = _ => Fixed(new("admin", None, None,
            Json(new { name = "minimumWage", year = 2025, city = SecurityApp.Jinan, value = 2200m, source = "鲁政字〔2025〕1号", reason = "恶意输入测试" }))
        {
            Required = ["name", "year", "city", "value", "source", "reason"],
            Accepts = new Dictionary<string, string> { ["body value: a fraction"] = "an amount in yuan and fen" },
        }),
        [new("GET", "/api/parameters/changes")] = _ => Fixed(new("admin", None, None)),

        [new("GET", "/api/dev/clock")] = _ => Fixed(new("supervisor.jinan", None, None)),
        [new("PUT", "/api/dev/clock")] = _ => Fixed(new("supervisor.jinan", None, None, Json(new { now = "2025-10-20T09:00:00+08:00" })) { Required = ["now"] }),
        [new("POST", "/api/dev/timers/run-due")] = _ => Fixed(new("supervisor.jinan", None, None)),
    };

    private static JsonNode Json(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!;

    /// <summary>The hostile variants of an endpoint's sample: route values, query values and body, each spoilt in turn.</summary>
    public static IReadOnlyList<Variant> VariantsOf(RoutedEndpoint endpoint, Sample sample)
    {
        var variants = new List<Variant>();
        var pattern = endpoint.Endpoint.RoutePattern;

        foreach (var parameter in pattern.Parameters)
        {
            var name = parameter.Name;
            foreach (var (what, value) in BadTexts(sample.Route.GetValueOrDefault(name)).Concat(BadRouteValues(parameter)))
            {
                variants.Add(new($"route {name}: {what}", Named(name, value), s => Build(endpoint, s, route: With(s.Route, name, value))));
            }
        }

        foreach (var name in QueryParameters(endpoint))
        {
            foreach (var (what, value) in BadTexts(sample.Query.GetValueOrDefault(name)).Concat(BadNumbers()))
            {
                variants.Add(new($"query {name}: {what}", name, s => Build(endpoint, s, query: With(s.Query, name, value))));
            }
        }

        foreach (var (what, name, value) in sample.HostileQueries)
        {
            variants.Add(new($"query {name}: {what}", name, s => Build(endpoint, s, query: With(s.Query, name, value))));
        }

        foreach (var (what, field, content, type) in sample.HostileBodies)
        {
            variants.Add(new($"body: {what}", field, s => Build(endpoint, s with { RawBody = (content, type) })));
        }

        foreach (var name in sample.Required.Where(r => r.StartsWith('?')).Select(r => r[1..]))
        {
            variants.Add(new($"query without {name}", name, s => Build(endpoint, s, query: s.Query.Where(q => q.Key != name).ToDictionary(StringComparer.Ordinal))));
        }

        if (sample.Body is not null)
        {
            variants.AddRange(BodyVariants(endpoint, sample));
        }

        variants.RemoveAll(v => sample.Accepts.ContainsKey(v.Description));
        if (sample.Idempotent)
        {
            variants.Add(new("Idempotency-Key of 101 characters", "Idempotency-Key", s =>
            {
                var request = Build(endpoint, s);
                request.Headers.Add("Idempotency-Key", new string('k', 101));
                return request;
            }));
        }

        return variants;
    }

    /// <summary>
    /// Text that is only text: script and a path in every text input. A name or a note may hold it (it is escaped
    /// wherever it is shown, and no input names a file); an identifier refuses it.
    /// </summary>
    public static IReadOnlyList<Variant> InertVariantsOf(RoutedEndpoint endpoint, Sample sample)
    {
        var texts = new[] { ("script", ScriptText), ("a path", "../../../../etc/passwd") };
        var variants = new List<Variant>();
        foreach (var (what, text) in texts)
        {
            foreach (var name in endpoint.Endpoint.RoutePattern.Parameters.Select(p => p.Name))
            {
                variants.Add(new($"route {name}: {what}", null, s => Build(endpoint, s, route: With(s.Route, name, text)), Script: true));
            }

            foreach (var name in QueryParameters(endpoint))
            {
                variants.Add(new($"query {name}: {what}", null, s => Build(endpoint, s, query: With(s.Query, name, text)), Script: true));
            }

            if (sample.Body is not null && !sample.BodyIsReported)
            {
                foreach (var (path, _) in Leaves(sample.Body, "", sample.MaxDepth).Where(l => l.Value.GetValueKind() == System.Text.Json.JsonValueKind.String))
                {
                    variants.Add(new($"body {path}: {what}", null, s => Build(endpoint, s, body: Replace(s.Body!, path, JsonValue.Create(text))), Script: true));
                }
            }
        }

        return variants;
    }

    private static IEnumerable<Variant> BodyVariants(RoutedEndpoint endpoint, Sample sample)
    {
        // Not JSON, or not the JSON shape the endpoint takes.
        foreach (var (what, raw) in new[] { ("malformed JSON", "{,}"), ("an array, not an object", "[]"), ("a bare string", "\"x\"") })
        {
            yield return new($"body: {what}", "body", s => Build(endpoint, s, raw: raw));
        }

        // No body at all: the body (or, where a body is optional, the first field it must have) is named.
        foreach (var (what, raw) in new[] { ("JSON null", "null"), ("no body at all", "") })
        {
            yield return new($"body: {what}", "", s => Build(endpoint, s, raw: raw));
        }

        yield return new("body of 2 MiB", null, s => Build(endpoint, s, raw: "{\"a\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"));
        yield return new("body with a field nobody asked for", "unexpected", s => Build(endpoint, s, body: Add(s.Body!, "unexpected", 1)));
        yield return new("body with content-type text/plain", null, s =>
        {
            var request = Build(endpoint, s);
            request.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            return request;
        });
        if (sample.BodyIsReported)
        {
            yield break;
        }

        yield return new("body: empty object", "", s => Build(endpoint, s, body: new JsonObject()));
        foreach (var required in sample.Required.Where(r => !r.StartsWith('?')))
        {
            yield return new($"body without {required}", required, s => Build(endpoint, s, body: Remove(s.Body!, required)));
        }

        foreach (var (path, value) in Leaves(sample.Body!, "", sample.MaxDepth))
        {
            foreach (var (what, bad) in BadValues(value))
            {
                yield return new($"body {path}: {what}", path, s => Build(endpoint, s, body: Replace(s.Body!, path, bad?.DeepClone())));
            }
        }
    }

    // Values of the wrong type, impossible dates, numbers out of range, over-long text, path traversal.
    private static IEnumerable<(string, JsonNode?)> BadValues(JsonNode value)
    {
        yield return ("an object instead", new JsonObject { ["x"] = 1 });
        yield return ("an array instead", new JsonArray(1, 2));
        switch (value.GetValueKind())
        {
            case System.Text.Json.JsonValueKind.String:
                var text = value.GetValue<string>();
                yield return ("a number instead", JsonValue.Create(12345));
                yield return ("10,001 characters", JsonValue.Create(new string('长', 10_001)));
                yield return ("a NUL character", JsonValue.Create(text + "\u0000"));
                yield return ("a bell character", JsonValue.Create(text + "\u0007"));
                if (LooksLikeDate(text))
                {
                    yield return ("an impossible date", JsonValue.Create("2025-02-30" + text[10..]));
                    yield return ("a date in another format", JsonValue.Create("30/09/2025"));
                    yield return ("the year 10000", JsonValue.Create("+10000-01-01"));
                }

                break;
            case System.Text.Json.JsonValueKind.Number:
                yield return ("a string instead", JsonValue.Create("not a number"));
                yield return ("-1", JsonValue.Create(-1));
                yield return ("2^31", JsonValue.Create(2147483648L));
                yield return ("1e30", JsonNode.Parse("1e30"));
                yield return ("a fraction", JsonValue.Create(0.5m));
                break;
            case System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False:
                yield return ("a string instead", JsonValue.Create("yes"));
                yield return ("a number instead", JsonValue.Create(1));
                break;
        }
    }

    private static IEnumerable<(string, string)> BadTexts(string? sample)
    {
        yield return ("path traversal", "../../../../etc/passwd");
        yield return ("path traversal, Windows", "..\\..\\web.config");
        yield return ("5,000 characters", new string('x', 5_000));
        yield return ("a control character", (sample ?? "x") + "\u0001");
        if (sample is not null && LooksLikeDate(sample))
        {
            yield return ("an impossible date", "2025-02-30");
            yield return ("the 13th month", "2025-13-01");
        }
    }

    private static IEnumerable<(string, string)> BadRouteValues(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => p.Content == "guid") ? [("not a guid", "not-a-guid"), ("an unknown guid", Guid.Empty.ToString())]
        : parameter.ParameterPolicies.Any(p => p.Content == "int") ? [("2^31", "2147483648"), ("0", "0"), ("-1", "-1")]
        : [("unknown name", "no-such-" + parameter.Name.ToLowerInvariant())];

    private static IEnumerable<(string, string)> BadNumbers() => [("a word", "abc"), ("2^31", "2147483648"), ("-1", "-1")];

    private static bool LooksLikeDate(string text) => text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>The query parameters the handler binds: its simple parameters that are not route values.</summary>
    public static IReadOnlyList<string> QueryParameters(RoutedEndpoint endpoint)
    {
        var route = endpoint.Endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return endpoint.Handler?.GetParameters()
            .Where(p => (p.ParameterType == typeof(string) || Nullable.GetUnderlyingType(p.ParameterType) is not null || p.ParameterType.IsPrimitive)
                && p.GetCustomAttributes(typeof(FromBodyAttribute), false).Length == 0 && !route.Contains(p.Name!))
            .Select(p => p.Name!).ToList() ?? [];
    }

    /// <summary>Every scalar in the body, down to <paramref name="depth"/> levels, with its dotted path ("data.contractEndsOn").</summary>
    public static IEnumerable<(string Path, JsonNode Value)> Leaves(JsonNode node, string prefix, int depth = int.MaxValue)
    {
        if (node is JsonObject o && depth > 0)
        {
            foreach (var (name, child) in o)
            {
                var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                if (child is JsonObject)
                {
                    foreach (var leaf in Leaves(child, path, depth - 1))
                    {
                        yield return leaf;
                    }
                }
                else if (child is JsonValue)
                {
                    yield return (path, child);
                }
            }
        }
    }

    private static string? Named(string name, string value) => value.Length > 0 ? name : null;

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> values, string name, string value) =>
        new(values, StringComparer.Ordinal) { [name] = value };

    private static JsonObject Add(JsonNode body, string name, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[name] = value;
        return copy;
    }

    private static JsonNode Remove(JsonNode body, string path)
    {
        var copy = body.DeepClone();
        var (parent, name) = Locate(copy, path);
        parent.Remove(name);
        return copy;
    }

    private static JsonNode Replace(JsonNode body, string path, JsonNode? value)
    {
        var copy = body.DeepClone();
        var (parent, name) = Locate(copy, path);
        parent[name] = value;
        return copy;
    }

    private static (JsonObject Parent, string Name) Locate(JsonNode root, string path)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = node[part]!;
        }

        return (node.AsObject(), parts[^1]);
    }

    /// <summary>The sample as an HTTP request, with one of its parts replaced.</summary>
    public static HttpRequestMessage Build(RoutedEndpoint endpoint, Sample sample, IReadOnlyDictionary<string, string>? route = null,
        IReadOnlyDictionary<string, string>? query = null, JsonNode? body = null, string? raw = null)
    {
        route ??= sample.Route;
        query ??= sample.Query;
        var path = new StringBuilder();
        foreach (var segment in endpoint.Endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => Uri.EscapeDataString(route[parameter.Name]),
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => "",
                });
            }
        }

        if (query.Count > 0)
        {
            path.Append('?').AppendJoin('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        }

        var request = new HttpRequestMessage(new HttpMethod(endpoint.Key.Method), path.ToString());
        var text = raw ?? (body ?? sample.Body)?.ToJsonString();
        if (text is not null)
        {
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }
        else if (sample.RawBody is var (bytes, type))
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type); // datamatch: a multipart type carries its boundary
        }

        return request;
    }
}
