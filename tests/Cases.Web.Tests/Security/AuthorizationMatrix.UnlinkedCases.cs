using Cases.Application.Seeding;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// Unlinked cases (「待关联案件」, docs/adr/0017): the registering staff list and link the cases opened before the
    /// injury-case register, supervisors run the automatic linking; another city's case answers 404, another city's list 403.
    /// </summary>
    internal static IEnumerable<Rule> UnlinkedCasesRules =>
    [
        new("GET", "/api/injury-cases/unlinked", Only(Officer, Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/injury-cases/unlinked?city={c.City}&limit=5")),
        new("POST", "/api/injury-cases/unlinked/link-matching", Only(Supervisor), Scope.CityFilter, "200", c =>
            Task.FromResult(new Attempt($"/api/injury-cases/unlinked/link-matching?city={c.City}"))),
        new("POST", "/api/cases/{id:guid}/injury-case-link", Only(Officer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/cases/{await c.RecordAsync("legacy link", () => LegacyCaseAsync(c.App, c.City))}/injury-case-link",
                new { injuryCaseId = await InjuryCaseAsync(c), reason = "矩阵测试" })),
        new("DELETE", "/api/cases/{id:guid}/injury-case-link", Only(Officer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/cases/{await c.RecordAsync("legacy unlink", () => LinkedLegacyCaseAsync(c))}/injury-case-link", new { reason = "矩阵测试撤销" })),

        // The page and its forms: the same people; the automatic linking is the supervisor's.
        new("GET", "/supervision/unlinked-cases", Only(Officer, Supervisor, Admin), Scope.None, "200", Get(_ => "/supervision/unlinked-cases")),
        new("POST", "/supervision/unlinked-cases/link-matching", Only(Supervisor), Scope.None, "302 /supervision/unlinked-cases (notice)", _ =>
            Task.FromResult(new Attempt("/supervision/unlinked-cases/link-matching", Form: new Dictionary<string, string>()))),
        new("POST", "/supervision/unlinked-cases/{caseId:guid}/link", Only(Officer, Supervisor, Admin), Scope.Record, "302 /supervision/unlinked-cases (notice)", async c =>
            new Attempt($"/supervision/unlinked-cases/{await c.RecordAsync("legacy page link", () => LegacyCaseAsync(c.App, c.City))}/link",
                // The injury case is named as typed (an id or a decision number): a value the register holds — the hostile
                // tests register decisions numbered "2025-02-30" or "abc" — links to it, and is shown escaped.
                Form: new Dictionary<string, string> { ["injuryCase"] = (await InjuryCaseAsync(c)).ToString(), ["reason"] = "矩阵测试" }, FreeText: ["injuryCase", "reason"]),
            Elsewhere: "302 /supervision/unlinked-cases (problem)"),
        new("POST", "/supervision/unlinked-cases/{caseId:guid}/unlink", Only(Officer, Supervisor, Admin), Scope.Record, "302 /supervision/unlinked-cases (notice)", async c =>
            new Attempt($"/supervision/unlinked-cases/{await c.RecordAsync("legacy page unlink", () => LinkedLegacyCaseAsync(c))}/unlink",
                Form: new Dictionary<string, string> { ["reason"] = "矩阵测试撤销" }, FreeText: ["reason"]),
            Elsewhere: "302 /supervision/unlinked-cases (problem)"),
    ];

    /// <summary>A transfer case of the city opened on version 2, its injury case typed as text.</summary>
    internal static Task<Guid> LegacyCaseAsync(SecurityApp app, string city)
    {
        var records = app.Cities[city];
        var officer = new Cases.Domain.Staff.Actor(records.Officer, city, new HashSet<string> { Officer });
        return LegacyCases.OpenAsync(app.Factory.Services, officer, "矩阵旧档案" + Guid.NewGuid().ToString("N")[..8], records.WorkerId, records.EmployerCode,
            Cases.Domain.Calendar.ChinaTime.DateOf(app.Factory.Clock.GetUtcNow()));
    }

    /// <summary>Such a case linked by the city's officer to the city's injury case.</summary>
    internal static async Task<Guid> LinkedLegacyCaseAsync(Cell c)
    {
        var caseId = await LegacyCaseAsync(c.App, c.City);
        using var linked = await c.App.SendAsync(c.Records.Officer, HttpMethod.Post, $"/api/cases/{caseId}/injury-case-link",
            System.Net.Http.Json.JsonContent.Create(new { injuryCaseId = await InjuryCaseAsync(c), reason = "矩阵测试" }));
        linked.EnsureSuccessStatusCode();
        return caseId;
    }
}
