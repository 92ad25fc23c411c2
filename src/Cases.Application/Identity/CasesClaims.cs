namespace Cases.Application.Identity;

/// <summary>Claim types the product adds to the Identity principal.</summary>
public static class CasesClaims
{
    /// <summary>The user's city code; absent for provincial users.</summary>
    public const string City = "city";
}
