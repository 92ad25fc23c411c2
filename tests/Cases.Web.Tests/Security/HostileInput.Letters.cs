namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>Letters: the decision letter of 济南's ended benefit case, asked by its officer.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> LettersSamples => new()
    {
        [new("GET", "/api/cases/{id:guid}/decision-letter")] = async app => new("officer.jinan", D(("id", (await AuthorizationMatrix.LetterCaseAsync(app, SecurityApp.Jinan)).ToString())), None),
    };
}
