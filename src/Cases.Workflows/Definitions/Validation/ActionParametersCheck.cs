namespace Cases.Workflows.Definitions;

/// <summary>
/// An action state names an action registered in this installation, whose own contract (<see cref="IActionContract"/>)
/// checks the parameters it is given: the validator knows no action by name.
/// </summary>
internal static class ActionParametersCheck
{
    public static void Check(CheckContext c, string path, StateSpec state, IReadOnlyDictionary<string, IActionContract> actions)
    {
        if (state.Action is null || !actions.TryGetValue(state.Action, out var action))
        {
            var known = string.Join(", ", actions.Keys.Order(StringComparer.Ordinal));
            c.Add(path + ".action", DefinitionRules.UnknownAction,
                $"自动操作“{state.Action}”未在本系统中注册；可用的自动操作：{known}。",
                $"The action \"{state.Action}\" is not registered; known actions: {known}.");
        }
        else
        {
            action.Check(new ActionCheck(c.Definition, path, state.Parameters ?? [], c.Add));
        }
    }
}
