namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// The rows of the employer register 「用人单位登记簿」 (第六～八条): the list is the case staff's, as the employer's
    /// own page is; a city's staff see their city's employers only (another city's are simply not listed).
    /// </summary>
    private static IEnumerable<Rule> EmployersRules =>
    [
        new("GET", "/api/employers", CaseStaff, Scope.None, "200", Get(c => $"/api/employers?q={c.Records.EmployerCode}&limit=5")),
    ];
}
