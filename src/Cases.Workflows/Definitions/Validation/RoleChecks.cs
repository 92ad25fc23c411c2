namespace Cases.Workflows.Definitions;

/// <summary>
/// Who works a state: a task's candidate role and a notification's role are roles that work cases, and separation of
/// duties (规程 第一百一十九条) names task states — the only ones somebody completes.
/// </summary>
internal static class RoleChecks
{
    private const string RolePrefix = "role:";

    public static void Candidate(CheckContext c, string path, StateSpec state)
    {
        if (state.Role is null || !Roles.Casework.Contains(state.Role))
        {
            c.Add(path + ".role", DefinitionRules.UnknownRole, $"岗位“{state.Role}”不是办案岗位（{string.Join("、", Roles.Casework)}）。", $"The role \"{state.Role}\" is not a role that works cases ({string.Join(", ", Roles.Casework)}).");
        }
    }

    /// <summary>A notification addressed to a role (<c>role:supervisor</c>) names a role that works cases; parties are not checked here.</summary>
    public static void Recipient(CheckContext c, string path, NotifySpec notify)
    {
        if (notify.To.StartsWith(RolePrefix, StringComparison.Ordinal) && !Roles.Casework.Contains(notify.To[RolePrefix.Length..]))
        {
            c.Add(path + ".to", DefinitionRules.UnknownRole, $"岗位“{notify.To[RolePrefix.Length..]}”不是办案岗位（{string.Join("、", Roles.Casework)}）。", $"The role \"{notify.To[RolePrefix.Length..]}\" is not a role that works cases ({string.Join(", ", Roles.Casework)}).");
        }
    }

    public static void Separation(CheckContext c, string path, StateSpec state)
    {
        for (var i = 0; i < state.NotCompletedBySameAs?.Count; i++)
        {
            var other = state.NotCompletedBySameAs[i];
            if (!c.States.TryGetValue(other, out var otherState))
            {
                c.Add($"{path}.notCompletedBySameAs[{i}]", DefinitionRules.SeparationUnknownState, $"环节“{other}”不存在。", $"The state \"{other}\" does not exist.");
            }
            else if (otherState.Kind != StateKind.Task)
            {
                c.Add($"{path}.notCompletedBySameAs[{i}]", DefinitionRules.SeparationUnknownState,
                    $"环节“{other}”是 {otherState.Kind.ToName()}，不是办理环节：没有人办理它。",
                    $"The state \"{other}\" is a {otherState.Kind.ToName()}, not a task: nobody completes it.");
            }
        }
    }
}
