namespace Cases.Workflows.Definitions;

/// <summary>
/// What a definition may say about one registered action (an action state's <c>action</c> and <c>parameters</c>): its
/// name, the checks of its parameters, and whether it pays money — the static validator and the sensitive-change
/// comparison read these, so a new action brings its own rules instead of the validator learning each one.
/// </summary>
public interface IActionContract
{
    /// <summary>The name definitions use (e.g. "notify", "ledger"); never a .NET type name.</summary>
    string Name { get; }

    /// <summary>Checks the parameters an action state gives this action; each problem names its path and rule.</summary>
    void Check(ActionCheck check)
    {
    }

    /// <summary>
    /// Whether the action, with these parameters, posts a payment: a change of who approves the steps that lead to it
    /// is a sensitive change (规程 第一百一十九条).
    /// </summary>
    bool PostsPayment(IReadOnlyDictionary<string, string> parameters) => false;
}

/// <summary>One action state's parameters under check: report a problem, or check that a parameter names a declared field.</summary>
public sealed class ActionCheck(
    WorkflowDefinition definition, string path, IReadOnlyDictionary<string, string> parameters,
    Action<string, string, LocalizedText> problem)
{
    /// <summary>The definition the action state belongs to (its data declarations, its materials).</summary>
    public WorkflowDefinition Definition { get; } = definition;

    /// <summary>The action state's JSON path, e.g. <c>$.states.post-repayment</c>.</summary>
    public string Path { get; } = path;

    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    /// <summary>Reports a problem at <paramref name="path"/> under a rule of <see cref="DefinitionRules"/>, in both languages.</summary>
    public void Problem(string path, string rule, LocalizedText message) => problem(path, rule, message);

    /// <summary>Reports a problem said in one text.</summary>
    public void Problem(string path, string rule, string message) => problem(path, rule, new LocalizedText(message, message));

    /// <summary>Reports <paramref name="field"/> when it is not a declared data field; <paramref name="what"/> says what it is for.</summary>
    public void Field(string path, string? field, LocalizedText what)
    {
        ArgumentNullException.ThrowIfNull(what);
        if (field is null || !Definition.Data.ContainsKey(field))
        {
            Problem(path, DefinitionRules.UndeclaredField, new LocalizedText($"{what.Zh}“{field}”未在 data 中声明。", $"{what.En} \"{field}\" is not declared in data."));
        }
    }

    /// <summary>
    /// Checks an optional guard parameter (e.g. <c>dueWhen</c>): a condition over case data, reported under
    /// <paramref name="rule"/> when it does not parse or names undeclared data.
    /// </summary>
    public void Guard(string parameter, string rule)
    {
        if (Parameters.GetValueOrDefault(parameter) is not { } guard)
        {
            return;
        }

        var expression = new NCalc.Expression(guard);
        if (expression.HasErrors() || expression.GetParameterNames().FirstOrDefault(n => !Definition.Data.ContainsKey(n)) is not null)
        {
            Problem($"{Path}.parameters.{parameter}", rule, new LocalizedText(
                $"{parameter} 条件“{guard}”无法解析，或用到了未声明的数据。", $"The {parameter} guard \"{guard}\" does not parse or names undeclared data."));
        }
    }

    /// <summary>As <see cref="Field(string, string?, LocalizedText)"/>, with <paramref name="what"/> in one text.</summary>
    public void Field(string path, string? field, string what) => Field(path, field, new LocalizedText(what, what));
}
