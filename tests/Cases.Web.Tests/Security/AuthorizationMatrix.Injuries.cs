using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// The rows of the injury-case register (工伤案件登记): registered and confirmed by the registering staff, read by
    /// the case staff; another city's injury case answers 404 like a missing one (第一百四十条).
    /// </summary>
    private static IEnumerable<Rule> InjuriesRules =>
    [
        new("POST", "/api/injury-cases", Only(Officer, Supervisor, Admin), Scope.NewInCity, "201", c =>
            Task.FromResult(new Attempt("/api/injury-cases", new
            {
                city = c.City, workerIdNumber = c.Records.WorkerId, employerCreditCode = c.Records.EmployerCode, injuredOn = "2025-03-01", recognizedOn = "2025-04-01",
                recognitionNumber = "矩阵工认字" + Guid.NewGuid().ToString("N")[..12], description = "矩阵测试",
            }))),
        new("GET", "/api/injury-cases", CaseStaff, Scope.CityFilter, "200", Get(c => $"/api/injury-cases?city={c.City}&limit=5")),
        new("GET", "/api/injury-cases/{id:guid}", CaseStaff, Scope.Record, "200", async c => new Attempt($"/api/injury-cases/{await InjuryCaseAsync(c)}")),
        new("POST", "/api/injury-cases/{id:guid}/rehabilitation", Only(Officer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/injury-cases/{await c.RecordAsync("rehabilitation", () => NewInjuryCaseAsync(c.App, c.City))}/rehabilitation", new { startsOn = "2025-05-01", endsOn = "2025-08-31" })),
    ];

    /// <summary>The city's injury case the read rows look at, registered once per fixture.</summary>
    internal static Task<Guid> InjuryCaseAsync(Cell c) => c.App.SharedAsync("injury case " + c.City, () => NewInjuryCaseAsync(c.App, c.City));

    internal static async Task<Guid> NewInjuryCaseAsync(SecurityApp app, string city)
    {
        var records = app.Cities[city];
        var created = await app.CreatedAsync(records.Officer, "/api/injury-cases", new
        {
            city, workerIdNumber = records.WorkerId, employerCreditCode = records.EmployerCode, injuredOn = "2025-03-01", recognizedOn = "2025-04-01",
            recognitionNumber = "安全工认字" + Guid.NewGuid().ToString("N")[..12], description = "安全测试",
        });
        return created.GetProperty("id").GetGuid();
    }
}
