namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>The rows of the supervisor dashboard (issue 5 §3).</summary>
    private static IEnumerable<Rule> SupervisionRules => [];
}
