namespace Cases.Workflows.Definitions;

/// <summary>
/// Step (d) of the validator: the structural rules, walked in the order of the document (the key, the initial state,
/// the start data, the materials, each state, then the graph), each rule in the check of its concern. Problems come
/// out in the order a reader meets them.
/// </summary>
internal sealed class StructuralCheck(WorkflowDefinition definition, string source, IReadOnlyDictionary<string, IActionContract> actions)
{
    private readonly CheckContext _c = new(definition, source);

    public List<DefinitionError> Run()
    {
        CheckKey();
        if (!_c.States.ContainsKey(definition.Initial ?? ""))
        {
            _c.Add("$.initial", DefinitionRules.UnknownInitialState, $"初始环节“{definition.Initial}”不是本定义中的环节。", $"The initial state \"{definition.Initial}\" is not a state of the definition.");
        }

        for (var i = 0; i < definition.StartWith?.Count; i++)
        {
            FieldChecks.Declared(_c, $"$.startWith[{i}]", definition.StartWith[i], new LocalizedText("立案数据", "Start data"));
        }

        FieldChecks.EnumLabels(_c, "$.data", definition.Data);
        BoundsCheck.Check(_c);
        MaterialsCheck.Check(_c);
        OncePerCheck.Check(_c);
        RegisterRefCheck.Check(_c);
        FieldRulesCheck.Check(_c);
        foreach (var (name, state) in _c.States)
        {
            CheckState(name, state, CheckContext.StatePath(name));
        }

        ReachabilityCheck.Graph(_c);
        return _c.Errors;
    }

    // A file in workflows/ is named after the key it holds.
    private void CheckKey()
    {
        if (!source.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var fileName = Path.GetFileName(source);
        var expected = definition.Key + ".json";
        if (!string.Equals(fileName, expected, StringComparison.Ordinal))
        {
            _c.Add("$.key", DefinitionRules.KeyVersion, $"文件“{fileName}”中是流程定义“{definition.Key}”，文件名应为“{expected}”。", $"The file \"{fileName}\" holds the definition \"{definition.Key}\"; it must be named \"{expected}\".");
        }
    }

    private void CheckState(string name, StateSpec state, string path)
    {
        foreach (var (eventName, message) in state.Refuses ?? [])
        {
            FieldChecks.Placeholders(_c, $"{path}.refuses{DefinitionValidator.PathSegment(eventName)}", message, []);
        }

        foreach (var (field, clock) in state.Set ?? [])
        {
            var setPath = path + ".set" + DefinitionValidator.PathSegment(field);
            FieldChecks.SetDate(_c, setPath, field);
            ClockCheck.Check(_c, setPath, clock);
        }

        switch (state.Kind)
        {
            case StateKind.Task:
                CheckTask(name, state, path);
                break;
            case StateKind.Wait:
                CheckWait(state, path);
                break;
            case StateKind.Decision:
                for (var i = 0; i < state.Branches?.Count; i++)
                {
                    GuardCheck.Check(_c, $"{path}.branches[{i}].when", state.Branches[i].When, [], [DefinitionValidator.MaterialsMissingParameter, DefinitionValidator.TodayParameter]);
                }

                StateShapeChecks.DecisionOtherwise(_c, state, path);
                break;
            case StateKind.Action:
                ActionParametersCheck.Check(_c, path, state, actions);
                break;
            case StateKind.End:
                StateShapeChecks.EndWithoutWayOut(_c, state, path);
                break;
        }

        StateShapeChecks.TaskMembersElsewhere(_c, state, path);
        for (var i = 0; i < state.Reminders?.Count; i++)
        {
            var reminder = state.Reminders[i];
            ClockCheck.Check(_c, $"{path}.reminders[{i}].at", reminder.At);
            NotifyChecks.Check(_c, $"{path}.reminders[{i}].notify", reminder.Notify);
        }

        for (var i = 0; i < state.OnEnter?.Count; i++)
        {
            NotifyChecks.Check(_c, $"{path}.onEnter[{i}]", state.OnEnter[i]);
        }

        ReachabilityCheck.Targets(_c, path, state);
    }

    private void CheckTask(string name, StateSpec state, string path)
    {
        RoleChecks.Candidate(_c, path, state);
        StateShapeChecks.TaskDeadline(_c, name, state, path);
        for (var i = 0; i < state.Form?.Count; i++)
        {
            FieldChecks.Declared(_c, $"{path}.form[{i}].field", state.Form[i].Field, new LocalizedText("表单字段", "The form field"));
        }

        foreach (var (outcome, spec) in state.Outcomes ?? [])
        {
            var outcomePath = $"{path}.outcomes{DefinitionValidator.PathSegment(outcome)}";
            for (var i = 0; i < spec.Requires?.Count; i++)
            {
                FieldChecks.Declared(_c, $"{outcomePath}.requires[{i}].field", spec.Requires[i].Field, new LocalizedText("必填字段", "The required field"));
            }

            GuardCheck.Rules(_c, outcomePath, spec.Rules, [], [DefinitionValidator.TodayParameter, DefinitionValidator.MaterialsMissingParameter]);
        }

        RoleChecks.Separation(_c, path, state);
    }

    private void CheckWait(StateSpec state, string path)
    {
        if (state.Timer is { } timer)
        {
            ClockCheck.Check(_c, path + ".timer", timer);
        }

        // The window's end is known only where a timer closes the window.
        string[] computed = state.Timer is null
            ? [DefinitionValidator.TodayParameter, DefinitionValidator.MaterialsMissingParameter]
            : [DefinitionValidator.WindowEndsOnParameter, DefinitionValidator.TodayParameter, DefinitionValidator.MaterialsMissingParameter];
        foreach (var (eventName, spec) in state.Events ?? [])
        {
            var eventPath = path + ".events" + DefinitionValidator.PathSegment(eventName);
            var eventFields = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < spec.Fields?.Count; i++)
            {
                FieldChecks.Declared(_c, $"{eventPath}.fields[{i}].field", spec.Fields[i].Field, new LocalizedText("事项字段", "The event field"));
                eventFields.Add(spec.Fields[i].Field);
            }

            if (spec.Accept is { } accept)
            {
                GuardCheck.Check(_c, eventPath + ".accept", accept, eventFields, computed);
            }

            GuardCheck.Rules(_c, eventPath, spec.Rules, eventFields, computed);
        }
    }
}
