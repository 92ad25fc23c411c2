namespace Cases.Workflows.Definitions;

/// <summary>
/// What each kind of state needs beyond the schema's shape, checked again for a definition edited in the model: a task
/// has a deadline, a decision has "otherwise" so it cannot get stuck, an end has no way out, and only a task has a time
/// to complete.
/// </summary>
internal static class StateShapeChecks
{
    public static void TaskDeadline(CheckContext c, string name, StateSpec state, string path)
    {
        if (state.Deadline is null)
        {
            c.Add(path + ".deadline", DefinitionRules.TaskWithoutDeadline, $"办理环节“{name}”没有办理期限；每个办理环节都须有期限及其依据。", $"The task \"{name}\" has no deadline; every task needs one, with its basis.");
        }
        else
        {
            ClockCheck.Check(c, path + ".deadline", state.Deadline);
        }
    }

    public static void DecisionOtherwise(CheckContext c, StateSpec state, string path)
    {
        if (string.IsNullOrEmpty(state.Otherwise))
        {
            c.Add(path + ".otherwise", DefinitionRules.DecisionWithoutOtherwise,
                "判断环节须写明 otherwise（所有分支都不适用时转入的环节），以免案件停滞。",
                "A decision needs \"otherwise\", the state to go to when no branch applies, so that it can never get stuck.");
        }
    }

    public static void EndWithoutWayOut(CheckContext c, StateSpec state, string path)
    {
        var members = new (string Member, bool Present)[]
        {
            ("outcomes", state.Outcomes is { Count: > 0 }),
            ("events", state.Events is { Count: > 0 }),
            ("timer", state.Timer is not null),
            ("branches", state.Branches is { Count: > 0 }),
            ("otherwise", state.Otherwise is not null),
            ("to", state.To is not null),
        };
        foreach (var (member, present) in members)
        {
            if (present)
            {
                c.Add($"{path}.{member}", DefinitionRules.EndHasTransitions, $"办结环节不能再流转，但此环节写了“{member}”。", $"An end state has no way out, but this one declares \"{member}\".");
            }
        }
    }

    /// <summary>The supervisor dashboard's target is a task's; a deadline outside a task is still a clock and checked as one.</summary>
    public static void TaskMembersElsewhere(CheckContext c, StateSpec state, string path)
    {
        if (state.Kind == StateKind.Task)
        {
            return;
        }

        if (state.TargetWorkingDays is not null)
        {
            c.Add(path + ".targetWorkingDays", DefinitionRules.TargetWorkingDays, $"只有办理环节才有办结时限目标；此环节是 {state.Kind.ToName()}。", $"Only a task has a time to complete; this state is a {state.Kind.ToName()}.");
        }

        if (state.Deadline is { } deadline)
        {
            ClockCheck.Check(c, path + ".deadline", deadline);
        }
    }
}
