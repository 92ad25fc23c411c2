namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the definition designer (issue 5 §4)'s API endpoints.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> DesignerSamples => new()
    {
        // A dry run changes no row of the product's database whatever it is sent: it plays on a throwaway one.
        [new("POST", "/api/definitions/{key}/dry-run")] = _ => Fixed(new("designer", D(("key", SecurityApp.Procedure)), None, Json(new
        {
            version = 1,
            city = SecurityApp.Jinan,
            start = new { on = "2025-10-09", data = new { contractEndsOn = "2026-06-30" } },
            steps = new object[] { new { on = "2025-10-20", @event = "filed", data = new { filedOn = "2025-10-20", newContractEndsOn = "2026-09-30" } } },
        }))
        { Required = ["start", "start.on", "start.data.contractEndsOn"] }),
    };
}
