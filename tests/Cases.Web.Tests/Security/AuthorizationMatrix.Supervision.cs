using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>The rows of the supervisor dashboard.</summary>
    private static IEnumerable<Rule> SupervisionRules =>
    [
        // Looking: supervisors and administrators, their city or (provincial) any city they name.
        new("GET", "/api/tasks", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/tasks?scope=open&sla=breached&city={c.City}"), Variant: "scope=open"),
        new("GET", "/api/supervision/overview", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/supervision/overview?city={c.City}")),
        new("GET", "/api/supervision/escalations", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/supervision/escalations?city={c.City}")),
        new("GET", "/api/supervision/breaches-per-week", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/supervision/breaches-per-week?city={c.City}")),
        new("GET", "/api/supervision/step-durations", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/supervision/step-durations?city={c.City}")),
        new("GET", "/api/supervision/late-exceptions", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/supervision/late-exceptions?city={c.City}")),
        new("GET", "/api/supervision/export/{list}", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/supervision/export/breached?city={c.City}")),
        new("GET", "/api/supervision/assignees", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/supervision/assignees?city={c.City}&role=officer")),

        // Reassigning: supervisors only (AssignTask); another city's task is not found.
        new("POST", "/api/supervision/reassign", Only(Supervisor), Scope.Record, "200", async c =>
            new Attempt("/api/supervision/reassign", new { taskIds = new[] { await c.RecordAsync("supervision reassign", () => c.App.NewOfficerTaskAsync(c.City)) }, userName = c.Records.OtherOfficer })),

        // Acknowledging an escalation: supervisors only; another city's escalation is not found.
        new("POST", "/api/supervision/escalations/{id:guid}/acknowledge", Only(Supervisor), Scope.Record, "200", async c =>
            new Attempt($"/api/supervision/escalations/{await c.RecordAsync("acknowledge", () => c.App.NewEscalationAsync(c.City))}/acknowledge", new { note = "已督促" })),

        // The navigation's badges: everyone signed in, each counting only what they may see.
        new("GET", "/api/notifications", SignedIn, Scope.None, "200", Get("/api/notifications")),

        // The page.
        new("GET", "/supervision", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/supervision?city={c.City}")),
        // The page's reassign form: the command refuses anyone but a supervisor, whose reason shows on the workbench; another
        // city's task is not found, which the dashboard says.
        new("POST", "/supervision/reassign", Only(Supervisor), Scope.Record, "302 /supervision (notice)", async c =>
            new Attempt("/supervision/reassign", Form: new Dictionary<string, string>
            {
                ["taskId"] = (await c.RecordAsync("page supervision reassign", () => c.App.NewOfficerTaskAsync(c.City))).ToString(),
                ["userName"] = c.Records.OtherOfficer,
                ["confirmed"] = "true",
            }),
            Denied: "302 / (problem)", Elsewhere: "302 /supervision (problem)"),
        new("POST", "/supervision/escalations/{id:guid}/acknowledge", Only(Supervisor), Scope.Record, "302 /supervision (notice)", async c =>
            new Attempt($"/supervision/escalations/{await c.RecordAsync("page acknowledge", () => c.App.NewEscalationAsync(c.City))}/acknowledge",
                Form: new Dictionary<string, string> { ["note"] = "已督促" }, FreeText: ["note"]),
            Denied: "302 / (problem)", Elsewhere: "302 /supervision (problem)"),
    ];
}
