using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// datamatch: 信息比对 (第六十四条) — who keeps monthly benefits (officers) imports a department's file for their city
    /// and reads the city's imports; another city is 403. The file confirms someone no city pays: nothing to act on, so
    /// every cell may run it (again: the same file is answered as imported before).
    /// </summary>
    private static IEnumerable<Rule> DataMatchesRules =>
    [
        new("GET", "/api/data-matches", Only(Officer), Scope.CityFilter, "200", Get(c => $"/api/data-matches?city={c.City}")),
        new("POST", "/api/data-matches", Only(Officer), Scope.NewInCity, "200", c => Task.FromResult(new Attempt("/api/data-matches",
            Form: new Dictionary<string, string> { ["source"] = "public-security", ["city"] = c.City }, File: DataMatchFile))),
        new("GET", "/data-matches", Only(Officer), Scope.None, "200", Get("/data-matches")),
        new("POST", "/data-matches", Only(Officer), Scope.None, "302 /data-matches (notice)", _ => Task.FromResult(new Attempt("/data-matches",
            Form: new Dictionary<string, string> { ["source"] = "public-security" }, File: DataMatchFile))),
    ];

    /// <summary>A department's file naming one person alive whom no city pays.</summary>
    internal static FormFile DataMatchFile => new("file", "matrix.csv", "text/csv", System.Text.Encoding.UTF8.GetBytes("idNumber,name,event,eventOn\n110101199003074477,授权矩阵,alive,2025-01-02\n"));
}
