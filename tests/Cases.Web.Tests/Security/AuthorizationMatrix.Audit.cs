namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>The rows of the auditor's personal-data access log (issue 8 §6) and operations.</summary>
    private static IEnumerable<Rule> AuditRules => [];
}
