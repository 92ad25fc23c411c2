using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// A dry run of demo-filing: opened, then the filing recorded (the API takes it as JSON, the page as a timeline). A property,
    /// not a field: <see cref="Rules"/> is built in the static initialiser, before a field of another part would be.
    /// </summary>
    private static object DryRunBody => new
    {
        city = SecurityApp.Jinan,
        start = new { on = "2025-10-09", data = new { contractEndsOn = "2026-06-30" } },
        steps = new object[] { new { on = "2025-10-20", @event = "filed", data = new { filedOn = "2025-10-20", newContractEndsOn = "2026-09-30" } } },
    };

    private const string DryRunTimeline = "2025-10-09 start {\"contractEndsOn\":\"2026-06-30\"}\n2025-10-20 event filed {\"filedOn\":\"2025-10-20\",\"newContractEndsOn\":\"2026-09-30\"}";

    /// <summary>A provincial supervisor: the second person of four-eyes publication (规程 第一百一十九条).</summary>
    private static Who ProvincialSupervisor => new(false, new HashSet<string>(StringComparer.Ordinal) { Supervisor }, Provincial: true);

    /// <summary>A pending version to decide: a fresh one when the call should decide it, else one shared by the refused calls.</summary>
    private static Task<int> PendingAsync(Cell c, string procedure = SecurityApp.PaymentProcedure) =>
        c.Succeeds ? c.App.NewPendingVersionAsync(procedure) : c.App.SharedPendingAsync(procedure);

    /// <summary>
    /// The rows of the definition designer. Everyone signed in reads definitions, diagrams and diffs; designers
    /// edit and publish; designers and supervisors dry-run; supervisors migrate running cases. The pages' forms are open to
    /// every signed-in user and the page (or its use case) refuses the others with a 403 page (so a refusal changes nothing and says why).
    /// A version with a sensitive change waits for a provincial supervisor, who approves or rejects it (API and page).
    /// </summary>
    private static IEnumerable<Rule> DesignerRules =>
    [
        new("POST", "/api/definitions/{key}/dry-run", Only(Designer, Supervisor), Scope.None, "200", Send($"/api/definitions/{SecurityApp.Procedure}/dry-run", DryRunBody)),

        new("GET", "/api/definitions/pending", Only(Designer, Supervisor), Scope.None, "200", Get("/api/definitions/pending")),
        new("POST", "/api/definitions/{key}/versions/{version:int}/approve", ProvincialSupervisor, Scope.None, "200", async c =>
            new Attempt($"/api/definitions/{SecurityApp.PaymentProcedure}/versions/{await PendingAsync(c)}/approve", new { note = "授权矩阵：已核对" })),
        new("POST", "/api/definitions/{key}/versions/{version:int}/reject", ProvincialSupervisor, Scope.None, "200", async c =>
            new Attempt($"/api/definitions/{SecurityApp.PaymentProcedure}/versions/{await PendingAsync(c)}/reject", new { reason = "授权矩阵：不予启用" })),
        // The page approves a procedure of its own: the API row's approval may come first, and a version older than one in use is not approved.
        new("POST", "/designer/{key}/versions/{version:int}/approve", ProvincialSupervisor, Scope.None, $"302 /designer/{SecurityApp.OtherPaymentProcedure} (notice)", async c =>
            new Attempt($"/designer/{SecurityApp.OtherPaymentProcedure}/versions/{await PendingAsync(c, SecurityApp.OtherPaymentProcedure)}/approve",
                Form: new Dictionary<string, string> { ["note"] = "授权矩阵：页面批准" }, FreeText: ["note"]),
            Denied: "403"),
        new("POST", "/designer/{key}/versions/{version:int}/reject", ProvincialSupervisor, Scope.None, $"302 /designer/{SecurityApp.PaymentProcedure} (notice)", async c =>
            new Attempt($"/designer/{SecurityApp.PaymentProcedure}/versions/{await PendingAsync(c)}/reject", Form: new Dictionary<string, string> { ["reason"] = "授权矩阵：页面驳回" }, FreeText: ["reason"]),
            Denied: "403"),

        new("GET", "/designer", SignedIn, Scope.None, "200", Get("/designer")),
        new("GET", "/designer/{key}", SignedIn, Scope.None, "200", Get($"/designer/{SecurityApp.Procedure}")),
        new("GET", "/designer/{key}/diff", SignedIn, Scope.None, "200", Get($"/designer/{SecurityApp.Procedure}/diff?from=1&to=2")),
        new("GET", "/designer/{key}/edit", Only(Designer), Scope.None, "200", Get($"/designer/{SecurityApp.Procedure}/edit"), Denied: "403"),
        new("POST", "/designer/{key}/publish", Only(Designer), Scope.None, $"302 /designer/{SecurityApp.Procedure} (notice)",
            Form($"/designer/{SecurityApp.Procedure}/publish", c => new() { ["json"] = c.App.DefinitionJson, ["from"] = "1", ["confirmed"] = "true" }), Denied: "403"),
        new("POST", "/designer/{key}/edit", Only(Designer), Scope.None, "200",
            Form($"/designer/{SecurityApp.Procedure}/edit", c => new() { ["json"] = c.App.DefinitionJson, ["from"] = "1", ["confirmed"] = "true" }), Denied: "403"),
        new("POST", "/designer/{key}/dry-run/draft", Only(Designer, Supervisor), Scope.None, "200",
            Form($"/designer/{SecurityApp.Procedure}/dry-run/draft", c => new() { ["json"] = c.App.DefinitionJson, ["from"] = "1", ["confirmed"] = "true" }), Denied: "403"),
        new("GET", "/designer/{key}/dry-run", Only(Designer, Supervisor), Scope.None, "200", Get($"/designer/{SecurityApp.Procedure}/dry-run"), Denied: "403"),
        new("POST", "/designer/{key}/dry-run", Only(Designer, Supervisor), Scope.None, "200",
            Form($"/designer/{SecurityApp.Procedure}/dry-run", _ => new() { ["timeline"] = DryRunTimeline, ["city"] = SecurityApp.Jinan, ["version"] = "1" }), Denied: "403"),
        new("GET", "/designer/{key}/migrate", Only(Supervisor), Scope.None, "200", Get($"/designer/{SecurityApp.Procedure}/migrate"), Denied: "403"),
        new("POST", "/designer/{key}/migrate", Only(Supervisor), Scope.Record, "200", c => Task.FromResult(new Attempt($"/designer/{SecurityApp.Procedure}/migrate", Form: new Dictionary<string, string>
        {
            ["caseId"] = c.Records.CaseId.ToString(),
            ["toVersion"] = "2",
            ["mapping"] = "await-filing=await-filing",
        })), Denied: "403"),
    ];
}
