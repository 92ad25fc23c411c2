namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the operations checks' API endpoints.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> OperationsSamples => new()
    {
        [new("GET", "/api/supervision/stuck")] = _ => Fixed(new("supervisor.jinan", None, D(("city", SecurityApp.Jinan), ("graceMinutes", "5"), ("verifyJournals", "true")))),
    };
}
