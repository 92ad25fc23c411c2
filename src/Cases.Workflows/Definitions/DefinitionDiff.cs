using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cases.Workflows.Definitions;

/// <summary>One member that differs: its name (e.g. "role", "deadline", "data.filedOn") and both values as text.</summary>
public sealed record PropertyChange(string Property, string? Before, string? After);

/// <summary>A state present in both versions whose members differ.</summary>
public sealed record StateChange(string State, IReadOnlyList<PropertyChange> Changes);

/// <summary>
/// A clock of a definition: where it is (e.g. "review.deadline", "window.timer", "window.reminders[0].at"),
/// its basis and amounts, and a readable text such as "10 working days after noticeReceivedOn (第二十二条)" (the API's; a
/// page says the clock in the reader's words from the amounts and the definition's labels).
/// </summary>
public sealed record ClockEntry(
    string Location,
    string? Basis,
    string? After,
    string? Before,
    int? WorkingDays,
    int? CalendarDays,
    int? Months,
    string? To,
    string Text,
    string? On = null);

/// <summary>A clock present in both versions at the same location whose basis, amount, date or target differs.</summary>
public sealed record ClockChange(string Location, ClockEntry Before, ClockEntry After, IReadOnlyList<PropertyChange> Changes);

/// <summary>
/// The structural difference between two versions of a definition, for the designer's diff page and for
/// review before publishing. Transitions are written "from --outcome:name--> to", "from --event:name--> to",
/// "from --timer--> to", "from --branch:guard--> to", "from --otherwise--> to" and "from --next--> to" (an action's to).
/// </summary>
public sealed record DefinitionDiffResult(
    string From,
    string To,
    IReadOnlyList<PropertyChange> DefinitionChanges,
    IReadOnlyList<string> StatesAdded,
    IReadOnlyList<string> StatesRemoved,
    IReadOnlyList<StateChange> StatesChanged,
    IReadOnlyList<string> TransitionsAdded,
    IReadOnlyList<string> TransitionsRemoved,
    IReadOnlyList<ClockEntry> ClocksAdded,
    IReadOnlyList<ClockEntry> ClocksRemoved,
    IReadOnlyList<ClockChange> ClocksChanged)
{
    public bool IsEmpty =>
        DefinitionChanges.Count == 0 && StatesAdded.Count == 0 && StatesRemoved.Count == 0 && StatesChanged.Count == 0
        && TransitionsAdded.Count == 0 && TransitionsRemoved.Count == 0
        && ClocksAdded.Count == 0 && ClocksRemoved.Count == 0 && ClocksChanged.Count == 0;

    public string ToJson() => JsonSerializer.Serialize(this, DefinitionDiff.JsonOptions);
}

/// <summary>Compares two versions of a workflow definition.</summary>
public static class DefinitionDiff
{
    /// <summary>camelCase, indented, Chinese kept as it is.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly PropertyInfo[] StateMembers = typeof(StateSpec).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    public static DefinitionDiffResult Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        var definitionChanges = new List<PropertyChange>();
        AddIfDifferent(definitionChanges, "version", before.Version, after.Version);
        AddIfDifferent(definitionChanges, "title", before.Title, after.Title);
        AddIfDifferent(definitionChanges, "basis", before.Basis, after.Basis);
        AddIfDifferent(definitionChanges, "initial", before.Initial, after.Initial);
        AddIfDifferent(definitionChanges, "startWith", before.StartWith, after.StartWith);
        foreach (var field in before.Data.Keys.Union(after.Data.Keys).Order(StringComparer.Ordinal))
        {
            AddIfDifferent(definitionChanges, "data." + field, before.Data.GetValueOrDefault(field), after.Data.GetValueOrDefault(field));
        }

        var statesAdded = after.States.Keys.Except(before.States.Keys).Order(StringComparer.Ordinal).ToList();
        var statesRemoved = before.States.Keys.Except(after.States.Keys).Order(StringComparer.Ordinal).ToList();
        var statesChanged = new List<StateChange>();
        foreach (var name in before.States.Keys.Intersect(after.States.Keys).Order(StringComparer.Ordinal))
        {
            var changes = new List<PropertyChange>();
            foreach (var member in StateMembers)
            {
                var memberName = JsonNamingPolicy.CamelCase.ConvertName(member.Name);
                var b = member.GetValue(before.States[name]);
                var a = member.GetValue(after.States[name]);
                if (b is ClockSpec || a is ClockSpec)
                {
                    if (!JsonNode.DeepEquals(ToNode(b), ToNode(a)))
                    {
                        changes.Add(new(memberName, (b as ClockSpec) is { } bc ? ClockText(bc) : null, (a as ClockSpec) is { } ac ? ClockText(ac) : null));
                    }
                }
                else
                {
                    AddIfDifferent(changes, memberName, b, a);
                }
            }

            if (changes.Count > 0)
            {
                statesChanged.Add(new(name, changes));
            }
        }

        var transitionsBefore = Transitions(before);
        var transitionsAfter = Transitions(after);

        var clocksBefore = Clocks(before);
        var clocksAfter = Clocks(after);
        var clocksChanged = new List<ClockChange>();
        foreach (var location in clocksBefore.Keys.Intersect(clocksAfter.Keys).Order(StringComparer.Ordinal))
        {
            var (b, a) = (clocksBefore[location], clocksAfter[location]);
            var changes = new List<PropertyChange>();
            AddIfDifferent(changes, "basis", b.Basis, a.Basis);
            AddIfDifferent(changes, "after", b.After, a.After);
            AddIfDifferent(changes, "before", b.Before, a.Before);
            AddIfDifferent(changes, "workingDays", b.WorkingDays, a.WorkingDays);
            AddIfDifferent(changes, "calendarDays", b.CalendarDays, a.CalendarDays);
            AddIfDifferent(changes, "months", b.Months, a.Months);
            AddIfDifferent(changes, "to", b.To, a.To);
            if (changes.Count > 0)
            {
                clocksChanged.Add(new(location, b, a, changes));
            }
        }

        return new DefinitionDiffResult(
            From: $"{before.Key} v{before.Version}",
            To: $"{after.Key} v{after.Version}",
            DefinitionChanges: definitionChanges,
            StatesAdded: statesAdded,
            StatesRemoved: statesRemoved,
            StatesChanged: statesChanged,
            TransitionsAdded: transitionsAfter.Except(transitionsBefore).ToList(),
            TransitionsRemoved: transitionsBefore.Except(transitionsAfter).ToList(),
            ClocksAdded: clocksAfter.Keys.Except(clocksBefore.Keys).Order(StringComparer.Ordinal).Select(k => clocksAfter[k]).ToList(),
            ClocksRemoved: clocksBefore.Keys.Except(clocksAfter.Keys).Order(StringComparer.Ordinal).Select(k => clocksBefore[k]).ToList(),
            ClocksChanged: clocksChanged);
    }

    /// <summary>Every transition of a definition, in a stable order, as "from --via--> to".</summary>
    public static IReadOnlyList<string> Transitions(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var result = new List<string>();
        foreach (var (name, state) in definition.States.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            // Outcomes and events by name, branches in their order (the first that holds is taken).
            var transitions = state.Transitions()
                .Where(t => t.To is not null)
                .OrderBy(t => t.Via)
                .ThenBy(t => t.Via is TransitionVia.Outcome or TransitionVia.Event ? t.Name : "", StringComparer.Ordinal);
            result.AddRange(transitions.Select(t => $"{name} --{t.Describe()}--> {t.To}"));
        }

        return result;
    }

    /// <summary>Every clock of a definition by location ("state.deadline", "state.timer", "state.reminders[i].at").</summary>
    public static IReadOnlyDictionary<string, ClockEntry> Clocks(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var result = new SortedDictionary<string, ClockEntry>(StringComparer.Ordinal);
        foreach (var (name, state) in definition.States)
        {
            if (state.Deadline is { } deadline)
            {
                result[$"{name}.deadline"] = Entry($"{name}.deadline", deadline);
            }

            if (state.Timer is { } timer)
            {
                result[$"{name}.timer"] = Entry($"{name}.timer", timer);
            }

            for (var i = 0; i < state.Reminders?.Count; i++)
            {
                var location = string.Create(CultureInfo.InvariantCulture, $"{name}.reminders[{i}].at");
                result[location] = Entry(location, state.Reminders[i].At);
            }

            foreach (var (field, clock) in state.Set ?? [])
            {
                result[$"{name}.set.{field}"] = Entry($"{name}.set.{field}", clock);
            }
        }

        return result;
    }

    /// <summary>A clock as text: "10 working days after noticeReceivedOn (第二十二条)", with " → state" for timers.</summary>
    public static string ClockText(ClockSpec clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (clock.On is { } on)
        {
            return $"on {on}{(clock.Basis is { } ob ? $" ({ob})" : " (no basis)")}{(clock.To is { } ot ? $" → {ot}" : "")}";
        }

        var amount = clock switch
        {
            { WorkingDays: { } d } => Plural(d, "working day"),
            { CalendarDays: { } d } => Plural(d, "calendar day"),
            { Months: { } m } => Plural(m, "month"),
            _ => "(no amount)",
        };
        var anchor = clock.After is { } after ? $"after {after}" : clock.Before is { } before ? $"before {before}" : "(no date)";
        var basis = clock.Basis is { } b ? $" ({b})" : " (no basis)";
        var to = clock.To is { } t ? $" → {t}" : "";
        return $"{amount} {anchor}{basis}{to}";
    }

    private static string Plural(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");

    private static ClockEntry Entry(string location, ClockSpec clock) =>
        new(location, clock.Basis, clock.After, clock.Before, clock.WorkingDays, clock.CalendarDays, clock.Months, clock.To, ClockText(clock), clock.On);

    private static JsonNode? ToNode(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), CompactOptions);

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString(CompactOptions);

    private static void AddIfDifferent(List<PropertyChange> changes, string property, object? before, object? after)
    {
        var (b, a) = (ToNode(before), ToNode(after));
        if (!JsonNode.DeepEquals(b, a))
        {
            changes.Add(new(property, Text(b), Text(a)));
        }
    }
}
