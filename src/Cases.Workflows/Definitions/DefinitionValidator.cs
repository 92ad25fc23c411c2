using System.Globalization;
using System.Text;
using System.Text.Json;
using Cases.Domain;
using Cases.Domain.Staff;
using Json.Pointer;
using Json.Schema;

namespace Cases.Workflows.Definitions;

/// <summary>
/// One problem in a workflow definition: where it was read from (a file name, or "key v3" for a stored
/// version), where in the document (a JSON path such as <c>$.states.review.deadline.basis</c>), which rule
/// (see <see cref="DefinitionRules"/>) and a message in English.
/// </summary>
public sealed record DefinitionError(string Source, string Path, string Rule, string Message)
{
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
    public const string ClockFieldNotDate = "clock-field-not-date";
    public const string TaskWithoutDeadline = "task-without-deadline";
    public const string ClockWithoutBasis = "clock-without-basis";
    public const string ClockAmount = "clock-amount";
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
}

/// <summary>
/// The static validator of workflow definitions, run on load and on publish (DESIGN.md, "Workflow definitions"):
/// (a) JSON syntax, (b) the JSON schema (workflows/schema/workflow-definition.schema.json, embedded),
/// (c) reading into <see cref="WorkflowDefinition"/>, (d) the structural rules of <see cref="DefinitionRules"/>.
/// Every error found is reported, not only the first. The structural rules run only on a document the schema
/// accepts: they assume its shape, and the schema's own errors already point at what to fix first.
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
    };

    private static readonly Lazy<(JsonSchema Schema, JsonElement Document)> LoadedSchema = new(LoadSchema);

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
            errors.Add(new(source, ex.Path ?? "$", DefinitionRules.Json, $"The text is not valid JSON{where}: {FirstSentence(ex.Message)}"));
            return (null, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            errors.AddRange(SchemaErrors(root, source));
            TextErrors(root, "$", null, null, source, errors);

            WorkflowDefinition? definition;
            try
            {
                definition = root.Deserialize<WorkflowDefinition>(SerializerOptions);
            }
            catch (JsonException ex)
            {
                if (errors.Count == 0)
                {
                    errors.Add(new(source, ex.Path ?? "$", DefinitionRules.Json, $"The document cannot be read as a workflow definition: {FirstSentence(ex.Message)}"));
                }

                return (null, errors);
            }

            if (definition is null)
            {
                errors.Add(new(source, "$", DefinitionRules.Json, "The document is null."));
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

    // ---------------------------------------------------------------- text

    /// <summary>The longest name (a state, a field, an event, an outcome): the runtime's columns hold 64 characters.</summary>
    public const int MaxNameLength = 64;

    // Text that the runtime copies into columns (a title into a task: 200; a basis, a template, a recipient: 100) or
    // into PostgreSQL at all (no U+0000) is refused on publish, not by the first case that reaches it.
    private static void TextErrors(JsonElement element, string path, string? property, string? parent, string source, List<DefinitionError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var memberPath = path + PathSegment(member.Name);
                    if (member.Name.Length > MaxNameLength || TextInput.ControlCharacter(member.Name) is not null)
                    {
                        errors.Add(new(source, memberPath, DefinitionRules.Text, $"A name must be at most {MaxNameLength} characters without control characters."));
                    }

                    TextErrors(member.Value, memberPath, member.Name, property, source, errors);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    TextErrors(item, $"{path}[{i++}]", property, parent, source, errors);
                }

                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                var limit = (property, parent) switch
                {
                    (_, "title") => 200,
                    ("basis" or "template" or "to", _) => 100,
                    _ => 4000,
                };
                if (text.Length > limit)
                {
                    errors.Add(new(source, path, DefinitionRules.Text, $"At most {limit} characters here; got {text.Length}."));
                }

                if (TextInput.ControlCharacter(text, lineBreaks: true) is { } c)
                {
                    errors.Add(new(source, path, DefinitionRules.Text, $"The text contains the control character U+{(int)c:X4}."));
                }

                break;
        }
    }

    // ---------------------------------------------------------------- schema

    private static (JsonSchema Schema, JsonElement Document) LoadSchema()
    {
        var text = SchemaText();
        using var document = JsonDocument.Parse(text);
        // A private registry: the global one refuses a second schema with the same $id.
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        return (schema, document.RootElement.Clone());
    }

    private static List<DefinitionError> SchemaErrors(JsonElement root, string source)
    {
        var (schema, schemaDocument) = LoadedSchema.Value;
        var results = schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = new List<DefinitionError>();
        if (results.IsValid)
        {
            return errors;
        }

        var nodes = new List<EvaluationResults> { results };
        if (results.Details is { } details)
        {
            nodes.AddRange(details);
        }

        var validity = new Dictionary<(string, string), bool>();
        foreach (var node in nodes)
        {
            validity[(node.InstanceLocation.ToString(), node.EvaluationPath.ToString())] = node.IsValid;
        }

        var seen = new HashSet<(string, string)>();
        foreach (var node in nodes)
        {
            if (node.IsValid)
            {
                continue;
            }

            var evaluationPath = node.EvaluationPath.ToString();
            var segments = PointerSegments(evaluationPath);
            // A failed "if" is a condition, not an error; a failed branch of oneOf/anyOf is reported by its container.
            if (segments.Contains("if") || InsideAlternative(segments))
            {
                continue;
            }

            var instanceLocation = node.InstanceLocation.ToString();
            var subschema = SubschemaAt(schemaDocument, segments);

            if (node.Errors is { Count: > 0 } nodeErrors)
            {
                foreach (var (keyword, message) in nodeErrors)
                {
                    var (path, text) = DescribeSchemaError(root, schemaDocument, node, keyword, message, subschema);
                    if (seen.Add((path, text)))
                    {
                        errors.Add(new(source, path, DefinitionRules.Schema, text));
                    }
                }

                continue;
            }

            foreach (var alternative in new[] { "oneOf", "anyOf" })
            {
                if (subschema is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty(alternative, out var branches))
                {
                    continue;
                }

                var matched = 0;
                for (var i = 0; i < branches.GetArrayLength(); i++)
                {
                    if (validity.TryGetValue((instanceLocation, $"{evaluationPath}/{alternative}/{i}"), out var valid) && valid)
                    {
                        matched++;
                    }
                }

                var description = s.TryGetProperty("description", out var d) ? d.GetString() : null;
                var text = alternative == "oneOf"
                    ? $"{description ?? "Exactly one alternative must match."} ({matched} of {branches.GetArrayLength()} alternatives match.)"
                    : $"{description ?? "At least one alternative must match."} (None of {branches.GetArrayLength()} alternatives match.)";
                var path = ToJsonPath(root, instanceLocation);
                if (seen.Add((path, text)))
                {
                    errors.Add(new(source, path, DefinitionRules.Schema, text));
                }
            }
        }

        if (errors.Count == 0)
        {
            errors.Add(new(source, "$", DefinitionRules.Schema, "The document does not match the workflow definition schema."));
        }

        return errors;
    }

    private static (string Path, string Message) DescribeSchemaError(
        JsonElement root, JsonElement schemaDocument, EvaluationResults node, string keyword, string message, JsonElement? subschema)
    {
        var instanceLocation = node.InstanceLocation.ToString();
        var evaluationPath = node.EvaluationPath.ToString();

        // additionalProperties: false fails on the unknown property itself; report it on the object that holds it.
        if (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal) && keyword.Length == 0)
        {
            var segments = PointerSegments(instanceLocation);
            var property = segments.Count > 0 ? segments[^1] : "";
            var parentPointer = instanceLocation[..instanceLocation.LastIndexOf('/')];
            var allowed = SubschemaAt(schemaDocument, PointerSegments(evaluationPath).SkipLast(1)) is { ValueKind: JsonValueKind.Object } parent
                && parent.TryGetProperty("properties", out var properties)
                ? string.Join(", ", properties.EnumerateObject().Select(p => p.Name))
                : null;
            var text = allowed is null
                ? $"Unknown property \"{property}\"."
                : $"Unknown property \"{property}\"; allowed here: {allowed}.";
            return (ToJsonPath(root, parentPointer), text);
        }

        var detail = keyword switch
        {
            "pattern" when subschema is { } s && s.TryGetProperty("pattern", out var p) => $" (pattern {p.GetString()})",
            "enum" when subschema is { } s && s.TryGetProperty("enum", out var e) => $" (one of: {string.Join(", ", e.EnumerateArray().Select(v => v.ToString()))})",
            "required" when subschema is { } s && s.TryGetProperty("description", out var r) && !s.TryGetProperty("type", out _) => $" ({r.GetString()})",
            _ => "",
        };
        return (ToJsonPath(root, instanceLocation), $"{message}{detail}");
    }

    private static bool InsideAlternative(List<string> segments)
    {
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (segments[i] is "oneOf" or "anyOf" or "not" && int.TryParse(segments[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return true;
            }

            if (segments[i] == "not")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The subschema an evaluation path leads to, following local "$ref"s. (The evaluation path is used rather than
    /// the node's SchemaLocation, which JsonSchema.Net 8 reports with extra segments under then/additionalProperties.)
    /// </summary>
    private static JsonElement? SubschemaAt(JsonElement schemaDocument, IEnumerable<string> evaluationPath)
    {
        JsonElement current = schemaDocument;
        foreach (var segment in evaluationPath)
        {
            if (segment == "$ref" && current.ValueKind == JsonValueKind.Object && current.TryGetProperty("$ref", out var reference)
                && reference.GetString() is { } target && target.StartsWith('#')
                && JsonPointer.TryParse(Uri.UnescapeDataString(target[1..]), out var pointer)
                && pointer.Evaluate(schemaDocument) is { } referenced)
            {
                current = referenced;
            }
            else if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static List<string> PointerSegments(string pointer) =>
        pointer.Length == 0
            ? []
            : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

    /// <summary>Turns a JSON pointer into a JSON path (<c>/states/x/form/0</c> → <c>$.states.x.form[0]</c>), using the document to tell array indexes from names.</summary>
    internal static string ToJsonPath(JsonElement root, string pointer)
    {
        var path = new StringBuilder("$");
        JsonElement? current = root;
        foreach (var segment in PointerSegments(pointer))
        {
            if (current is { ValueKind: JsonValueKind.Array } array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path.Append(CultureInfo.InvariantCulture, $"[{index}]");
                current = index < array.GetArrayLength() ? array[index] : null;
            }
            else
            {
                path.Append(PathSegment(segment));
                current = current is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(segment, out var child) ? child : null;
            }
        }

        return path.ToString();
    }

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

    // ---------------------------------------------------------------- structural rules

    private sealed class StructuralCheck(WorkflowDefinition definition, string source, IReadOnlyDictionary<string, IActionContract> actions)
    {
        private readonly List<DefinitionError> _errors = [];
        private readonly Dictionary<string, StateSpec> _states = definition.States ?? [];
        private readonly Dictionary<string, FieldSpec> _data = definition.Data ?? [];

        public List<DefinitionError> Run()
        {
            CheckKey();
            if (!_states.ContainsKey(definition.Initial ?? ""))
            {
                Add("$.initial", DefinitionRules.UnknownInitialState, $"The initial state \"{definition.Initial}\" is not a state of the definition.");
            }

            for (var i = 0; i < definition.StartWith?.Count; i++)
            {
                CheckField($"$.startWith[{i}]", definition.StartWith[i], "Start data");
            }

            CheckMaterials();
            foreach (var (name, state) in _states)
            {
                CheckState(name, state, StatePath(name));
            }

            CheckGraph();
            return _errors;
        }

        private static string StatePath(string name) => "$.states" + PathSegment(name);

        // One checklist of received materials per procedure, and materials only with a checklist to tick them in.
        private void CheckMaterials()
        {
            var checklists = _data.Where(d => d.Value.Type == "checklist").Select(d => d.Key).ToList();
            if (checklists.Count > 1)
            {
                Add("$.data" + PathSegment(checklists[1]), DefinitionRules.Checklist, $"A procedure has one checklist of received materials; \"{checklists[0]}\" is already one.");
            }

            if (checklists.Count > 0 && definition.Materials is not { Count: > 0 })
            {
                Add("$.materials", DefinitionRules.Checklist, $"The checklist \"{checklists[0]}\" needs the materials it ticks: declare them under \"materials\".");
            }

            if (checklists.Count == 0 && definition.Materials is { Count: > 0 })
            {
                Add("$.materials", DefinitionRules.Checklist, "Materials are declared, but no data field of type checklist records which were received.");
            }

            foreach (var (key, material) in definition.Materials ?? [])
            {
                if (material.When is { } when)
                {
                    CheckGuard($"$.materials{PathSegment(key)}.when", when, [], []);
                }
            }
        }

        private void Add(string path, string rule, string message) => _errors.Add(new(source, path, rule, message));

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
                Add("$.key", DefinitionRules.KeyVersion, $"The file \"{fileName}\" holds the definition \"{definition.Key}\"; it must be named \"{expected}\".");
            }
        }

        private void CheckState(string name, StateSpec state, string path)
        {
            foreach (var (eventName, message) in state.Refuses ?? [])
            {
                foreach (System.Text.RegularExpressions.Match placeholder in System.Text.RegularExpressions.Regex.Matches(message, @"\{([A-Za-z][A-Za-z0-9]*)\}"))
                {
                    if (!_data.ContainsKey(placeholder.Groups[1].Value))
                    {
                        Add($"{path}.refuses{PathSegment(eventName)}", DefinitionRules.UndeclaredField, $"The message names {{{placeholder.Groups[1].Value}}}, which is not declared in data.");
                    }
                }
            }

            foreach (var (field, clock) in state.Set ?? [])
            {
                var setPath = path + ".set" + PathSegment(field);
                if (!_data.TryGetValue(field, out var spec))
                {
                    Add(setPath, DefinitionRules.UndeclaredField, $"The state sets \"{field}\", which is not declared in data.");
                }
                else if (spec.Type != "date")
                {
                    Add(setPath, DefinitionRules.ClockFieldNotDate, $"The state sets \"{field}\", a {spec.Type} field; it must be a date.");
                }

                CheckClock(setPath, clock);
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
                    CheckDecision(state, path);
                    break;
                case StateKind.Action:
                    if (state.Action is null || !actions.TryGetValue(state.Action, out var action))
                    {
                        Add(path + ".action", DefinitionRules.UnknownAction,
                            $"The action \"{state.Action}\" is not registered; known actions: {string.Join(", ", actions.Keys.Order(StringComparer.Ordinal))}.");
                    }
                    else
                    {
                        action.Check(new ActionCheck(definition, path, state.Parameters ?? [], Add));
                    }

                    break;
                case StateKind.End:
                    CheckEnd(state, path);
                    break;
            }

            if (state.Kind != StateKind.Task && state.TargetWorkingDays is not null)
            {
                Add(path + ".targetWorkingDays", DefinitionRules.TargetWorkingDays, $"Only a task has a time to complete; this state is a {state.Kind.ToName()}.");
            }

            if (state.Kind != StateKind.Task && state.Deadline is { } deadline)
            {
                CheckClock(path + ".deadline", deadline);
            }

            for (var i = 0; i < state.Reminders?.Count; i++)
            {
                var reminder = state.Reminders[i];
                CheckClock($"{path}.reminders[{i}].at", reminder.At);
                CheckNotify($"{path}.reminders[{i}].notify", reminder.Notify);
            }

            for (var i = 0; i < state.OnEnter?.Count; i++)
            {
                CheckNotify($"{path}.onEnter[{i}]", state.OnEnter[i]);
            }

            foreach (var (targetPath, target) in Transitions(name, state))
            {
                if (string.IsNullOrEmpty(target))
                {
                    Add(targetPath, DefinitionRules.UnknownTarget, "The transition names no state to go to.");
                }
                else if (!_states.ContainsKey(target))
                {
                    Add(targetPath, DefinitionRules.UnknownTarget, $"The state \"{target}\" does not exist.");
                }
            }
        }

        private void CheckTask(string name, StateSpec state, string path)
        {
            if (state.Role is null || !Roles.Casework.Contains(state.Role))
            {
                Add(path + ".role", DefinitionRules.UnknownRole, $"The role \"{state.Role}\" is not a role that works cases ({string.Join(", ", Roles.Casework)}).");
            }

            if (state.Deadline is null)
            {
                Add(path + ".deadline", DefinitionRules.TaskWithoutDeadline, $"The task \"{name}\" has no deadline; every task needs one, with its basis.");
            }
            else
            {
                CheckClock(path + ".deadline", state.Deadline);
            }

            for (var i = 0; i < state.Form?.Count; i++)
            {
                CheckField($"{path}.form[{i}].field", state.Form[i].Field, "The form field");
            }

            foreach (var (outcome, spec) in state.Outcomes ?? [])
            {
                for (var i = 0; i < spec.Requires?.Count; i++)
                {
                    CheckField($"{path}.outcomes{PathSegment(outcome)}.requires[{i}].field", spec.Requires[i].Field, "The required field");
                }

                CheckRules($"{path}.outcomes{PathSegment(outcome)}", spec.Rules, [], [TodayParameter, MaterialsMissingParameter]);
            }

            for (var i = 0; i < state.NotCompletedBySameAs?.Count; i++)
            {
                var other = state.NotCompletedBySameAs[i];
                if (!_states.TryGetValue(other, out var otherState))
                {
                    Add($"{path}.notCompletedBySameAs[{i}]", DefinitionRules.SeparationUnknownState, $"The state \"{other}\" does not exist.");
                }
                else if (otherState.Kind != StateKind.Task)
                {
                    Add($"{path}.notCompletedBySameAs[{i}]", DefinitionRules.SeparationUnknownState,
                        $"The state \"{other}\" is a {otherState.Kind.ToName()}, not a task: nobody completes it.");
                }
            }
        }

        private void CheckWait(StateSpec state, string path)
        {
            if (state.Timer is { } timer)
            {
                CheckClock(path + ".timer", timer);
            }

            foreach (var (eventName, spec) in state.Events ?? [])
            {
                var eventPath = path + ".events" + PathSegment(eventName);
                var eventFields = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < spec.Fields?.Count; i++)
                {
                    CheckField($"{eventPath}.fields[{i}].field", spec.Fields[i].Field, "The event field");
                    eventFields.Add(spec.Fields[i].Field);
                }

                string[] computed = state.Timer is null ? [TodayParameter, MaterialsMissingParameter] : [WindowEndsOnParameter, TodayParameter, MaterialsMissingParameter];
                if (spec.Accept is { } accept)
                {
                    CheckGuard(eventPath + ".accept", accept, eventFields, computed);
                }

                CheckRules(eventPath, spec.Rules, eventFields, computed);
            }
        }

        private void CheckRules(string path, List<RuleSpec>? rules, HashSet<string> eventFields, string[] computed)
        {
            for (var i = 0; i < rules?.Count; i++)
            {
                CheckGuard($"{path}.rules[{i}].require", rules[i].Require, eventFields, computed);
                foreach (System.Text.RegularExpressions.Match placeholder in System.Text.RegularExpressions.Regex.Matches(rules[i].Message, @"\{([A-Za-z][A-Za-z0-9]*)\}"))
                {
                    var name = placeholder.Groups[1].Value;
                    if (!_data.ContainsKey(name) && !computed.Contains(name))
                    {
                        Add($"{path}.rules[{i}].message", DefinitionRules.UndeclaredField, $"The message names {{{name}}}, which is not declared in data.");
                    }
                }
            }
        }

        private void CheckDecision(StateSpec state, string path)
        {
            for (var i = 0; i < state.Branches?.Count; i++)
            {
                CheckGuard($"{path}.branches[{i}].when", state.Branches[i].When, [], [MaterialsMissingParameter]);
            }

            if (string.IsNullOrEmpty(state.Otherwise))
            {
                Add(path + ".otherwise", DefinitionRules.DecisionWithoutOtherwise,
                    "A decision needs \"otherwise\", the state to go to when no branch applies, so that it can never get stuck.");
            }
        }

        private void CheckEnd(StateSpec state, string path)
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
                    Add($"{path}.{member}", DefinitionRules.EndHasTransitions, $"An end state has no way out, but this one declares \"{member}\".");
                }
            }
        }

        private void CheckField(string path, string? field, string what)
        {
            if (field is null || !_data.ContainsKey(field))
            {
                Add(path, DefinitionRules.UndeclaredField, $"{what} \"{field}\" is not declared in data.");
            }
        }

        private void CheckClock(string path, ClockSpec clock)
        {
            if (string.IsNullOrWhiteSpace(clock.Basis))
            {
                Add(path + ".basis", DefinitionRules.ClockWithoutBasis, "The clock has no basis: name the article it comes from, e.g. \"第二十二条\".");
            }

            var anchors = new[] { clock.After, clock.Before, clock.On }.Count(a => a is not null);
            if (anchors != 1)
            {
                Add(path, DefinitionRules.ClockAmount, anchors == 0
                    ? "The clock needs \"after\", \"before\" or \"on\": the date it counts from."
                    : "The clock names more than one of \"after\", \"before\" and \"on\"; it counts from exactly one date.");
            }

            var amounts = new (string Name, int? Value)[] { ("workingDays", clock.WorkingDays), ("calendarDays", clock.CalendarDays), ("months", clock.Months) };
            var given = amounts.Where(a => a.Value is not null).ToList();
            if (clock.On is not null)
            {
                if (given.Count > 0)
                {
                    Add(path, DefinitionRules.ClockAmount, "A clock \"on\" a date is that date itself; it takes no workingDays, calendarDays or months.");
                }

                given.Clear();
            }
            else if (given.Count != 1)
            {
                Add(path, DefinitionRules.ClockAmount, given.Count == 0
                    ? "The clock needs its amount: exactly one of workingDays, calendarDays and months."
                    : $"The clock has {string.Join(" and ", given.Select(a => a.Name))}; it needs exactly one of workingDays, calendarDays and months.");
            }

            foreach (var (amountName, value) in given)
            {
                if (value <= 0)
                {
                    Add($"{path}.{amountName}", DefinitionRules.ClockAmount, $"{amountName} must be greater than 0, not {value}.");
                }
            }

            foreach (var (member, field) in new[] { ("after", clock.After), ("before", clock.Before), ("on", clock.On) })
            {
                if (field is null || field == EnteredMarker)
                {
                    continue;
                }

                if (!_data.TryGetValue(field, out var spec))
                {
                    Add($"{path}.{member}", DefinitionRules.UndeclaredField, $"The clock counts from \"{field}\", which is not declared in data (or use \"{EnteredMarker}\").");
                }
                else if (spec.Type != "date")
                {
                    Add($"{path}.{member}", DefinitionRules.ClockFieldNotDate, $"The clock counts from \"{field}\", a {spec.Type} field; it must be a date.");
                }
            }
        }

        private void CheckNotify(string path, NotifySpec notify)
        {
            const string RolePrefix = "role:";
            if (notify.To.StartsWith(RolePrefix, StringComparison.Ordinal) && !Roles.Casework.Contains(notify.To[RolePrefix.Length..]))
            {
                Add(path + ".to", DefinitionRules.UnknownRole, $"The role \"{notify.To[RolePrefix.Length..]}\" is not a role that works cases ({string.Join(", ", Roles.Casework)}).");
            }
        }

        private void CheckGuard(string path, string text, HashSet<string> eventFields, string[] computed)
        {
            List<string> parameters;
            try
            {
                var expression = new NCalc.Expression(text);
                if (expression.HasErrors())
                {
                    var reason = expression.Error?.InnerException?.Message ?? expression.Error?.Message ?? "unknown error";
                    Add(path, DefinitionRules.GuardSyntax, $"The guard \"{text}\" cannot be parsed: {reason}");
                    return;
                }

                parameters = expression.GetParameterNames();
            }
            catch (NCalc.Exceptions.NCalcException ex)
            {
                Add(path, DefinitionRules.GuardSyntax, $"The guard \"{text}\" cannot be parsed: {ex.InnerException?.Message ?? ex.Message}");
                return;
            }

            var unknown = parameters
                .Where(p => !_data.ContainsKey(p) && !eventFields.Contains(p) && !computed.Contains(p))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (unknown.Count > 0)
            {
                var allowedExtra = computed.Length > 0 ? $" (or {string.Join(", ", computed)})" : "";
                Add(path, DefinitionRules.GuardUnknownField,
                    $"The guard \"{text}\" uses {string.Join(", ", unknown.Select(u => $"\"{u}\""))}, not declared in data{allowedExtra}.");
            }
        }

        private void CheckGraph()
        {
            var edges = _states.ToDictionary(
                s => s.Key,
                s => Transitions(s.Key, s.Value).Select(t => t.Target).Where(t => t is not null && _states.ContainsKey(t)).Select(t => t!).Distinct().ToList(),
                StringComparer.Ordinal);

            var reachable = new HashSet<string>(StringComparer.Ordinal);
            if (_states.ContainsKey(definition.Initial ?? ""))
            {
                Walk(definition.Initial!, s => edges[s], reachable);
            }

            var reverse = _states.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
            foreach (var (from, targets) in edges)
            {
                foreach (var to in targets)
                {
                    reverse[to].Add(from);
                }
            }

            var reachesEnd = new HashSet<string>(StringComparer.Ordinal);
            foreach (var end in _states.Where(s => s.Value.Kind == StateKind.End).Select(s => s.Key))
            {
                Walk(end, s => reverse[s], reachesEnd);
            }

            foreach (var name in _states.Keys)
            {
                // With an unknown initial state nothing is reachable; unknown-initial-state already says so.
                if (!reachable.Contains(name) && _states.ContainsKey(definition.Initial ?? ""))
                {
                    Add(StatePath(name), DefinitionRules.UnreachableState, $"The state \"{name}\" cannot be reached from the initial state \"{definition.Initial}\".");
                }

                if (!reachesEnd.Contains(name))
                {
                    Add(StatePath(name), DefinitionRules.NoWayToEnd, $"No end state can be reached from the state \"{name}\": an instance there would never finish.");
                }
            }
        }

        private static void Walk(string start, Func<string, List<string>> next, HashSet<string> seen)
        {
            var queue = new Queue<string>([start]);
            seen.Add(start);
            while (queue.TryDequeue(out var current))
            {
                foreach (var n in next(current))
                {
                    if (seen.Add(n))
                    {
                        queue.Enqueue(n);
                    }
                }
            }
        }

        /// <summary>Every way out of a state with the JSON path of its target.</summary>
        internal static IEnumerable<(string Path, string? Target)> Transitions(string name, StateSpec state)
        {
            var path = StatePath(name);
            foreach (var (outcome, spec) in state.Outcomes ?? [])
            {
                yield return ($"{path}.outcomes{PathSegment(outcome)}.to", spec.To);
            }

            foreach (var (eventName, spec) in state.Events ?? [])
            {
                yield return ($"{path}.events{PathSegment(eventName)}.to", spec.To);
            }

            if (state.Timer is { } timer)
            {
                yield return ($"{path}.timer.to", timer.To);
            }

            for (var i = 0; i < state.Branches?.Count; i++)
            {
                yield return ($"{path}.branches[{i}].to", state.Branches[i].To);
            }

            if (state.Otherwise is not null)
            {
                yield return ($"{path}.otherwise", state.Otherwise);
            }

            if (state.To is not null || state.Kind == StateKind.Action)
            {
                yield return ($"{path}.to", state.To);
            }
        }
    }
}
