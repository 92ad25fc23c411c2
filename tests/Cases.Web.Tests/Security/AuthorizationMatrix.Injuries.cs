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

        // The pages: the same readers; the list is the reader's own city.
        new("GET", "/injury-cases", CaseStaff, Scope.None, "200", Get(_ => "/injury-cases?q=" + Uri.EscapeDataString("安全"))),
        new("GET", "/injury-cases/{id:guid}", CaseStaff, Scope.Record, "200", async c => new Attempt($"/injury-cases/{await InjuryCaseAsync(c)}")),

        // Injury pages: the appraisal conclusion (API and page), the registration page and the period's page form — the
        // registering staff, their own city's injury case (another city's: 404), a registration in their own city (403).
        new("POST", "/api/injury-cases/{id:guid}/appraisal", Only(Officer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/injury-cases/{await c.RecordAsync("appraisal", () => NewInjuryCaseAsync(c.App, c.City))}/appraisal",
                new { disabilityGrade = 7, selfCareLevel = "none", appraisedOn = "2025-06-01", conclusionNumber = "矩阵劳鉴字" + Guid.NewGuid().ToString("N")[..8] })),
        new("GET", "/injury-cases/new", Only(Officer, Supervisor, Admin), Scope.None, "200", Get(_ => "/injury-cases/new?find=" + Uri.EscapeDataString("安全"))),
        new("POST", "/injury-cases/new", Only(Officer, Supervisor, Admin), Scope.NewInCity, "302 /injury-cases/{id} (notice)", c => Task.FromResult(new Attempt("/injury-cases/new", Form: new Dictionary<string, string>
        {
            ["city"] = c.City, ["workerIdNumber"] = c.Records.WorkerId, ["employerCreditCode"] = c.Records.EmployerCode, ["injuredOn"] = "2025-03-01", ["recognizedOn"] = "2025-04-01",
            ["recognitionNumber"] = "矩阵页面工认字" + Guid.NewGuid().ToString("N")[..12], ["description"] = "矩阵页面测试",
        }, FreeText: ["recognitionNumber", "description"]))),
        new("POST", "/injury-cases/{id:guid}/appraisal", Only(Officer, Supervisor, Admin), Scope.Record, "302 /injury-cases/{id} (notice)", async c =>
            new Attempt($"/injury-cases/{await c.RecordAsync("page appraisal", () => NewInjuryCaseAsync(c.App, c.City))}/appraisal", Form: new Dictionary<string, string>
            {
                ["disabilityGrade"] = "8", ["selfCareLevel"] = "none", ["appraisedOn"] = "2025-06-01", ["conclusionNumber"] = "矩阵页面劳鉴字",
            }, FreeText: ["conclusionNumber"])),
        new("POST", "/injury-cases/{id:guid}/rehabilitation", Only(Officer, Supervisor, Admin), Scope.Record, "302 /injury-cases/{id} (notice)", async c =>
            new Attempt($"/injury-cases/{await c.RecordAsync("page rehabilitation", () => NewInjuryCaseAsync(c.App, c.City))}/rehabilitation", Form: new Dictionary<string, string>
            {
                ["startsOn"] = "2025-05-01", ["endsOn"] = "2025-08-31",
            })),
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
