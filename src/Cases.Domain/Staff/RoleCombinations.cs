namespace Cases.Domain.Staff;

/// <summary>Why two roles may not be held by one person.</summary>
public enum RoleConflictKind
{
    /// <summary>The auditor checks what everyone else does with personal data; checking oneself is no check.</summary>
    AuditorAlone,

    /// <summary>The administrator gives roles and unlocks accounts; one who also works cases could give themselves any duty.</summary>
    AdministratorWorksNoCase,
}

/// <summary>Two roles of a set that one person may not hold together, and why.</summary>
public sealed record RoleConflict(string Role, string With, RoleConflictKind Kind)
{
    public string Message => Kind switch
    {
        RoleConflictKind.AuditorAlone =>
            $"The roles {Role} and {With} cannot be held by one person: the auditor checks everyone else's views of personal data and holds no other role (规程 第一百一十九条).",
        _ =>
            $"The roles {Role} and {With} cannot be held by one person: an administrator gives roles and works no case (officer, reviewer, supervisor) (规程 第一百一十九条).",
    };
}

/// <summary>
/// 规程 第一百一十九条 (不相容岗位相互分离): incompatible duties are held by different people. The auditor holds no other role;
/// an administrator holds none of the roles that work cases. Other sets are a matter of the agency's organisation
/// (a supervisor who also works as an officer, a designer who is an administrator) and are allowed.
/// </summary>
public static class RoleCombinations
{
    /// <summary>The first pair of <paramref name="roles"/> that one person may not hold together, or null.</summary>
    public static RoleConflict? ConflictOf(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var held = roles.ToHashSet(StringComparer.Ordinal);
        if (held.Contains(Roles.Auditor) && Roles.All.FirstOrDefault(r => r != Roles.Auditor && held.Contains(r)) is { } other)
        {
            return new RoleConflict(Roles.Auditor, other, RoleConflictKind.AuditorAlone);
        }

        if (held.Contains(Roles.Admin) && Roles.Casework.FirstOrDefault(held.Contains) is { } casework)
        {
            return new RoleConflict(Roles.Admin, casework, RoleConflictKind.AdministratorWorksNoCase);
        }

        return null;
    }
}
