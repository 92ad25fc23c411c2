using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cases.Web.Tests.Security;

/// <summary>Who calls: a demo user with their roles and city (null for provincial users), or nobody.</summary>
public sealed record Principal(string Name, string? UserName, IReadOnlySet<string> Roles, string? City)
{
    public bool IsAnonymous => UserName is null;

    public bool IsIn(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    /// <summary>规程 第一百四十条: city staff see their city; provincial staff see every city.</summary>
    public bool Sees(string city) => !IsAnonymous && (City is null || City == city);

    public override string ToString() => Name;

    public static Principal Anonymous { get; } = new("anonymous", null, new HashSet<string>(), null);

    /// <summary>Every role of Roles.cs, city and provincial, and nobody: the README's demo users.</summary>
    public static IReadOnlyList<Principal> All { get; } =
    [
        Anonymous,
        new("officer.jinan", "officer.jinan", new HashSet<string> { Cases.Domain.Staff.Roles.Officer }, SecurityApp.Jinan),
        new("reviewer.jinan", "reviewer.jinan", new HashSet<string> { Cases.Domain.Staff.Roles.Reviewer }, SecurityApp.Jinan),
        new("supervisor.jinan", "supervisor.jinan", new HashSet<string> { Cases.Domain.Staff.Roles.Supervisor }, SecurityApp.Jinan),
        new("supervisor.province", "supervisor.province", new HashSet<string> { Cases.Domain.Staff.Roles.Supervisor }, null),
        new("designer", "designer", new HashSet<string> { Cases.Domain.Staff.Roles.Designer }, null),
        new("admin", "admin", new HashSet<string> { Cases.Domain.Staff.Roles.Admin }, null),
        new("auditor", "auditor", new HashSet<string> { Cases.Domain.Staff.Roles.Auditor }, null),
    ];
}

/// <summary>
/// The app with two cities' worth of records for access-control and hostile-input tests: an employer with a worker
/// and a running case in 济南 and in 青岛, and a second version of demo-filing to migrate to. Requests carry each
/// user's cookies by hand (no cookie container) and the API client's header. A sign-out ends every session of its user
/// on the server, so the cookie kept for that user is dropped with it and the next request signs in again; sign-in is
/// therefore not limited per minute here (LoginRateLimitTests tests the limit).
/// </summary>
public partial class SecurityApp : AppFixture
{
    public const string Jinan = "370100";
    public const string Qingdao = "370200";
    public const string Procedure = "demo-filing";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> _cookies = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Token, string Cookie)> _antiforgery = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<Guid>>> _shared = new(StringComparer.Ordinal);
    private HttpClient? _raw;
    private bool _ready;

    public SecurityApp()
        : this(new Dictionary<string, string> { ["Security:LoginAttemptsPerMinute"] = "100000" })
    {
    }

    protected SecurityApp(IReadOnlyDictionary<string, string>? settings)
        : base(TestProvider.Sqlite, settings)
    {
    }

    public HttpClient Raw => _raw ??= Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public IReadOnlyDictionary<string, CityRecords> Cities { get; private set; } = new Dictionary<string, CityRecords>();

    /// <summary>demo-filing version 1 exactly as published: a valid definition to validate and publish.</summary>
    public string DefinitionJson { get; private set; } = "";

    public sealed record CityRecords(string City, string Officer, string OtherOfficer, string EmployerCode, string WorkerId, Guid CaseId);

    /// <summary>Opens the records, once per fixture.</summary>
    public async Task ReadyAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_ready)
            {
                return;
            }

            Cities = new Dictionary<string, CityRecords>
            {
                [Jinan] = await OpenCityAsync(Jinan, "officer.jinan", "officer2.jinan"),
                [Qingdao] = await OpenCityAsync(Qingdao, "officer.qingdao", "officer.qingdao"),
            };
            DefinitionJson = await (await SendAsync("designer", HttpMethod.Get, $"/api/definitions/{Procedure}/versions/1")).Content.ReadAsStringAsync();
            (await SendAsync("designer", HttpMethod.Post, $"/api/definitions/{Procedure}/versions", Json(DefinitionJson))).EnsureSuccessStatusCode();
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CityRecords> OpenCityAsync(string city, string officer, string otherOfficer)
    {
        var code = TestParties.NewCreditCode(city);
        await CreatedAsync(officer, "/api/employers", new { creditCode = code, name = "安全测试单位" + code[^6..], riskClass = 2, city });
        var worker = TestParties.NewIdNumber(city[..4] + "02");
        await CreatedAsync(officer, "/api/workers", new { idNumber = worker, name = "安全测试职工", phone = "13800001111", employerCreditCode = code });
        var started = await CreatedAsync(officer, "/api/cases", new { procedure = Procedure, city, data = new { contractEndsOn = "2026-06-30" } });
        return new CityRecords(city, officer, otherOfficer, code, worker, started.GetProperty("caseId").GetGuid());
    }

    /// <summary>One record per key, opened on first use.</summary>
    public Task<Guid> SharedAsync(string key, Func<Task<Guid>> open) => _shared.GetOrAdd(key, _ => new Lazy<Task<Guid>>(open)).Value;

    /// <summary>A fresh demo-filing case of the city, waiting for its filing.</summary>
    public async Task<Guid> NewCaseAsync(string city)
    {
        var started = await CreatedAsync(Cities[city].Officer, "/api/cases", new { procedure = Procedure, city, data = new { contractEndsOn = "2026-06-30" } });
        return started.GetProperty("caseId").GetGuid();
    }

    /// <summary>A fresh open officer task (check-materials) of the city, optionally claimed by <paramref name="claimedBy"/>.</summary>
    public async Task<Guid> NewOfficerTaskAsync(string city, string? claimedBy = null)
    {
        var caseId = await NewCaseAsync(city);
        var filed = await SendAsync(Cities[city].Officer, HttpMethod.Post, $"/api/cases/{caseId}/events/filed",
            JsonContent.Create(new { filedOn = "2025-10-20", newContractEndsOn = "2026-09-30" }));
        var state = await filed.JsonAsync(HttpStatusCode.OK);
        var task = state.GetProperty("openTasks")[0].GetProperty("id").GetGuid();
        if (claimedBy is not null)
        {
            (await SendAsync(claimedBy, HttpMethod.Post, $"/api/tasks/{task}/claim")).EnsureSuccessStatusCode();
        }

        return task;
    }

    public async Task<JsonElement> CreatedAsync(string user, string url, object body)
    {
        var response = await SendAsync(user, HttpMethod.Post, url, JsonContent.Create(body));
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static JsonContent Json(object body) => JsonContent.Create(body);

    /// <summary>Sends a prepared request as <paramref name="user"/> (null: nobody).</summary>
    public async Task<HttpResponseMessage> SendAsync(string? user, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (user is not null)
        {
            request.Headers.Add("Cookie", await CookieAsync(user));
        }

        request.Headers.TryAddWithoutValidation(CasesAppFactory.ApiClientHeader, "XMLHttpRequest");
        return Signed(user, request.RequestUri, await Raw.SendAsync(request));
    }

    /// <summary>Sends as <paramref name="user"/> (null: nobody); a form post carries that user's antiforgery token unless told not to.</summary>
    public async Task<HttpResponseMessage> SendAsync(string? user, HttpMethod method, string url, HttpContent? content = null,
        IReadOnlyDictionary<string, string>? form = null, bool antiforgery = true, IReadOnlyDictionary<string, string>? headers = null, FormFile? file = null)
    {
        using var request = new HttpRequestMessage(method, url);
        var cookies = new List<string>();
        if (user is not null)
        {
            cookies.Add(await CookieAsync(user));
        }

        if (form is not null)
        {
            var fields = form.ToDictionary(StringComparer.Ordinal);
            if (antiforgery)
            {
                var (token, cookie) = await AntiforgeryAsync(user);
                fields["__RequestVerificationToken"] = token;
                cookies.Add(cookie);
            }

            content = file is null ? new FormUrlEncodedContent(fields) : Multipart(fields, file);
        }

        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies));
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!request.Headers.Contains(CasesAppFactory.ApiClientHeader))
        {
            request.Headers.Add(CasesAppFactory.ApiClientHeader, "XMLHttpRequest");
        }

        request.Content = content;
        return Signed(user, request.RequestUri, await Raw.SendAsync(request));
    }

    /// <summary>A sign-out that went through ended the user's sessions: the kept cookie is dropped, the next request signs in afresh.</summary>
    private HttpResponseMessage Signed(string? user, Uri? url, HttpResponseMessage response)
    {
        var path = url is null ? "" : url.IsAbsoluteUri ? url.AbsolutePath : url.OriginalString.Split('?')[0];
        if (user is not null && path is "/api/auth/logout" or "/account/logout"
            && response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Redirect)
        {
            _cookies.TryRemove(user, out _);
            _antiforgery.TryRemove(user, out _);
        }

        return response;
    }

    /// <summary>A form with a file, as a browser sends an upload form.</summary>
    public static MultipartFormDataContent Multipart(IEnumerable<KeyValuePair<string, string>> fields, FormFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        var bytes = new ByteArrayContent(file.Content);
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
        multipart.Add(bytes, file.Field, file.FileName);
        return multipart;
    }

    /// <summary>The user's sign-in cookie ("cases.auth=…"), signing in on first use.</summary>
    public Task<string> CookieAsync(string user) => _cookies.GetOrAdd(user, u => new Lazy<Task<string>>(() => SignInAsync(u))).Value;

    /// <summary>The cookie header value of a fresh sign-in.</summary>
    public async Task<string> SignInAsync(string user)
    {
        var response = await Raw.PostAsJsonAsync("/api/auth/login", new { userName = user, password = CasesAppFactory.DemoPassword });
        await response.JsonAsync(HttpStatusCode.OK);
        return CookiePair(response, "cases.auth=") ?? throw new InvalidOperationException("No sign-in cookie.");
    }

    /// <summary>A page with a form gives the token bound to this user (null: nobody) and the cookie that goes with it.</summary>
    public async Task<(string Token, string Cookie)> AntiforgeryAsync(string? user)
    {
        var key = user ?? "";
        if (_antiforgery.TryGetValue(key, out var known))
        {
            return known;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, user is null ? "/account/login" : "/calculations/late-fee");
        if (user is not null)
        {
            request.Headers.Add("Cookie", await CookieAsync(user));
        }

        var response = await Raw.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var token = TokenField().Match(html).Groups[1].Value;
        var cookie = CookiePair(response, ".AspNetCore.Antiforgery.") ?? throw new InvalidOperationException($"No antiforgery cookie for {key}.");
        return _antiforgery[key] = (WebUtility.HtmlDecode(token), cookie);
    }

    /// <summary>
    /// For a redirect that leaves a one-line message (TempData), what the next page shows: "notice", "problem", or its
    /// status when it shows neither; null for any other answer.
    /// </summary>
    public async Task<string?> MessageAfterAsync(string? user, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location
            || CookiePair(response, ".AspNetCore.Mvc.CookieTempDataProvider=") is not { } message)
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.Add("Cookie", user is null ? message : $"{await CookieAsync(user)}; {message}");
        using var next = await Raw.SendAsync(request);
        var html = await next.Content.ReadAsStringAsync();
        return html.Contains("data-testid=\"problem\"", StringComparison.Ordinal) ? "problem"
            : html.Contains("data-testid=\"notice\"", StringComparison.Ordinal) ? "notice"
            : ((int)next.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string? CookiePair(HttpResponseMessage response, string prefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(c => c.StartsWith(prefix, StringComparison.Ordinal))?.Split(';')[0]
            : null;

    public static JsonNode Node(string json) => JsonNode.Parse(json)!;

    /// <summary>The number of rows of every table of the model (Identity's included), in one query.</summary>
    public Task<IReadOnlyDictionary<string, long>> CountRowsAsync() => InDbAsync(RowCounts.OfAsync);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
