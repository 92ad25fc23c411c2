namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the definition designer's API endpoints.</summary>
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

        // Four-eyes publication: each sample decides a version of its own that waits for approval.
        [new("GET", "/api/definitions/pending")] = _ => Fixed(new("supervisor.province", None, None)),
        [new("POST", "/api/definitions/{key}/versions/{version:int}/approve")] = async app =>
            new("supervisor.province", D(("key", SecurityApp.PaymentProcedure), ("version", (await app.NewPendingVersionAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture))), None,
                Json(new { note = "核对无误，同意启用" }))
            {
                Idempotent = true,
                Accepts = new Dictionary<string, string> { ["body: empty object"] = "the approver's note is optional" },
            },
        [new("POST", "/api/definitions/{key}/versions/{version:int}/reject")] = async app =>
            new("supervisor.province", D(("key", SecurityApp.PaymentProcedure), ("version", (await app.NewPendingVersionAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture))), None,
                Json(new { reason = "支付审批不得由主管兼任" }))
            { Required = ["reason"], Idempotent = true },
    };
}
