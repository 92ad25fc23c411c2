namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>The rows of the administrator's calendar, parameters and users pages (issue 5 §5).</summary>
    private static IEnumerable<Rule> AdminRules => [];
}
