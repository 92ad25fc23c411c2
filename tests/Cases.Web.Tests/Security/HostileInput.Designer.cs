namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the definition designer (issue 5 §4)'s API endpoints.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> DesignerSamples => [];
}
