namespace Cases.Workflows.Definitions;

// The structural checks live in Validation/ but in the namespace of the definitions they read: the validator's entry
// point calls them and they use the model and its rule ids, so a namespace of their own would make a cycle.

/// <summary>The definition under structural check and the problems found so far, shared by the checks of Validation/.</summary>
internal sealed class CheckContext(WorkflowDefinition definition, string source)
{
    public WorkflowDefinition Definition { get; } = definition;

    public string Source { get; } = source;

    public Dictionary<string, StateSpec> States { get; } = definition.States ?? [];

    public Dictionary<string, FieldSpec> Data { get; } = definition.Data ?? [];

    public List<DefinitionError> Errors { get; } = [];

    /// <summary>Reports a problem at <paramref name="path"/> under a rule of <see cref="DefinitionRules"/>.</summary>
    public void Add(string path, string rule, LocalizedText message) => Errors.Add(new(Source, path, rule, message));

    /// <summary>Reports a problem said as "中文" / "English".</summary>
    public void Add(string path, string rule, string zh, string en) => Add(path, rule, new LocalizedText(zh, en));

    /// <summary>The JSON path of a state, e.g. <c>$.states.review</c>.</summary>
    public static string StatePath(string name) => "$.states" + DefinitionValidator.PathSegment(name);
}
