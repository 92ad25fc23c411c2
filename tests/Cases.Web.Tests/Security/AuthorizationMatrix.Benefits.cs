using Cases.Domain.Benefits;
using Cases.Domain.Parties;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// The rows of the monthly benefits (定期待遇): read by the case staff of the recipient's city; another city's answers
    /// 404 like a missing one (第一百四十条).
    /// </summary>
    private static IEnumerable<Rule> BenefitsRules =>
    [
        new("GET", "/api/entitlements", CaseStaff, Scope.CityFilter, "200", Get(c => $"/api/entitlements?city={c.City}&limit=5")),
        new("GET", "/api/entitlements/{id:guid}", CaseStaff, Scope.Record, "200", async c => new Attempt($"/api/entitlements/{await EntitlementAsync(c.App, c.City)}")),
    ];

    /// <summary>
    /// A city's entitlement the read rows look at, once per fixture: granted directly in the database, because these
    /// rows test who may read it (the disability-benefits scenarios test how a decision grants one).
    /// </summary>
    internal static Task<Guid> EntitlementAsync(SecurityApp app, string city) => app.SharedAsync("entitlement " + city, async () =>
    {
        var injuryCase = await NewInjuryCaseAsync(app, city);
        var records = app.Cities[city];
        var entitlement = Entitlement.Grant(
            new EntitlementGrant(City.Parse(city), injuryCase, records.CaseId, MonthlyBenefit.DisabilityAllowance, "安全测试", records.WorkerId, null, 4_800m, new DateOnly(2025, 5, 1), "第七十五条", "安全测试"),
            "security", DateTimeOffset.UnixEpoch);
        await app.InDbAsync(async db =>
        {
            db.Entitlements.Add(entitlement);
            return await db.SaveChangesAsync();
        });
        return entitlement.Id;
    });
}
