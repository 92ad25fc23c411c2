namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the administrator's calendar, parameters and users pages (issue 5 §5)'s API endpoints.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> AdminSamples => [];
}
