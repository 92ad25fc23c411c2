namespace Cases.Workflows.Tasks;

/// <summary>
/// A task state declared <c>"scope": "province"</c> is decided by the role's staff of the province, never of a city:
/// e.g. writing off an advance the fund could not recover (规程 第九十三条 追偿), so that the city that failed to recover
/// does not also forgive the debt (第一百一十九条 岗位不相容). The task stays in the case's city; only who completes it changes.
/// </summary>
public static class ProvincialTasks
{
    public const string Province = "province";

    public static void EnsureMayComplete(WorkflowDefinition definition, string state, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(actor);
        if (definition.States.TryGetValue(state, out var spec) && spec.Scope == Province && !actor.IsProvincial)
        {
            var role = Roles.Label(spec.Role ?? "");
            throw new ForbiddenException(new LocalizedText(
                $"此任务须由省级{role.Zh}办理，市级人员不能办理。",
                $"This task is for the province's {role.En}; staff of a city may not complete it."));
        }
    }
}
