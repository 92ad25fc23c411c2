namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    private static int _adjustYear = 1999;

    /// <summary>
    /// Adjust: the yearly benefit adjustment's requests: an administrator enters and discards, a supervisor approves and
    /// previews. Each entered rule takes a year of its own (one standing rule a year); a spoiled field is refused before the
    /// year is looked at.
    /// </summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> AdjustSamples => new()
    {
        [new("POST", "/api/benefit-adjustments")] = _ =>
        {
            var year = 2001 + (Interlocked.Increment(ref _adjustYear) % 69);
            return Fixed(new("admin", None, None, Json(new
            {
                year, effectiveMonth = $"{year}-07", source = "鲁人社字〔2026〕18号", disabilityAllowance = new { percent = 3.5m }, nursingCare = new { amount = 60m },
            }))
            {
                Required = ["year", "effectiveMonth", "source"],
                Accepts = new Dictionary<string, string>
                {
                    ["body disabilityAllowance.percent: a fraction"] = "a percentage has up to two decimals: 0.5 % is a rule",
                    ["body nursingCare.amount: a fraction"] = "an amount is in yuan to the fen: 0.50 元 a month is a rule",
                },
            });
        },
        [new("GET", "/api/benefit-adjustments")] = _ => Fixed(new("admin", None, None)),
        [new("GET", "/api/benefit-adjustments/{id:guid}")] = async app => new("admin", D(("id", (await AuthorizationMatrix.DraftAdjustmentAsync(app)).ToString())), None),
        [new("GET", "/api/benefit-adjustments/{id:guid}/preview")] = async app => new("supervisor.jinan",
            D(("id", (await AuthorizationMatrix.DraftAdjustmentAsync(app)).ToString())), D(("city", SecurityApp.Jinan), ("outcome", "adjusted"), ("limit", "5"))),
        [new("POST", "/api/benefit-adjustments/{id:guid}/approve")] = async app => new("supervisor.province", D(("id", (await AuthorizationMatrix.DraftAdjustmentAsync(app)).ToString())), None),
        [new("POST", "/api/benefit-adjustments/{id:guid}/discard")] = async app => new("admin", D(("id", (await AuthorizationMatrix.DraftAdjustmentAsync(app)).ToString())), None),
    };
}
