namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>catalogues: the search by an officer, the versions, and an administrator's import of the demo's own inpatient list (nothing to apply).</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> CataloguesSamples => new()
    {
        [new("GET", "/api/catalogues/items")] = _ => Fixed(new("officer.jinan", None, D(("q", "110900"), ("catalogue", "inpatient-services"), ("on", "2025-06-01"), ("limit", "10")))
        {
            Accepts = FreeText("q", "q is free text matched against codes and names"),
        }),
        [new("GET", "/api/catalogues/versions")] = _ => Fixed(new("officer.jinan", None, None)),
        [new("POST", "/api/catalogues/imports")] = _ => Fixed(new("admin", None, None, Json(AuthorizationMatrix.CatalogueImportSample))
        {
            Required = ["catalogue", "effectiveFrom", "content"],
            // A preview's answer to a file it cannot read is the file's errors by line and column, which is its purpose.
            Accepts = new Dictionary<string, string> { ["body content: 10,001 characters"] = "the preview reports line 1's unknown column: a file's errors are its answer" },
        }),
        [new("POST", "/api/catalogues/imports/apply")] = _ => Fixed(new("admin", None, None, Json(AuthorizationMatrix.CatalogueImportSample))
        {
            Required = ["catalogue", "effectiveFrom", "content"],
        }),
    };
}
