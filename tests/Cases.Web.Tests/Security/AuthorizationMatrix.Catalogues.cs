using Cases.Application.Catalogues;
using Cases.Domain.Catalogues;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// catalogues: the 三目录 (第四十条) — those who read cases search the items and see the versions; administrators preview
    /// and apply imports (the demo's own inpatient list again from a later day: nothing to apply, so every cell may run it).
    /// </summary>
    private static IEnumerable<Rule> CataloguesRules =>
    [
        new("GET", "/api/catalogues/items", Only(Officer, Reviewer, Supervisor, Admin), Scope.None, "200", Get("/api/catalogues/items?q=110900&catalogue=inpatient-services&on=2025-06-01&limit=10")),
        new("GET", "/api/catalogues/versions", Only(Officer, Reviewer, Supervisor, Admin), Scope.None, "200", Get("/api/catalogues/versions")),
        new("POST", "/api/catalogues/imports", Only(Admin), Scope.None, "200", Send("/api/catalogues/imports", CatalogueImportSample)),
        new("POST", "/api/catalogues/imports/apply", Only(Admin), Scope.None, "200", Send("/api/catalogues/imports/apply", CatalogueImportSample)),
        new("GET", "/admin/catalogues", Only(Admin), Scope.None, "200", Get("/admin/catalogues?q=110900&on=2025-06-01")),
        new("POST", "/admin/catalogues/preview", Only(Admin), Scope.None, "200", _ => Task.FromResult(new Attempt("/admin/catalogues/preview",
            Form: new Dictionary<string, string> { ["catalogue"] = "inpatient-services", ["effectiveFrom"] = "2027-01-01", ["title"] = "授权矩阵", ["reason"] = "授权矩阵" },
            File: new FormFile("file", "matrix.csv", "text/csv", System.Text.Encoding.UTF8.GetBytes(DemoCatalogue.Csv(CatalogueKind.InpatientServices))),
            FreeText: ["title", "reason"]))),
        new("POST", "/admin/catalogues", Only(Admin), Scope.None, "302 /admin/catalogues (notice)", _ => Task.FromResult(new Attempt("/admin/catalogues", Form: new Dictionary<string, string>
        {
            ["catalogue"] = "inpatient-services", ["effectiveFrom"] = "2027-01-01", ["title"] = "授权矩阵", ["fileName"] = "matrix.csv",
            ["content"] = DemoCatalogue.Csv(CatalogueKind.InpatientServices), ["reason"] = "授权矩阵",
        }, FreeText: ["title", "fileName", "reason"]))),
    ];

    internal static object CatalogueImportSample => new
    {
        catalogue = "inpatient-services", effectiveFrom = "2027-01-01", title = "授权矩阵", fileName = "matrix.csv",
        content = DemoCatalogue.Csv(CatalogueKind.InpatientServices), reason = "授权矩阵",
    };
}
