using Cases.Domain.Benefits;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    private static int _adjustYear = 2070;

    /// <summary>
    /// Adjust: the yearly benefit adjustment (待遇调整, 第一百〇五条) is the province's: administrators enter and discard it,
    /// supervisors approve (and so apply) it — never its enterer (第一百一十九条); both read it. Not tied to a city.
    /// </summary>
    // 第一百〇五条 统一进行调整: the approval changes every city's amounts, so only a provincial supervisor gives it.
    private static IEnumerable<Rule> AdjustRules =>
    [
        new("POST", "/api/benefit-adjustments", Only(Admin), Scope.None, "201", _ =>
        {
            var year = Interlocked.Increment(ref _adjustYear);
            return Task.FromResult(new Attempt("/api/benefit-adjustments", new { year, effectiveMonth = $"{year}-07", source = "授权矩阵〔2026〕1号", disabilityAllowance = new { percent = 3m } }));
        }),
        new("GET", "/api/benefit-adjustments", Only(Supervisor, Admin), Scope.None, "200", Get("/api/benefit-adjustments")),
        new("GET", "/api/benefit-adjustments/{id:guid}", Only(Supervisor, Admin), Scope.None, "200", async c =>
            new Attempt($"/api/benefit-adjustments/{await c.App.SharedAsync("adjust: a draft", () => DraftAdjustmentAsync(c.App))}")),
        new("GET", "/api/benefit-adjustments/{id:guid}/preview", Only(Supervisor, Admin), Scope.None, "200", async c =>
            new Attempt($"/api/benefit-adjustments/{await c.App.SharedAsync("adjust: a draft", () => DraftAdjustmentAsync(c.App))}/preview?limit=5")),
        new("POST", "/api/benefit-adjustments/{id:guid}/approve", ProvincialSupervisor, Scope.None, "200", async c =>
            new Attempt($"/api/benefit-adjustments/{await c.RecordAsync("adjust approve", () => DraftAdjustmentAsync(c.App))}/approve", new { })),
        new("POST", "/api/benefit-adjustments/{id:guid}/discard", Only(Admin), Scope.None, "200", async c =>
            new Attempt($"/api/benefit-adjustments/{await c.RecordAsync("adjust discard", () => DraftAdjustmentAsync(c.App))}/discard", new { })),

        // The 「待遇调整」 page: the same people; the forms send the same requests.
        new("GET", "/benefit-adjustments", Only(Supervisor, Admin), Scope.None, "200", Get("/benefit-adjustments")),
        new("POST", "/benefit-adjustments", Only(Admin), Scope.None, "302 /benefit-adjustments/{id} (notice)", _ =>
        {
            var year = Interlocked.Increment(ref _adjustYear);
            return Task.FromResult(new Attempt("/benefit-adjustments", Form: new Dictionary<string, string>
            {
                ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["effectiveMonth"] = $"{year}-07", ["source"] = "授权矩阵〔2026〕2号", ["allowancePercent"] = "3",
            }, FreeText: ["source"]));
        }),
        new("GET", "/benefit-adjustments/{id:guid}", Only(Supervisor, Admin), Scope.None, "200", async c =>
            new Attempt($"/benefit-adjustments/{await c.App.SharedAsync("adjust: a draft", () => DraftAdjustmentAsync(c.App))}")),
        new("POST", "/benefit-adjustments/{id:guid}/approve", ProvincialSupervisor, Scope.None, "302 /benefit-adjustments/{id} (notice)", async c =>
            new Attempt($"/benefit-adjustments/{await c.RecordAsync("adjust page approve", () => DraftAdjustmentAsync(c.App))}/approve", Form: new Dictionary<string, string>())),
        new("POST", "/benefit-adjustments/{id:guid}/discard", Only(Admin), Scope.None, "302 /benefit-adjustments/{id} (notice)", async c =>
            new Attempt($"/benefit-adjustments/{await c.RecordAsync("adjust page discard", () => DraftAdjustmentAsync(c.App))}/discard", Form: new Dictionary<string, string>())),
    ];

    /// <summary>
    /// A draft rule entered by the administrator, written directly (so the one-standing-rule-a-year check of entering does
    /// not apply): all of 2000, a year no request of these tests enters, effective January 2000 — before every benefit of
    /// the fixture, so approving one adjusts nothing and leaves the shared entitlements for the other rows as they were.
    /// </summary>
    internal static async Task<Guid> DraftAdjustmentAsync(SecurityApp app)
    {
        const int year = 2000;
        var rule = BenefitAdjustment.Enter(Guid.CreateVersion7(), year, new DateOnly(year, 1, 1), "安全测试〔2026〕1号",
            new AdjustmentTerm(AdjustmentMethod.Percent, 3m), new AdjustmentTerm(AdjustmentMethod.Amount, 60m), null, "admin", DateTimeOffset.UnixEpoch);
        await app.InDbAsync(async db =>
        {
            db.BenefitAdjustments.Add(rule);
            return await db.SaveChangesAsync();
        });
        return rule.Id;
    }
}
