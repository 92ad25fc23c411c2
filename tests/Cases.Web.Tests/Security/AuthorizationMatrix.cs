using System.Net.Http.Json;
using Cases.Web.Tests.Support;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

/// <summary>Who may call an endpoint: anyone, any signed-in user, or the named roles.</summary>
/// <param name="Anyone">Nobody needs to sign in.</param>
/// <param name="Roles">The roles that may; null for every signed-in user.</param>
/// <param name="RoleFromRecord">The role is checked against the record (a task's candidate role), so another city's record is 404 before the role is looked at.</param>
/// <param name="Provincial">Only provincial staff of those roles (a provincial supervisor approving a procedure version); a city's get the refusal.</param>
public sealed record Who(bool Anyone, IReadOnlySet<string>? Roles, bool RoleFromRecord = false, bool Provincial = false)
{
    public override string ToString() => Anyone ? "anyone" : Roles is null ? "signed in" : string.Join("|", Roles) + (RoleFromRecord ? " (of the record)" : "") + (Provincial ? " (provincial)" : "");
}

/// <summary>How the target city matters.</summary>
public enum Scope
{
    /// <summary>Not tied to a city: one call per user.</summary>
    None,

    /// <summary>A record of a city: another city's is answered 404, like a missing one (规程 第一百四十条).</summary>
    Record,

    /// <summary>Creates something in the city named in the body: another city is 403.</summary>
    NewInCity,

    /// <summary>The body refers to a record of the city (a worker's employer): another city's is 400 on that field, like a missing one.</summary>
    Reference,

    /// <summary>A figure filtered by a city in the query: another city is 403.</summary>
    CityFilter,
}

/// <summary>
/// A request to make: the URL and a JSON body or form fields; with <paramref name="File"/> the form is sent as
/// multipart/form-data carrying that file (without a form, the file is the body itself). <paramref name="FreeText"/> names the form fields that keep any text as typed
/// (a comment, a name): a hostile value there may be stored and shown back escaped rather than refused.
/// </summary>
public sealed record Attempt(string Url, object? Json = null, IReadOnlyDictionary<string, string>? Form = null, FormFile? File = null, IReadOnlyList<string>? FreeText = null);

/// <summary>A file a multipart form sends: its field, its name and its bytes.</summary>
public sealed record FormFile(string Field, string FileName, string ContentType, byte[] Content);

/// <summary>One cell: who calls, about which city's records, and whether the call is expected to succeed.</summary>
public sealed record Cell(SecurityApp App, Principal Principal, string City, bool Succeeds = true)
{
    public SecurityApp.CityRecords Records => App.Cities[City];

    /// <summary>
    /// A record the call acts on: a fresh one when the call should change it, else one shared by the refused calls
    /// of the same row and city (a refusal changes nothing, and a call let through by mistake fails its own cell).
    /// </summary>
    public Task<Guid> RecordAsync(string row, Func<Task<Guid>> open) => Succeeds ? open() : App.SharedAsync($"{row} {City}", open);
}

/// <summary>One row of the matrix: an endpoint (or a variant of its query), who may call it, and the answer when they may.</summary>
/// <param name="Method">The HTTP method, or * for an endpoint that takes any (called with GET).</param>
/// <param name="Pattern">The route pattern as the routing table has it.</param>
/// <param name="Who">Who may call it.</param>
/// <param name="Scope">How the target city matters.</param>
/// <param name="Ok">The answer when the caller may: "200", "201", or "302 /" for a page that redirects.</param>
/// <param name="Make">Builds the request for a cell, opening the records it acts on when it changes them.</param>
/// <param name="Variant">A query that a different rule guards (tasks?scope=all).</param>
/// <param name="Peers">The answer for a role outside <see cref="Who"/> that meets a different refusal (a fellow officer releasing a task someone else holds: 409).</param>
/// <param name="Denied">
/// The answer for a signed-in caller outside <see cref="Who"/> when the page says no itself rather than through the
/// access-denied redirect (a task page's 403, or its redirect with the refusal shown: "302 /tasks/{id} (problem)").
/// </param>
/// <param name="Elsewhere">The answer about another city's record when the page says it differently from the scope's 404/403/400.</param>
/// <param name="Audience">
/// The roles the whole area is for (the inbox and task pages: the case staff): anyone else gets the policy's refusal before
/// <see cref="Denied"/> — the page never opens for them.
/// </param>
/// <param name="EndsSession">A sign-out: it ends every session of its caller, so its cells run after all the others.</param>
public sealed record Rule(string Method, string Pattern, Who Who, Scope Scope, string Ok, Func<Cell, Task<Attempt>> Make, string? Variant = null,
    (string Role, string Answer)? Peers = null, string? Denied = null, string? Elsewhere = null, IReadOnlySet<string>? Audience = null, bool EndsSession = false)
{
    public RouteKey Key => new(Method, Pattern);

    public bool IsApi => Pattern.StartsWith("/api/", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Pattern}{(Variant is null ? "" : " [" + Variant + "]")}";

    /// <summary>
    /// The answer <paramref name="principal"/> must get about <paramref name="city"/>'s records: "200", "403", "404",
    /// or for pages a redirect "302 /account/login"; a redirect that carries a one-line message names what the next page
    /// shows ("302 /inbox (notice)", "302 /tasks/{id} (problem)", or its status when it shows none).
    /// </summary>
    public string Expected(Principal principal, string city)
    {
        if (principal.IsAnonymous)
        {
            return Who.Anyone ? Ok : IsApi ? "401" : "302 /account/login";
        }

        if (Audience is { } audience && !principal.IsIn(audience))
        {
            return "403";
        }

        var roleOk = (Who.Roles is null || principal.IsIn(Who.Roles)) && (!Who.Provincial || principal.City is null);
        var cityOk = Scope == Scope.None || principal.Sees(city);
        var forbidden = Denied ?? "403";
        if (cityOk && !roleOk && Peers is { } peers && principal.Roles.Contains(peers.Role))
        {
            return peers.Answer;
        }

        if (!roleOk && (cityOk || !Who.RoleFromRecord))
        {
            return forbidden;
        }

        return cityOk ? Ok : Elsewhere ?? Scope switch
        {
            Scope.Record => "404",
            Scope.Reference => "400",
            _ => "403",
        };
    }
}

/// <summary>
/// The authorization matrix: every endpoint of the routing table with who may call it. An endpoint that is routed but
/// not listed here fails <see cref="AuthorizationMatrixTests"/>, so a new endpoint cannot be forgotten; so does a row
/// whose endpoint no longer exists. Static assets are one row for all of them.
/// </summary>
public static partial class AuthorizationMatrix
{
    public const string StaticAssets = "(every static asset)";

    private static readonly Who Anyone = new(true, null);
    private static readonly Who SignedIn = new(false, null);

    private static Who Only(params string[] roles) => new(false, roles.ToHashSet(StringComparer.Ordinal));

    private static Who TaskRole(params string[] roles) => new(false, roles.ToHashSet(StringComparer.Ordinal), RoleFromRecord: true);

    private static Func<Cell, Task<Attempt>> Get(string url) => _ => Task.FromResult(new Attempt(url));

    private static Func<Cell, Task<Attempt>> Get(Func<Cell, string> url) => c => Task.FromResult(new Attempt(url(c)));

    private static Func<Cell, Task<Attempt>> Send(string url, object json) => _ => Task.FromResult(new Attempt(url, json));

    private static Func<Cell, Task<Attempt>> Form(string url, Func<Cell, Dictionary<string, string>> form) => c => Task.FromResult(new Attempt(url, Form: form(c)));

    /// <summary>An open officer task of the city for a page to show, one per city.</summary>
    private static Task<Guid> ShownTaskAsync(Cell c) => c.App.SharedAsync($"task page {c.City}", () => c.App.NewOfficerTaskAsync(c.City));

    /// <summary>The sign-in body for the caller (nobody signs in as officer2.jinan).</summary>
    private static object Credentials(Cell c) => new { userName = c.Principal.UserName ?? "officer2.jinan", password = Testing.CasesAppFactory.DemoPassword };

    /// <summary>Every row: the core ones here, each area's in its own file (AuthorizationMatrix.(area).cs).</summary>
    public static IReadOnlyList<Rule> Rules { get; } = [.. CoreRules, .. SupervisionRules, .. DesignerRules, .. AdminRules, .. CaseworkRules, .. AuditRules, .. OperationsRules, .. LedgersRules, .. InjuriesRules, .. ProjectsRules, .. PeopleRules, .. EmployersRules, .. BenefitsRules, .. UnlinkedCasesRules, /* catalogues */ .. CataloguesRules, /* Payments */ .. PaymentsRules, /* Letters */ .. LettersRules, /* Payroll */ .. PayrollRules, /* certify */ .. CertifyRules, /* datamatch */ .. DataMatchesRules, /* keep */ .. KeepingRules, /* adjust */ .. AdjustRules];

    private static IEnumerable<Rule> CoreRules =>
    [
        // Sign-in and the session
        new("POST", "/api/auth/login", Anyone, Scope.None, "200", c => Task.FromResult(new Attempt("/api/auth/login", Credentials(c)))),
        new("POST", "/api/auth/logout", SignedIn, Scope.None, "204", Send("/api/auth/logout", new { }), EndsSession: true),
        new("GET", "/api/auth/me", SignedIn, Scope.None, "200", Get("/api/auth/me")),

        // The working-day calendar: everyone counts, administrators change it
        new("GET", "/api/calendar/working-days/add", SignedIn, Scope.None, "200", Get("/api/calendar/working-days/add?from=2025-09-26&days=10")),
        new("GET", "/api/calendar/days/{date}", SignedIn, Scope.None, "200", Get("/api/calendar/days/2025-10-11")),
        new("GET", "/api/calendar/years", SignedIn, Scope.None, "200", Get("/api/calendar/years")),
        new("PUT", "/api/calendar/days/{date}", Only(Admin), Scope.None, "200", Send("/api/calendar/days/2026-12-26", new { kind = "weekend", reason = "授权矩阵" })),
        new("GET", "/api/calendar/changes", Only(Admin), Scope.None, "200", Get("/api/calendar/changes")),

        // Employers and workers: their city's staff
        new("POST", "/api/employers", Only(Officer, Supervisor, Admin), Scope.NewInCity, "201", c =>
            Task.FromResult(new Attempt("/api/employers", new { creditCode = TestParties.NewCreditCode(c.City), name = "矩阵单位", riskClass = 1, city = c.City }))),
        new("GET", "/api/employers/{creditCode}", CaseStaff, Scope.Record, "200", Get(c => $"/api/employers/{c.Records.EmployerCode}")),
        new("GET", "/api/employers/{creditCode}/workers", CaseStaff, Scope.Record, "200", Get(c => $"/api/employers/{c.Records.EmployerCode}/workers")),
        new("POST", "/api/workers", Only(Officer, Supervisor, Admin), Scope.Reference, "201", c =>
            Task.FromResult(new Attempt("/api/workers", new { idNumber = TestParties.NewIdNumber(), name = "矩阵职工", employerCreditCode = c.Records.EmployerCode }))),
        new("GET", "/api/workers/{idNumber}", CaseStaff, Scope.Record, "200", Get(c => $"/api/workers/{c.Records.WorkerId}")),

        // Cases
        new("POST", "/api/cases", Only(Officer, Supervisor, Admin), Scope.NewInCity, "201", c =>
            Task.FromResult(new Attempt("/api/cases", new { procedure = SecurityApp.Procedure, city = c.City, data = new { contractEndsOn = "2026-06-30" } }))),
        new("GET", "/api/cases/{id:guid}", CaseStaff, Scope.Record, "200", Get(c => $"/api/cases/{c.Records.CaseId}")),
        new("POST", "/api/cases/{id:guid}/events/{eventName}", Only(Officer, Supervisor), Scope.Record, "200", async c =>
            new Attempt($"/api/cases/{await c.RecordAsync("events", () => c.App.NewCaseAsync(c.City))}/events/filed", new { filedOn = "2025-10-20", newContractEndsOn = "2026-09-30" })),
        new("POST", "/api/cases/{id:guid}/migrate", Only(Supervisor), Scope.Record, "200", c =>
            Task.FromResult(new Attempt($"/api/cases/{c.Records.CaseId}/migrate", new { toVersion = 2, stateMapping = new Dictionary<string, string> { ["await-filing"] = "await-filing" }, dryRun = true }))),
        new("GET", "/api/cases/{id:guid}/journal/verify", CaseStaffAndAuditors, Scope.Record, "200", Get(c => $"/api/cases/{c.Records.CaseId}/journal/verify")),

        // Tasks: the candidate role of the task and its city; reassigning is a supervisor's
        new("GET", "/api/tasks", CaseStaff, Scope.None, "200", Get("/api/tasks")),
        new("GET", "/api/tasks", Only(Supervisor, Admin), Scope.None, "200", Get("/api/tasks?scope=all"), Variant: "scope=all"),
        new("POST", "/api/tasks/{id:guid}/claim", TaskRole(Officer), Scope.Record, "200", async c =>
            new Attempt($"/api/tasks/{await c.RecordAsync("claim", () => c.App.NewOfficerTaskAsync(c.City))}/claim", new { })),
        new("POST", "/api/tasks/{id:guid}/release", TaskRole(Supervisor), Scope.Record, "200", async c =>
            new Attempt($"/api/tasks/{await c.RecordAsync("release", () => c.App.NewOfficerTaskAsync(c.City, claimedBy: c.Records.OtherOfficer))}/release", new { }),
            Peers: (Officer, "409")),
        new("POST", "/api/tasks/{id:guid}/assign", Only(Supervisor), Scope.Record, "200", async c =>
            new Attempt($"/api/tasks/{await c.RecordAsync("assign", () => c.App.NewOfficerTaskAsync(c.City))}/assign", new { userName = c.Records.OtherOfficer })),
        new("POST", "/api/tasks/{id:guid}/complete", TaskRole(Officer), Scope.Record, "200", async c =>
            new Attempt($"/api/tasks/{await c.RecordAsync("complete", () => c.App.NewOfficerTaskAsync(c.City))}/complete", new { outcome = "complete", data = new { materialsComplete = true } })),

        // Procedure definitions: everyone reads them, designers change them
        new("GET", "/api/definitions", SignedIn, Scope.None, "200", Get("/api/definitions")),
        new("GET", "/api/definitions/{key}/versions/{version:int}", SignedIn, Scope.None, "200", Get($"/api/definitions/{SecurityApp.Procedure}/versions/1")),
        new("GET", "/api/definitions/{key}/diff", SignedIn, Scope.None, "200", Get($"/api/definitions/{SecurityApp.Procedure}/diff?from=1&to=2")),
        new("POST", "/api/definitions/validate", Only(Designer), Scope.None, "200", c => Task.FromResult(new Attempt("/api/definitions/validate", SecurityApp.Node(c.App.DefinitionJson)))),
        new("POST", "/api/definitions/{key}/versions", Only(Designer), Scope.None, "201", c =>
            Task.FromResult(new Attempt($"/api/definitions/{SecurityApp.Procedure}/versions", SecurityApp.Node(c.App.DefinitionJson)))),

        // Ledgers (第九十、九十三条): case staff and administrators; a city's staff their own city, provincial staff any
        new("GET", "/api/ledgers/advance-payments", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/ledgers/advance-payments?city={c.City}")),
        new("GET", "/api/ledgers/third-party-medical", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200",
            Get(c => $"/api/ledgers/third-party-medical?city={c.City}&injuryCaseId=GS-2025-0001")),

        // Supervision: supervisors of the city, provincial supervisors and administrators of every city
        new("GET", "/api/sla", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/sla?city={c.City}")),
        new("GET", "/api/escalations", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/escalations?city={c.City}")),

        // Calculators and their parameters
        new("GET", "/api/calculations", SignedIn, Scope.None, "200", Get("/api/calculations")),
        new("POST", "/api/calculations/{name}", SignedIn, Scope.None, "200", Send("/api/calculations/late-fee", new { arrears = 1000m, dueOn = "2024-02-27", paidOn = "2024-03-01" })),
        new("GET", "/api/parameters", SignedIn, Scope.None, "200", Get("/api/parameters")),
        new("PUT", "/api/parameters", Only(Admin), Scope.None, "200", Send("/api/parameters",
            new { name = "minimumWage", year = 2025, city = SecurityApp.Jinan, value = 2200m, source = "鲁政字〔2025〕1号", reason = "授权矩阵" })),
        new("GET", "/api/parameters/changes", Only(Admin), Scope.None, "200", Get("/api/parameters/changes")),

        // The test clock (Development only)
        new("GET", "/api/dev/clock", Only(Supervisor, Admin), Scope.None, "200", Get("/api/dev/clock")),
        new("PUT", "/api/dev/clock", Only(Supervisor, Admin), Scope.None, "200", Send("/api/dev/clock", new { now = "2025-10-20T09:00:00+08:00" })),
        new("POST", "/api/dev/timers/run-due", Only(Supervisor, Admin), Scope.None, "200", Send("/api/dev/timers/run-due", new { })),

        // Operations
        new("*", "/health", Anyone, Scope.None, "200", Get("/health")),
        new("*", "/health/live", Anyone, Scope.None, "200", Get("/health/live")),
        new("*", "/health/ready", Anyone, Scope.None, "200", Get("/health/ready")),
        new("GET", "/openapi/{documentName}.json", Anyone, Scope.None, "200", Get("/openapi/v1.json")),
        new("GET", StaticAssets, Anyone, Scope.None, "200", Get("/css/site.css")),

        // Pages
        new("GET", "/Home/Index", SignedIn, Scope.None, "200", Get("/")),
        new("GET", "/account/login", Anyone, Scope.None, "200", Get("/account/login")),
        new("POST", "/account/login", Anyone, Scope.None, "302 /", Form("/account/login", c =>
            new() { ["UserName"] = c.Principal.UserName ?? "officer2.jinan", ["Password"] = Testing.CasesAppFactory.DemoPassword })),
        new("POST", "/account/logout", SignedIn, Scope.None, "302 /account/login", Form("/account/logout", _ => []), EndsSession: true),
        new("GET", "/calculations", SignedIn, Scope.None, "200", Get("/calculations")),
        new("GET", "/calculations/{name}", SignedIn, Scope.None, "200", Get("/calculations/late-fee")),
        new("POST", "/calculations/{name}", SignedIn, Scope.None, "200", Form("/calculations/late-fee", _ =>
            new() { ["arrears"] = "1000", ["dueOn"] = "2024-02-27", ["paidOn"] = "2024-03-01" })),

        // The language switch is on the login page too. (Its returnUrl is not varied: anything but a local path goes to "/".)
        new("POST", "/culture", Anyone, Scope.None, "302 /", Form("/culture", _ => new() { ["culture"] = "en" })),

        // The pages' error page, re-executed for a page's failure; opened on its own it answers with the status it names.
        new("*", "/error/{status:int}", Anyone, Scope.None, "404", Get("/error/404")),

        // The inbox and the task and case pages. Every signed-in user opens them; the task commands check the task's
        // role and city and say why not on the page they return to, so a refusal is a redirect with the reason shown.
        new("GET", "/inbox", CaseStaff, Scope.None, "200", Get("/inbox?tab=available")),
        new("POST", "/inbox/claim", TaskRole(Officer), Scope.Record, "302 /inbox (notice)", async c =>
            new Attempt("/inbox/claim", Form: new Dictionary<string, string> { ["taskId"] = (await c.RecordAsync("inbox claim", () => c.App.NewOfficerTaskAsync(c.City))).ToString() }),
            Denied: "302 /inbox (problem)", Elsewhere: "302 /inbox (problem)", Audience: CaseStaff.Roles),
        new("POST", "/inbox/claim-open", TaskRole(Officer), Scope.Record, "302 /tasks/{id} (notice)", async c =>
            new Attempt("/inbox/claim-open", Form: new Dictionary<string, string> { ["taskId"] = (await c.RecordAsync("inbox claim-open", () => c.App.NewOfficerTaskAsync(c.City))).ToString() }),
            Denied: "302 /inbox (problem)", Elsewhere: "302 /inbox (problem)", Audience: CaseStaff.Roles),
        // 办理下一项 of a filter no task matches (a case number nobody has): back to the inbox, saying so.
        new("GET", "/inbox/next", CaseStaff, Scope.None, "302 /inbox (notice)", Get("/inbox/next?from=" + Uri.EscapeDataString("tab=mine&caseNumber=00000000")),
            Audience: CaseStaff.Roles),
        new("POST", "/inbox/release", TaskRole(Supervisor), Scope.Record, "302 /inbox (notice)", async c =>
            new Attempt("/inbox/release", Form: new Dictionary<string, string>
            {
                ["taskId"] = (await c.RecordAsync("inbox release", () => c.App.NewOfficerTaskAsync(c.City, claimedBy: c.Records.OtherOfficer))).ToString(),
            }),
            Denied: "302 /inbox (problem)", Elsewhere: "302 /inbox (problem)", Audience: CaseStaff.Roles),
        new("GET", "/tasks/{id:guid}", CaseStaff, Scope.Record, "200", async c => new Attempt($"/tasks/{await ShownTaskAsync(c)}")),
        new("POST", "/tasks/{id:guid}/claim", TaskRole(Officer), Scope.Record, "302 /tasks/{id} (notice)", async c =>
            new Attempt($"/tasks/{await c.RecordAsync("page claim", () => c.App.NewOfficerTaskAsync(c.City))}/claim", Form: new Dictionary<string, string>()),
            Denied: "302 /tasks/{id} (problem)", Elsewhere: "302 /tasks/{id} (404)", Audience: CaseStaff.Roles),
        new("POST", "/tasks/{id:guid}/release", TaskRole(Supervisor), Scope.Record, "302 /inbox (notice)", async c =>
            new Attempt($"/tasks/{await c.RecordAsync("page release", () => c.App.NewOfficerTaskAsync(c.City, claimedBy: c.Records.OtherOfficer))}/release", Form: new Dictionary<string, string>()),
            Denied: "302 /tasks/{id} (problem)", Elsewhere: "302 /tasks/{id} (404)", Audience: CaseStaff.Roles),
        new("POST", "/tasks/{id:guid}/complete", TaskRole(Officer), Scope.Record, "302 /cases/{id} (notice)", async c =>
            new Attempt($"/tasks/{await c.RecordAsync("page complete", () => c.App.NewOfficerTaskAsync(c.City))}/complete",
                Form: new Dictionary<string, string> { ["outcome"] = "complete", ["materialsComplete"] = "true" }),
            Denied: "403", Audience: CaseStaff.Roles),
        new("GET", "/cases/{id:guid}", CaseStaff, Scope.Record, "200", Get(c => $"/cases/{c.Records.CaseId}")),
        new("POST", "/cases/{id:guid}/events/{eventName}", Only(Officer, Supervisor), Scope.Record, "302 /cases/{id} (notice)", async c =>
            new Attempt($"/cases/{await c.RecordAsync("page events", () => c.App.NewCaseAsync(c.City))}/events/filed",
                Form: new Dictionary<string, string> { ["filedOn"] = "2025-10-20", ["newContractEndsOn"] = "2026-09-30" })),
    ];

    /// <summary>The rows of pages a browser opens (not the API, assets, health, OpenAPI, Hangfire's dashboard, or an address that only redirects such as /inbox/next).</summary>
    public static IEnumerable<Rule> Pages => Rules.Where(r => !r.IsApi && r.Method is "GET" or "*" && !r.Ok.StartsWith("302", StringComparison.Ordinal)
        && r.Pattern is not (StaticAssets or "/hangfire/{**path}" or "/openapi/{documentName}.json") && !r.Pattern.StartsWith("/health", StringComparison.Ordinal));

    /// <summary>Who posts a form in the form tests: nobody for a public form, an officer where officers may, else the first demo user whose role may.</summary>
    public static string? FormCaller(Rule rule) =>
        rule.Who.Anyone ? null
        : rule.Who.Roles is null || rule.Who.Roles.Contains(Officer) ? "officer.jinan"
        : Principal.All.First(p => !p.IsAnonymous && p.IsIn(rule.Who.Roles)).UserName;

    /// <summary>A signed-in user the row lets in, the administrator wherever they may: who looks at what a page shows.</summary>
    public static Principal Viewer(Rule rule) =>
        Principal.All.Where(p => !p.IsAnonymous && rule.Expected(p, SecurityApp.Jinan) == rule.Ok).OrderBy(p => p.UserName == "admin" ? 0 : 1).First();

    /// <summary>The rows of form posts.</summary>
    public static IEnumerable<Rule> FormPosts => Rules.Where(r => !r.IsApi && r.Method == "POST");

    /// <summary>The table row (method and pattern) that covers an endpoint.</summary>
    public static RouteKey KeyOf(RoutedEndpoint endpoint) => endpoint.IsStaticAsset ? new RouteKey("GET", StaticAssets) : endpoint.Key;

    /// <summary>Sends a call as the cell's principal.</summary>
    public static Task<HttpResponseMessage> SendAsync(Cell cell, Rule rule, Attempt call)
    {
        var method = rule.Method == "*" ? HttpMethod.Get : new HttpMethod(rule.Method);
        // A file without a form is the body itself (an API upload).
        HttpContent? content = call.Json is not null ? JsonContent.Create(call.Json)
            : call.File is { } file && call.Form is null ? new ByteArrayContent(file.Content) { Headers = { ContentType = new(file.ContentType) } }
            : null;
        return cell.App.SendAsync(cell.Principal.UserName, method, call.Url, content, call.Form, file: call.Form is null ? null : call.File);
    }
}
