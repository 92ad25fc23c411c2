using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>The rows of the auditor's personal-data access log (规程 第一百四十条, 第一百二十条) and operations.</summary>
    private static IEnumerable<Rule> AuditRules =>
    [
        // Auditors only, not even administrators: who checks the views is not who runs the system. A city auditor
        // would read their city's records; the demo auditor is provincial.
        new("GET", "/api/audit/personal-data", Only(Auditor), Scope.CityFilter, "200", Get(c => $"/api/audit/personal-data?city={c.City}&from=2025-01-01")),
        new("GET", "/audit", Only(Auditor), Scope.None, "200", Get("/audit?from=2025-01-01")),

        // The journals they audit: a case's journal, masked, with its verification — not the case's data, tasks or files.
        new("GET", "/api/cases/{id:guid}/journal", Only(Auditor), Scope.Record, "200", Get(c => $"/api/cases/{c.Records.CaseId}/journal")),
        new("GET", "/audit/cases/{id:guid}", Only(Auditor), Scope.Record, "200", Get(c => $"/audit/cases/{c.Records.CaseId}")),
    ];
}
