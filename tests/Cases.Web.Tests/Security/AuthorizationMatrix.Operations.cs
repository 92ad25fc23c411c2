using static Cases.Workflows.Identity.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>The rows of the operations checks (issue 8 §1): the stuck-case check, city-scoped like the SLA figures.</summary>
    private static IEnumerable<Rule> OperationsRules =>
    [
        new("GET", "/api/supervision/stuck", Only(Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/supervision/stuck?city={c.City}")),
    ];
}
