using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>The rows of the ledgers 「台账」 (第九十、九十三条): their CSV exports and the page; the JSON routes are core rows.</summary>
    private static IEnumerable<Rule> LedgersRules =>
    [
        // As the JSON routes: case staff and administrators; a city's staff their own city, provincial staff any.
        new("GET", "/api/ledgers/advance-payments/export", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200",
            Get(c => $"/api/ledgers/advance-payments/export?city={c.City}&standing=recovering&outstandingOnly=true")),
        new("GET", "/api/ledgers/third-party-medical/export", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200",
            Get(c => $"/api/ledgers/third-party-medical/export?city={c.City}&injuryCaseId=GS-2025-0001")),

        // The page: the same people and the same city rule (another city from a city's staff is 403, as the API says).
        new("GET", "/ledgers", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/ledgers?city={c.City}&outstandingOnly=true&injuryCaseId=GS-2025-0001")),
    ];
}
