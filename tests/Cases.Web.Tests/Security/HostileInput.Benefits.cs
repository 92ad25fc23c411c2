namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the monthly benefits, asked by a Jinan officer about Jinan's records.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> BenefitsSamples => new()
    {
        [new("GET", "/api/entitlements")] = async app => new("officer.jinan", None,
            D(("injuryCaseId", (await app.SharedAsync("injury case " + SecurityApp.Jinan, () => AuthorizationMatrix.NewInjuryCaseAsync(app, SecurityApp.Jinan))).ToString()), ("status", "active"), ("benefit", "disability-allowance"), ("limit", "5"))),
        [new("GET", "/api/entitlements/{id:guid}")] = async app => new("officer.jinan",
            D(("id", (await AuthorizationMatrix.EntitlementAsync(app, SecurityApp.Jinan)).ToString())), None),
    };
}
