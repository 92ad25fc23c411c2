using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// The rows of the operations checks: the stuck-case check, city-scoped like the SLA figures; and Hangfire's
    /// dashboard, which knows no city and so is for administrators only (supervisors see their city's clocks in the stuck-case check).
    /// </summary>
    private static IEnumerable<Rule> OperationsRules =>
    [
        new("GET", "/api/supervision/stuck", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/supervision/stuck?city={c.City}")),

        // Its stylesheet, which needs no job storage: Hangfire keeps its storage in a process-wide static, which another
        // test host in this process may have disposed already.
        new("*", "/hangfire/{**path}", Only(Admin), Scope.None, "200", Get("/hangfire/css1")),
    ];
}
