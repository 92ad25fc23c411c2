using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cases.Domain.Calendar;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;
using Microsoft.Extensions.Primitives;

namespace Cases.Web.Forms;

/// <summary>
/// One control of a form generated from a procedure definition: a task's form fields and its outcomes' required
/// fields, or an awaited event's fields. The type and limits come from the definition's data declaration.
/// </summary>
/// <param name="Name">The data field's name: the form field name and the ModelState key.</param>
/// <param name="Label">The definition's label in the user's language.</param>
/// <param name="Spec">Its declaration (type string, text, date, month, decimal, integer, boolean, enum, object or list).</param>
/// <param name="Required">Required by the form itself.</param>
/// <param name="RequiredFor">Outcomes (their labels) that require it beyond the form; empty when none.</param>
/// <param name="Fields">An object's fields, or a list item's, named "field.member".</param>
public sealed record WorkflowField(string Name, string Label, FieldSpec Spec, bool Required, IReadOnlyList<string> RequiredFor, IReadOnlyList<WorkflowField> Fields)
{
    /// <summary>For a checklist: the definition's materials (key, label with the article asking for it), 规程 第十五条.</summary>
    public IReadOnlyList<(string Key, string Label)> Options { get; init; } = [];

    /// <summary>The labels of the fields its declared bounds name (notBefore adjustedOn: 「费率调整日期」), for its hint.</summary>
    public IReadOnlyDictionary<string, string> BoundLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>The checked keys of a checklist as the page holds them (one a line, or comma-separated as posted).</summary>
    public static IReadOnlyList<string> Checked(string value) => value.Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// finish17 (shared materials): the control of a checklist that ticks the materials obtained through 部门间信息共享
    /// (第八十九条、第九条: such papers need not be provided again), as "materials.shared" — beside the received box.
    /// </summary>
    public static string SharedName(string checklist) => checklist + ".shared";

    /// <summary>The text box naming the department a shared material came from ("materials.sharedFrom.violence-proof").</summary>
    public static string SourceName(string checklist, string key) => checklist + ".sharedFrom." + key;

    public string Id => "f-" + Name.Replace('.', '-');

    public string Type => Spec.Type;
}

/// <summary>
/// The forms of workflow pages, generated from the definition; and the binding of a posted form to the JSON the
/// application layer takes. Binding only turns text into typed JSON (numbers, true/false, lists); every rule
/// (required, limits, formats, enum values) is the runtime's own check (<see cref="CaseData.Merge"/>), whose
/// messages are shown per field.
/// </summary>
public sealed partial class WorkflowForm(IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A task's form: its own fields, then the fields its outcomes require, each saying which outcome needs it. The fields'
    /// types and labels come from <paramref name="declared"/> (by default the definition's data).
    /// </summary>
    public static IReadOnlyList<WorkflowField> ForTask(WorkflowDefinition definition, StateSpec state, IReadOnlyDictionary<string, FieldSpec>? declared = null)
    {
        var fields = new List<WorkflowField>();
        foreach (var f in state.Form ?? [])
        {
            fields.Add(Field(definition, f.Field, f.Required, RequiredFor(state, f.Field), declared));
        }

        foreach (var (_, outcome) in state.Outcomes ?? [])
        {
            foreach (var f in outcome.Requires ?? [])
            {
                if (fields.All(x => x.Name != f.Field))
                {
                    fields.Add(Field(definition, f.Field, required: false, RequiredFor(state, f.Field), declared));
                }
            }
        }

        return fields;
    }

    /// <summary>An awaited event's form.</summary>
    public static IReadOnlyList<WorkflowField> ForEvent(WorkflowDefinition definition, EventSpec spec) =>
        [.. (spec.Fields ?? []).Select(f => Field(definition, f.Field, f.Required, []))];

    /// <summary>
    /// The form that opens a case: the definition's start fields (required, as StartCase requires them) and, where the
    /// procedure keeps a materials checklist, the materials received at the counter (规程 第十五条; optional).
    /// </summary>
    public static IReadOnlyList<WorkflowField> ForStart(WorkflowDefinition definition) =>
        [.. StartFields(definition).Select(f => Field(definition, f.Field, f.Required, []))];

    /// <summary>
    /// The fields a start form may carry, each required as StartCase requires it — but a field the register fills from
    /// the entry another field names (a worker from the injury case, docs/adr/0016) may be left empty on the form.
    /// </summary>
    public static IReadOnlyList<FieldRef> StartFields(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var filled = definition.Data.Values.SelectMany(d => d.Ref?.Fills?.Keys ?? Enumerable.Empty<string>()).ToHashSet(StringComparer.Ordinal);
        return StartFieldsOf(definition, filled);
    }

    private static IReadOnlyList<FieldRef> StartFieldsOf(WorkflowDefinition definition, HashSet<string> filled) =>
        [.. definition.StartWith.Select(f => new FieldRef { Field = f, Required = !filled.Contains(f) }),
            .. definition.Data.Where(d => d.Value.Type == "checklist" && !definition.StartWith.Contains(d.Key)).Select(d => new FieldRef { Field = d.Key, Required = false })];

    /// <summary>The fields a task's completion with <paramref name="outcome"/> may carry: the form's and that outcome's.</summary>
    public static IReadOnlyList<FieldRef> AllowedFor(StateSpec state, string outcome) =>
        [.. (state.Form ?? []).Concat(state.Outcomes?.GetValueOrDefault(outcome)?.Requires ?? [])
            .GroupBy(f => f.Field).Select(g => new FieldRef { Field = g.Key, Required = g.Any(f => f.Required) })];

    private static List<string> RequiredFor(StateSpec state, string field) =>
        [.. (state.Outcomes ?? []).Where(o => o.Value.Requires?.Any(r => r.Field == field && r.Required) == true).Select(o => WorkflowText.Of(o.Value.Label, o.Key))];

    private static WorkflowField Field(WorkflowDefinition definition, string name, bool required, IReadOnlyList<string> requiredFor, IReadOnlyDictionary<string, FieldSpec>? declared = null) =>
        Field(declared ?? definition.Data, name, name, required, requiredFor) with
        {
            Options = definition.Data.GetValueOrDefault(name)?.Type == "checklist"
                ? [.. (definition.Materials ?? []).Select(m => (m.Key, $"{WorkflowText.Of(m.Value.Label, m.Key)}（{m.Value.Basis}）"))]
                : [],
        };

    private static WorkflowField Field(IReadOnlyDictionary<string, FieldSpec> declared, string name, string path, bool required, IReadOnlyList<string> requiredFor)
    {
        var spec = declared.TryGetValue(name, out var s) ? s : new FieldSpec();
        var children = spec.Type is "object" or "list"
            ? (spec.Fields ?? []).Select(c => Field(spec.Fields!, c.Key, $"{path}.{c.Key}", required: true, [])).ToList()
            : [];
        return new WorkflowField(path, WorkflowText.Of(spec.Label, name), spec, required, requiredFor, children)
        {
            BoundLabels = spec.Bounds().Where(b => !b.IsToday).Select(b => b.Other).Distinct()
                .ToDictionary(other => other, other => WorkflowText.Of(declared.GetValueOrDefault(other)?.Label, other)),
        };
    }

    /// <summary>Today in China: the day a date given on a form is measured against (the runtime's, from the same clock).</summary>
    public DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow());

    /// <summary>
    /// What a date's or an amount's declared bounds let the officer enter, where the page knows it: the date picker's
    /// min and max (today; another field's value, <paramref name="valueOf"/> as the form or the case holds it) and a hint
    /// under the control, 「不早于费率调整日期（2026年11月2日），不晚于今天」. A bound whose other value is not known yet is said
    /// without it. The runtime checks the same bounds and stays the authority (<see cref="CaseData.Merge"/>).
    /// </summary>
    public FieldLimits Limits(WorkflowField field, Func<string, string?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(valueOf);
        DateOnly? min = null, max = null;
        var parts = new List<string>();
        foreach (var bound in field.Spec.Bounds())
        {
            if (bound.IsToday)
            {
                // notBefore today, on a date that may lie ahead (the validator allows no other).
                parts.Add(localizer["不早于今天"]);
                min = Later(min, Today);
                continue;
            }

            var label = field.BoundLabels.GetValueOrDefault(bound.Other, bound.Other);
            var text = valueOf(bound.Other) is { Length: > 0 } raw ? raw : null;
            string Said(string value) => localizer["{0}（{1}）", label, value];
            switch (bound.Kind)
            {
                case BoundKind.NotBefore or BoundKind.NotAfter:
                    var date = DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
                    var other = date is { } known ? Said(ChinaDate.Of(known)) : label;
                    if (bound.Kind == BoundKind.NotBefore)
                    {
                        parts.Add(localizer["不早于{0}", other]);
                        min = date is null ? min : Later(min, date.Value);
                    }
                    else
                    {
                        parts.Add(localizer["不晚于{0}", other]);
                        max = date is null ? max : Earlier(max, date.Value);
                    }

                    break;
                default:
                    var amount = decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out var n) ? n : (decimal?)null;
                    var limit = amount is { } a ? Said(ChinaDate.Money(a)) : label;
                    parts.Add(bound.Kind == BoundKind.NotAbove ? localizer["不超过{0}", limit] : localizer["不低于{0}", limit]);
                    break;
            }
        }

        if (field.Type == "date" && !field.Spec.Future)
        {
            parts.Add(localizer["不晚于今天"]);
            max = Earlier(max, Today);
        }

        var hint = string.Join(localizer["，"], parts);
        return new FieldLimits(
            min?.ToString("yyyy-MM-dd", Invariant),
            max?.ToString("yyyy-MM-dd", Invariant),
            hint.Length == 0 ? null : char.ToUpper(hint[0], CultureInfo.CurrentCulture) + hint[1..]);
    }

    private static DateOnly Later(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;

    private static DateOnly Earlier(DateOnly? a, DateOnly b) => a is { } x && x < b ? x : b;

    /// <summary>How a list is typed into its textarea: one item a line, its fields comma-separated in this order.</summary>
    public string ListFormat(WorkflowField list) =>
        localizer["每行一项，逗号分隔：{0}", string.Join(localizer["、"], list.Fields.Select(f => $"{f.Label}（{ItemHint(f)}）"))];

    /// <summary>
    /// What one item's field takes: an option by the labels the officer reads (医疗费/康复费), not the stored codes;
    /// a field the definition marks optional may be left empty between its commas.
    /// </summary>
    private string ItemHint(WorkflowField item)
    {
        var hint = item.Type == "enum" && item.Spec.Values is { Count: > 0 } values
            ? string.Join("/", values.Select(v => WorkflowText.EnumLabel(item.Spec, v)))
            : Hint(item.Type);
        return item.Spec.Optional ? localizer["{0}，可留空", hint] : hint;
    }

    /// <summary>
    /// The stored value of an option typed as text (a list item's 「康复费」): its code, or the code whose label it is in
    /// either language (康复费 or Rehabilitation, case aside). Anything else stays as typed, for the runtime to refuse
    /// naming the field and its allowed values.
    /// </summary>
    public static string EnumValue(FieldSpec spec, string text)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(text);
        var values = spec.Values ?? [];
        return values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase))
            ?? values.FirstOrDefault(v => spec.Labels?.GetValueOrDefault(v) is { } label
                && (string.Equals(label.Zh, text, StringComparison.Ordinal) || string.Equals(label.En, text, StringComparison.OrdinalIgnoreCase)))
            ?? text;
    }

    public string Hint(string type) => type switch
    {
        "date" => "yyyy-MM-dd",
        "month" => "yyyy-MM",
        "decimal" or "integer" => localizer["数值"],
        "boolean" => localizer["是/否"],
        _ => localizer["文字"],
    };

    /// <summary>
    /// The posted values of <paramref name="fields"/> as JSON; an empty control is left out (the runtime says whether
    /// it was required). Text that is not a number or not yes/no is reported per field here.
    /// </summary>
    public JsonObject Bind(IEnumerable<WorkflowField> fields, Func<string, StringValues> posted, ICollection<(string Field, string Message)> errors)
    {
        var data = new JsonObject();
        foreach (var field in fields)
        {
            if (field.Type == "object")
            {
                var inner = new JsonObject();
                foreach (var child in field.Fields)
                {
                    var raw = posted(child.Name).ToString().Trim();
                    if (raw.Length > 0 && Scalar(child, raw, errors, field.Name) is { } value)
                    {
                        inner[child.Name[(field.Name.Length + 1)..]] = value;
                    }
                }

                if (inner.Count > 0)
                {
                    data[field.Name] = inner;
                }

                continue;
            }

            if (field.Type == "checklist")
            {
                // The control is always on the form: nothing ticked is an empty checklist, not a missing one.
                data[field.Name] = Checklist(field, posted, errors);
                continue;
            }

            var text = posted(field.Name).ToString().Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (field.Type == "list")
            {
                var items = new JsonArray();
                var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < lines.Length; i++)
                {
                    var values = lines[i].Split([',', '，'], StringSplitOptions.TrimEntries);
                    if (values.Length != field.Fields.Count)
                    {
                        errors.Add((field.Name, localizer["「{0}」第 {1} 行应有 {2} 个逗号分隔的值，实有 {3} 个。", field.Label, i + 1, field.Fields.Count, values.Length]));
                        continue;
                    }

                    var item = new JsonObject();
                    for (var j = 0; j < values.Length; j++)
                    {
                        var child = field.Fields[j];
                        if (values[j].Length > 0 && Scalar(child, values[j], errors, field.Name, i + 1) is { } value)
                        {
                            item[child.Name[(field.Name.Length + 1)..]] = value;
                        }
                    }

                    items.Add(item);
                }

                data[field.Name] = items;
                continue;
            }

            if (Scalar(field, text, errors, field.Name) is { } scalar)
            {
                data[field.Name] = scalar;
            }
        }

        return data;
    }

    private JsonValue? Scalar(WorkflowField field, string text, ICollection<(string, string)> errors, string key, int? line = null)
    {
        var where = line is null ? Quote(field.Label) : localizer["第 {0} 行「{1}」", line.Value, field.Label].Value;
        switch (field.Type)
        {
            case "decimal" or "integer":
                if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out var number))
                {
                    return JsonValue.Create(number);
                }

                errors.Add((key, localizer["{0}须为数值（如 1234.56）；输入为「{1}」。", where, text]));
                return null;
            case "boolean":
                switch (text.ToLowerInvariant())
                {
                    case "true" or "是" or "yes":
                        return JsonValue.Create(true);
                    case "false" or "否" or "no":
                        return JsonValue.Create(false);
                    default:
                        errors.Add((key, localizer["{0}须为 是 或 否；输入为「{1}」。", where, text]));
                        return null;
                }

            case "enum":
                return JsonValue.Create(EnumValue(field.Spec, text));
            default:
                return JsonValue.Create(text);
        }
    }

    /// <summary>
    /// Checks each field on its own with the runtime's check, so that every wrong field is reported at once (the
    /// command itself stops at the first). The command runs the same check again and stays the authority.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> Check(JsonObject data, IReadOnlyDictionary<string, FieldSpec> declared, IEnumerable<FieldRef> allowed, IReadOnlyList<WorkflowField> fields)
    {
        var errors = new List<(string, string)>();
        foreach (var field in allowed)
        {
            var one = new JsonObject();
            if (data.TryGetPropertyValue(field.Field, out var value))
            {
                one[field.Field] = value?.DeepClone();
            }

            try
            {
                CaseData.Empty().Merge(one, declared, [field], "data", Today);
            }
            catch (DomainValidationException e)
            {
                errors.Add(Describe(e, fields));
            }
        }

        return errors;
    }

    /// <summary>
    /// A validation failure of the runtime shown at its field: the runtime already names the field by its label, in
    /// the reader's language (「每月工资总额」第 2 行「工资总额」须为数值).
    /// </summary>
    public (string Field, string Message) Describe(DomainValidationException e, IReadOnlyList<WorkflowField> fields)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Describe(e.Field, e.Message, fields);
    }

    /// <summary>A field the use case refused (<paramref name="refused"/>, in its words <paramref name="message"/>), said at its control of the form.</summary>
    public (string Field, string Message) Describe(string refused, string message, IReadOnlyList<WorkflowField> fields)
    {
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(message);
        var path = refused.StartsWith("data.", StringComparison.Ordinal) ? refused[5..] : refused;
        var root = PathPattern().Match(path).Groups["root"].Value;
        return fields.FirstOrDefault(f => f.Name == root) is { } field ? (field.Name, message) : ("", localizer["输入有误：{0}", message]);
    }

    private static string Quote(string label) => WorkflowText.English ? $"\"{label}\"" : $"「{label}」";

    /// <summary>
    /// A posted checklist as the runtime takes it (规程 第十五条): a ticked material is its key; one obtained through
    /// 部门间信息共享 (its shared box ticked, or its source typed) is <c>{ "key", "sharedFrom" }</c> and counts as received
    /// whether or not its received box is ticked (第八十九条: 无需重复提供). A shared box without a source is said at the
    /// checklist: the runtime would refuse it, and here the officer is told which material lacks one.
    /// </summary>
    private JsonArray Checklist(WorkflowField field, Func<string, StringValues> posted, ICollection<(string Field, string Message)> errors)
    {
        var ticked = posted(field.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var shared = posted(WorkflowField.SharedName(field.Name)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var entries = new JsonArray();
        foreach (var (key, label) in field.Options)
        {
            var source = posted(WorkflowField.SourceName(field.Name, key)).ToString().Trim();
            if (source.Length > 0)
            {
                entries.Add(new JsonObject { ["key"] = key, [Materials.SharedFromMember] = source });
            }
            else if (shared.Contains(key))
            {
                errors.Add((field.Name, localizer["「{0}」已勾选通过部门间信息共享获取，请写明来源部门。", label]));
            }
            else if (ticked.Contains(key))
            {
                entries.Add(JsonValue.Create(key));
            }
        }

        return entries;
    }

    [GeneratedRegex(@"^(?<root>[A-Za-z0-9]+)(\[(?<index>\d+)\])?(\.(?<member>[A-Za-z0-9]+))?")]
    private static partial Regex PathPattern();
}

/// <summary>Case data as the text a generated form's controls hold (a list: one item a line, comma-separated).</summary>
public static class CaseValues
{
    public static Dictionary<string, string> Of(System.Text.Json.Nodes.JsonNode? data, IEnumerable<WorkflowField> fields)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is not JsonObject o)
        {
            return values;
        }

        foreach (var field in fields)
        {
            switch (o[field.Name])
            {
                case null:
                    break;
                case JsonArray keys when field.Type == "checklist":
                    // A material obtained by information sharing is an object naming its source: ticked all the same,
                    // its shared box ticked and its source in its text box.
                    var entries = Materials.Entries(keys);
                    values[field.Name] = string.Join("\n", entries.Keys);
                    values[WorkflowField.SharedName(field.Name)] = string.Join("\n", entries.Where(e => e.Value is not null).Select(e => e.Key));
                    foreach (var (key, source) in entries.Where(e => e.Value is not null))
                    {
                        values[WorkflowField.SourceName(field.Name, key)] = source!;
                    }

                    break;
                case JsonArray items:
                    // As the officer types them back: an option by its label, yes or no in words (the binding takes both).
                    values[field.Name] = string.Join("\n", items.OfType<JsonObject>().Select(item =>
                        string.Join(", ", field.Fields.Select(f => ItemText(f, item[f.Name[(field.Name.Length + 1)..]])))));
                    break;
                case JsonObject inner:
                    foreach (var child in field.Fields)
                    {
                        values[child.Name] = Text(inner[child.Name[(field.Name.Length + 1)..]]);
                    }

                    break;
                case var value:
                    values[field.Name] = Text(value);
                    break;
            }
        }

        return values;
    }

    private static string ItemText(WorkflowField item, System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        JsonValue v when item.Type == "enum" && v.TryGetValue<string>(out var code) => WorkflowText.EnumLabel(item.Spec, code),
        JsonValue v when item.Type == "boolean" && v.TryGetValue<bool>(out var yes) => WorkflowText.English ? (yes ? "yes" : "no") : (yes ? "是" : "否"),
        _ => Text(node),
    };

    private static string Text(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.GetValue<decimal>().ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.False => "false",
        _ => node.ToJsonString(),
    };
}

/// <summary>What Views/Shared/_WorkflowField.cshtml draws: a field, the prefix that keeps its ids unique on the page, its text and errors.</summary>
public sealed record WorkflowFieldView(WorkflowField Field, string IdPrefix, Func<string, string> Value, Func<string, string[]> Errors)
{
    /// <summary>The case's data where the form belongs to a case: the values its fields' bounds are measured against.</summary>
    public JsonObject? CaseData { get; init; }

    public string Id(WorkflowField field) => IdPrefix + field.Id;

    /// <summary>Another field's value as text: as typed on this form, else as the case holds it.</summary>
    public string? ValueOf(string field) =>
        Value(field) is { Length: > 0 } typed ? typed
        : CaseData?[field] is JsonValue v ? (v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.GetValue<decimal>().ToString(CultureInfo.InvariantCulture) : v.ToString())
        : null;
}

/// <summary>A date control's min and max (yyyy-MM-dd) and the hint saying a field's bounds; each null when there is none.</summary>
public sealed record FieldLimits(string? Min, string? Max, string? Hint);
