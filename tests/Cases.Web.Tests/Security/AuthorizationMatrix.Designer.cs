namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>The rows of the definition designer (issue 5 §4).</summary>
    private static IEnumerable<Rule> DesignerRules => [];
}
