namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>Unlinked cases (docs/adr/0017): the list, the supervisor's automatic linking, an officer's link and its undo, about Jinan's records.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> UnlinkedCasesSamples => new()
    {
        [new("GET", "/api/injury-cases/unlinked")] = _ => Fixed(new("officer.jinan", None, D(("limit", "5")))),
        // The provincial supervisor: a city he names is checked as a city, not refused as another city's.
        [new("POST", "/api/injury-cases/unlinked/link-matching")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan)))),
        [new("POST", "/api/cases/{id:guid}/injury-case-link")] = async app => new("officer.jinan",
            D(("id", (await AuthorizationMatrix.LegacyCaseAsync(app, SecurityApp.Jinan)).ToString())), None,
            Json(new { injuryCaseId = (await JinanInjuryCaseAsync(app)).ToString(), reason = "恶意输入测试" }))
        {
            Required = ["injuryCaseId", "reason"],
            Accepts = FreeText("reason", "why a case is linked is free text"),
        },
        [new("DELETE", "/api/cases/{id:guid}/injury-case-link")] = async app => new("officer.jinan",
            D(("id", (await LinkedJinanCaseAsync(app)).ToString())), None, Json(new { reason = "恶意输入测试撤销" }))
        {
            Required = ["reason"],
            Accepts = FreeText("reason", "why a link is undone is free text"),
        },
    };

    private static Task<Guid> JinanInjuryCaseAsync(SecurityApp app) =>
        app.SharedAsync("injury case " + SecurityApp.Jinan, () => AuthorizationMatrix.NewInjuryCaseAsync(app, SecurityApp.Jinan));

    private static async Task<Guid> LinkedJinanCaseAsync(SecurityApp app)
    {
        var caseId = await AuthorizationMatrix.LegacyCaseAsync(app, SecurityApp.Jinan);
        using var linked = await app.SendAsync("officer.jinan", HttpMethod.Post, $"/api/cases/{caseId}/injury-case-link",
            System.Net.Http.Json.JsonContent.Create(new { injuryCaseId = await JinanInjuryCaseAsync(app), reason = "恶意输入测试" }));
        linked.EnsureSuccessStatusCode();
        return caseId;
    }
}
