namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of comments, attachments, notices and saved filters (issue 5 §1–2)'s API endpoints.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> CaseworkSamples => [];
}
