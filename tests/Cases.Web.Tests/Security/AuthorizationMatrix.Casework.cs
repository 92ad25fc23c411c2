namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>The rows of comments, attachments, notices and saved filters (issue 5 §1–2).</summary>
    private static IEnumerable<Rule> CaseworkRules => [];
}
