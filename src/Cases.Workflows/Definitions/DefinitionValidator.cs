using System.Text;
using System.Text.Json;

namespace Cases.Workflows.Definitions;

/// <summary>
/// One problem in a workflow definition: where it was read from (a file name, or "key v3" for a stored
/// version), where in the document (a JSON path such as <c>$.states.review.deadline.basis</c>), which rule
/// (see <see cref="DefinitionRules"/>) and what is wrong, in both languages: <see cref="Message"/> is the reader's
/// (chosen when read, as the domain's failures are), <see cref="MessageZh"/> and <see cref="MessageEn"/> each language.
/// </summary>
public sealed record DefinitionError(string Source, string Path, string Rule, [property: System.Text.Json.Serialization.JsonIgnore] LocalizedText Text)
{
    /// <summary>An error said in one text (already in the reader's language, e.g. a page's own).</summary>
    public DefinitionError(string source, string path, string rule, string message)
        : this(source, path, rule, new LocalizedText(message, message))
    {
    }

    /// <summary>What is wrong, in the current UI culture's language.</summary>
    public string Message => Text.Current;

    public string MessageZh => Text.Zh;

    public string MessageEn => Text.En;

    public override string ToString() => $"{Source}: {Path}: {Message} [{Rule}]";
}

/// <summary>The rule ids of <see cref="DefinitionError.Rule"/>.</summary>
public static class DefinitionRules
{
    public const string Json = "json";
    public const string Schema = "schema";
    public const string UnknownInitialState = "unknown-initial-state";
    public const string UnknownTarget = "unknown-target";
    public const string UnreachableState = "unreachable-state";
    public const string NoWayToEnd = "no-way-to-end";
    public const string EndHasTransitions = "end-has-transitions";
    public const string UnknownRole = "unknown-role";
    public const string UndeclaredField = "undeclared-field";
    public const string EnumLabels = "enum-labels";
    public const string ClockFieldNotDate = "clock-field-not-date";
    public const string TaskWithoutDeadline = "task-without-deadline";
    public const string ClockWithoutBasis = "clock-without-basis";
    public const string ClockAmount = "clock-amount";
    public const string ClockSource = "clock-source";
    public const string UnknownAction = "unknown-action";
    public const string GuardSyntax = "guard-syntax";
    public const string GuardUnknownField = "guard-unknown-field";
    public const string SeparationUnknownState = "separation-unknown-state";
    public const string DecisionWithoutOtherwise = "decision-without-otherwise";
    public const string KeyVersion = "key-version";
    public const string Checklist = "checklist";
    public const string LedgerParameters = "ledger-parameters";
    public const string Text = "text";
    public const string TargetWorkingDays = "target-working-days";
    public const string FieldBound = "field-bound";

    /// <summary>A procedure allowed once per value of a start field (oncePer, 第四十九条) names a declared string start field.</summary>
    public const string OncePer = "once-per";

    /// <summary>A start field naming a register's entry (ref) names a known register, and its fills known properties of matching type.</summary>
    public const string RegisterRef = "register-ref";

    // finish17 (guards read as Chinese): a guard writes && || ! and never the words and/or/not, which the designer shows as written.
    public const string GuardWords = "guard-words";

    /// <summary>An "entitlement" step names its monthly benefit, article, injury case, start date and amount or recipients.</summary>
    public const string EntitlementParameters = "entitlement-parameters";
}

/// <summary>
/// The static validator of workflow definitions, run on load and on publish (DESIGN.md, "Workflow definitions"):
/// (a) JSON syntax, (b) the JSON schema (workflows/schema/workflow-definition.schema.json, embedded) and the limits of
/// its text, (c) reading into <see cref="WorkflowDefinition"/>, (d) the structural rules of <see cref="DefinitionRules"/>.
/// Every error found is reported, not only the first. The structural rules run only on a document the schema
/// accepts: they assume its shape, and the schema's own errors already point at what to fix first. The checks are in
/// Validation/, one per concern (schema, text, fields, clocks, guards, roles, actions' parameters, the shape of each
/// kind of state, materials, reachability), walked in document order by <c>StructuralCheck</c>.
/// </summary>
public sealed class DefinitionValidator
{
    /// <summary>The day a state was entered: allowed in a clock's after/before besides the date fields of data.</summary>
    public const string EnteredMarker = "$entered";

    /// <summary>A computed parameter of a wait's accept guards: the day the wait's timer comes due (the end of the window).</summary>
    public const string WindowEndsOnParameter = "windowEndsOn";

    /// <summary>The day (China time) an event arrives, usable in its guards.</summary>
    public const string TodayParameter = "today";

    /// <summary>How many of the materials the case needs are not ticked as received (第十五条), usable in outcome rules and decisions.</summary>
    public const string MaterialsMissingParameter = "materialsMissing";

    /// <summary>The resource name of the embedded schema.</summary>
    public const string SchemaResourceName = "Definitions.workflow-definition.schema.json";

    /// <summary>How definitions are read and written: camelCase, case-sensitive, indented on write.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new LocalizedTextJsonConverter() },
    };

    private readonly IReadOnlyDictionary<string, IActionContract> _actions;

    /// <param name="actions">The actions registered in this installation: definitions may name these and no other.</param>
    public DefinitionValidator(IEnumerable<IActionContract> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        _actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The schema as JSON text, as embedded in the assembly.</summary>
    public static string SchemaText()
    {
        using var stream = typeof(DefinitionValidator).Assembly.GetManifestResourceStream(SchemaResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {SchemaResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Validates a definition given as JSON text. <paramref name="source"/> names it in the errors: a file name
    /// (when it ends in .json the file name must be &lt;key&gt;.json) or e.g. "fee-rate-objection v3".
    /// The definition is returned whenever the text could be read into the model (also with structural errors,
    /// so that a designer can still see the diagram); the definition is valid when the error list is empty.
    /// </summary>
    public (WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors) Validate(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        var errors = new List<DefinitionError>();

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            var whereZh = ex.LineNumber is { } at ? $"（第 {at + 1} 行第 {ex.BytePositionInLine + 1} 字节）" : "";
            errors.Add(new(source, ex.Path ?? "$", DefinitionRules.Json, new LocalizedText(
                $"文本不是有效的 JSON{whereZh}：{FirstSentence(ex.Message)}", $"The text is not valid JSON{where}: {FirstSentence(ex.Message)}")));
            return (null, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            errors.AddRange(SchemaCheck.Errors(root, source));
            TextCheck.Errors(root, "$", null, null, source, errors);

            WorkflowDefinition? definition;
            try
            {
                definition = root.Deserialize<WorkflowDefinition>(SerializerOptions);
            }
            catch (JsonException ex)
            {
                if (errors.Count == 0)
                {
                    errors.Add(new(source, ex.Path ?? "$", DefinitionRules.Json, new LocalizedText(
                        $"无法按流程定义读取此文档：{FirstSentence(ex.Message)}", $"The document cannot be read as a workflow definition: {FirstSentence(ex.Message)}")));
                }

                return (null, errors);
            }

            if (definition is null)
            {
                errors.Add(new(source, "$", DefinitionRules.Json, new LocalizedText("文档为空（null）。", "The document is null.")));
                return (null, errors);
            }

            if (errors.Count == 0)
            {
                errors.AddRange(Validate(definition, source));
            }

            return (definition, errors);
        }
    }

    /// <summary>
    /// Runs the structural rules on a definition already in the model (e.g. one a designer edits in the product).
    /// Rules the schema also enforces (a task's deadline, a clock's basis and amounts) are checked here again.
    /// </summary>
    public IReadOnlyList<DefinitionError> Validate(WorkflowDefinition definition, string source)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(source);
        return new StructuralCheck(definition, source, _actions).Run();
    }

    /// <summary>The longest name (a state, a field, an event, an outcome): the runtime's columns hold 64 characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>A property step of a JSON path: <c>.name</c> for plain names (kebab-case included), <c>['…']</c> otherwise.</summary>
    internal static string PathSegment(string name)
    {
        var plain = name.Length > 0
            && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '-');
        return plain ? "." + name : "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
