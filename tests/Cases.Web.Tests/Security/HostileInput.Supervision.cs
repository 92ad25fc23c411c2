namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the supervisor dashboard (issue 5 §3)'s API endpoints.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> SupervisionSamples => [];
}
