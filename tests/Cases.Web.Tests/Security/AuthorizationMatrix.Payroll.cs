using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// Payroll (第九十六、一百一十九条): who reads the payment ledger reads the runs; officers compute a city's month,
    /// supervisors approve a run. Another city's run is 404; computing another city's month is 403.
    /// </summary>
    private static IEnumerable<Rule> PayrollRules =>
    [
        new("POST", "/api/payroll/runs", Only(Officer), Scope.NewInCity, "201", c =>
            Task.FromResult(new Attempt("/api/payroll/runs", new { city = c.City, month = SecurityApp.NextPayrollMonth() }))),
        new("GET", "/api/payroll/runs", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/payroll/runs?city={c.City}&limit=5")),
        new("GET", "/api/payroll/runs/{id:guid}", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/payroll/runs/{await c.App.SharedAsync($"payroll: a run of {c.City}", () => c.App.NewPayrollRunAsync(c.City))}")),
        new("GET", "/api/payroll/runs/{id:guid}/lines", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/payroll/runs/{await c.App.SharedAsync($"payroll: a run of {c.City}", () => c.App.NewPayrollRunAsync(c.City))}/lines?changed=true&limit=10")),
        new("GET", "/api/payroll/runs/{id:guid}/dropped", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/payroll/runs/{await c.App.SharedAsync($"payroll: a run of {c.City}", () => c.App.NewPayrollRunAsync(c.City))}/dropped")),
        new("POST", "/api/payroll/runs/{id:guid}/approve", Only(Supervisor), Scope.Record, "200", async c =>
            new Attempt($"/api/payroll/runs/{await c.RecordAsync("payroll approve", () => c.App.NewPayrollRunAsync(c.City))}/approve", new { })),

        new("GET", "/payroll", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/payroll?city={c.City}")),
        new("GET", "/payroll/{id:guid}", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/payroll/{await c.App.SharedAsync($"payroll: a run of {c.City}", () => c.App.NewPayrollRunAsync(c.City))}")),
        new("POST", "/payroll", Only(Officer), Scope.NewInCity, "302 /payroll/{id} (notice)", c =>
            Task.FromResult(new Attempt("/payroll", Form: new Dictionary<string, string> { ["city"] = c.City, ["month"] = SecurityApp.NextPayrollMonth() })),
            Denied: "403"),
        new("POST", "/payroll/{id:guid}/approve", Only(Supervisor), Scope.Record, "302 /payroll/{id} (notice)", async c =>
            new Attempt($"/payroll/{await c.RecordAsync("payroll page approve", () => c.App.NewPayrollRunAsync(c.City))}/approve", Form: new Dictionary<string, string>()),
            Denied: "403"),
    ];
}
