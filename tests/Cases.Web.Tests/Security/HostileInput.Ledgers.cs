namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>
    /// The valid requests of the ledgers' CSV exports (第九十、九十三条), asked by a provincial supervisor, for whom a
    /// malformed city is a 400 naming city; a standing or a flag that is not one of theirs is a 400 naming it.
    /// </summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> LedgersSamples => new()
    {
        [new("GET", "/api/ledgers/advance-payments/export")] = _ => Fixed(new("supervisor.province", None,
            D(("city", SecurityApp.Jinan), ("standing", "recovering"), ("outstandingOnly", "true")))),
        [new("GET", "/api/ledgers/third-party-medical/export")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan), ("injuryCaseId", "GS-2025-0001")))
        {
            Accepts = FreeText("injuryCaseId", "an injury case number is free text of up to 64 characters, matched exactly"),
        }),
    };
}
