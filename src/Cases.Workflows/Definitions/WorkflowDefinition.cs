using System.Globalization;
using System.Text.Json.Serialization;

namespace Cases.Workflows.Definitions;


/// <summary>
/// A procedure as data: a state machine with human tasks, waits for events, automatic decisions, registered
/// actions and ends, each clock with its statutory basis (规程 第一百二十条: every step traceable).
/// One JSON file per procedure in workflows/, validated by workflows/schema/workflow-definition.schema.json.
/// Published versions are immutable; an instance stays on the version it started on.
/// </summary>
public sealed class WorkflowDefinition : IJsonOnDeserialized
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public string Key { get; init; } = "";

    public int Version { get; init; }

    public LocalizedText Title { get; init; } = new("", "");

    /// <summary>The articles the procedure implements, e.g. ["第二十一条", "第二十二条"].</summary>
    public List<string> Basis { get; init; } = [];

    public string Initial { get; init; } = "";

    /// <summary>The case data the procedure knows: start data, form fields and event fields all refer to these.</summary>
    public Dictionary<string, FieldSpec> Data { get; init; } = [];

    /// <summary>Which data fields the case must be started with.</summary>
    public List<string> StartWith { get; init; } = [];

    public Dictionary<string, StateSpec> States { get; init; } = [];

    /// <summary>
    /// The materials the regulation asks for (规程 第十五条: what is missing is listed all at once), by key. A
    /// <c>checklist</c> field of the data holds the keys received; an item whose <c>when</c> guard is false is not asked for.
    /// </summary>
    public Dictionary<string, MaterialSpec>? Materials { get; init; }

    /// <summary>The start field of which the procedure allows one case per value (第四十九条: once per injury case), or null.</summary>
    public OncePerSpec? OncePer { get; init; }

    /// <summary>A checklist field accepts exactly the keys of <see cref="Materials"/>; the definition says them once.</summary>
    public void OnDeserialized()
    {
        foreach (var spec in Data.Values.Where(f => f.Type == "checklist" && f.Values is null))
        {
            spec.Values = Materials?.Keys.ToList() ?? [];
        }
    }
}

/// <summary>One material of a procedure's checklist, with the article that asks for it (e.g. 第八十九条（一）).</summary>
public sealed class MaterialSpec
{
    public LocalizedText Label { get; init; } = new("", "");

    public string Basis { get; init; } = "";

    /// <summary>An NCalc guard over case data: the material is asked for only when it holds (e.g. "accidentType == 'violence'").</summary>
    public string? When { get; init; }
}

/// <summary>The type and limits of one case-data field.</summary>
public sealed class FieldSpec
{
    /// <summary>string, text, date, month, decimal, integer, boolean, enum, object, list or checklist (material keys received).</summary>
    public string Type { get; init; } = "string";

    public LocalizedText? Label { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>For enum fields: the allowed values; for checklist fields: the material keys (filled from the definition's materials).</summary>
    public List<string>? Values { get; set; }

    /// <summary>For enum fields: the label of each value as officers read it (「交通事故」 for traffic); a value without one is shown as it is.</summary>
    public Dictionary<string, LocalizedText>? Labels { get; init; }

    /// <summary>For object fields: their fields; for list fields: the fields of each item.</summary>
    public Dictionary<string, FieldSpec>? Fields { get; init; }

    /// <summary>For list fields: the most items allowed (default 120).</summary>
    public int? MaxItems { get; init; }

    /// <summary>For string fields: credit-code (GB 32100) or id-number (GB 11643), checked with their check digits.</summary>
    public string? Format { get; init; }

    /// <summary>For the fields of an object or a list item: may be left out (every other one is required).</summary>
    public bool Optional { get; init; }

    /// <summary>
    /// For date fields of data: the earliest plausible day, another date field's name (a notice is not received before
    /// the rate was adjusted, 第二十二条) or <c>today</c> (with <see cref="Future"/>).
    /// </summary>
    public string? NotBefore { get; init; }

    /// <summary>For date fields of data: the latest plausible day, another date field's name (a return not after …).</summary>
    public string? NotAfter { get; init; }

    /// <summary>
    /// For date fields: the day may lie after today (a deadline, a contract's end, a period asked for). A date a user
    /// gives is otherwise refused when it is after today: what happened cannot have happened tomorrow.
    /// </summary>
    public bool Future { get; init; }

    /// <summary>For decimal fields of data: the amount may not exceed another decimal field's (an approval not above the claim).</summary>
    public string? NotAbove { get; init; }

    /// <summary>For decimal fields of data: the amount may not fall below another decimal field's.</summary>
    public string? NotBelow { get; init; }

    /// <summary>
    /// For enum and string fields holding a Shandong city code: the value may not be the case's own city (a referral
    /// goes to a place outside the insured city, 规程 第三十八条 本市（设区的市）以外).
    /// </summary>
    public bool NotCaseCity { get; init; }

    /// <summary>
    /// For string start fields: the value names an entry of a register (an injury case, a project …) in the case's city,
    /// checked when the case starts; its fills copy the entry's properties into the case's data.
    /// </summary>
    public RegisterRef? Ref { get; init; }

    /// <summary>
    /// For optional fields of an object: an NCalc guard over the object's other fields; while it holds, the field is
    /// required (a province and a city name when the destination lies outside Shandong).
    /// </summary>
    public string? RequiredWhen { get; init; }

    /// <summary>
    /// The bounds the field declares (notBefore, notAfter, notAbove, notBelow), each naming another field or
    /// <see cref="FieldBound.Today"/>. Besides these, a date not declared <see cref="Future"/> is never after today.
    /// </summary>
    public IEnumerable<FieldBound> Bounds()
    {
        if (NotBefore is { } notBefore)
        {
            yield return new(BoundKind.NotBefore, notBefore);
        }

        if (NotAfter is { } notAfter)
        {
            yield return new(BoundKind.NotAfter, notAfter);
        }

        if (NotAbove is { } notAbove)
        {
            yield return new(BoundKind.NotAbove, notAbove);
        }

        if (NotBelow is { } notBelow)
        {
            yield return new(BoundKind.NotBelow, notBelow);
        }
    }
}

/// <summary>How a field's value must stand to another's: dates not before / not after, amounts not above / not below.</summary>
public enum BoundKind
{
    NotBefore,
    NotAfter,
    NotAbove,
    NotBelow,
}

/// <summary>One bound of a field: its kind and what it is measured against, another field's name or <see cref="Today"/>.</summary>
public sealed record FieldBound(BoundKind Kind, string Other)
{
    /// <summary>The day the value is given, in China (规程 dates are China dates), in place of a field's name.</summary>
    public const string Today = "today";

    public bool IsToday => Other == Today;

    /// <summary>The declaration's member that states it: notBefore, notAfter, notAbove, notBelow.</summary>
    public string Member => Kind switch
    {
        BoundKind.NotBefore => "notBefore",
        BoundKind.NotAfter => "notAfter",
        BoundKind.NotAbove => "notAbove",
        _ => "notBelow",
    };
}

/// <summary>A field asked for by a task's form or carried by an event; its type comes from the definition's data.</summary>
public sealed class FieldRef
{
    public string Field { get; init; } = "";

    public bool Required { get; init; }
}

/// <summary>One state of the machine. Which members apply depends on <see cref="Kind"/>.</summary>
public sealed class StateSpec
{
    /// <summary>A task, a wait, a decision, an action or an end.</summary>
    public StateKind Kind { get; init; }

    public LocalizedText? Title { get; init; }

    /// <summary>Dates computed on entering the state and stored in the case data (declared date fields), shown as clocks.</summary>
    public Dictionary<string, ClockSpec>? Set { get; init; }

    // --- task ---

    /// <summary>The candidate role; the task is offered to that role in the case's city.</summary>
    public string? Role { get; init; }

    /// <summary>low, normal, high or urgent.</summary>
    public string? Priority { get; init; }

    public ClockSpec? Deadline { get; init; }

    /// <summary>When the task turns to "warning": this fraction of the period from entering the state to the deadline (default 0.7).</summary>
    public decimal? WarnAt { get; init; }

    /// <summary>
    /// The supervisor dashboard's target for this step, in working days from the task's start to its completion, where
    /// the deadline is not itself a working-day clock (calendar days, months); it takes precedence over the deadline's
    /// own working days when both are given.
    /// </summary>
    public int? TargetWorkingDays { get; init; }

    public List<FieldRef>? Form { get; init; }

    public Dictionary<string, OutcomeSpec>? Outcomes { get; init; }

    /// <summary>Separation of duties (规程 第一百一十九条): whoever completed one of these states may not complete this one.</summary>
    public List<string>? NotCompletedBySameAs { get; init; }

    // --- wait ---

    public Dictionary<string, EventSpec>? Events { get; init; }

    /// <summary>When it comes due, the instance moves on to <see cref="ClockSpec.To"/>.</summary>
    public ClockSpec? Timer { get; init; }

    /// <summary>Notifications sent when a clock comes due without moving the instance (e.g. a reminder before a deadline).</summary>
    public List<ReminderSpec>? Reminders { get; init; }

    // --- decision ---

    public List<BranchSpec>? Branches { get; init; }

    public string? Otherwise { get; init; }

    // --- action ---

    /// <summary>The name of a registered domain action (e.g. "notify", "compute-top-up").</summary>
    public string? Action { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }

    /// <summary>For action states: where to go next.</summary>
    public string? To { get; init; }

    // --- end ---

    public string? Outcome { get; init; }

    // --- any state ---

    /// <summary>Events that come too late for this state (ends included): refused with the message (both languages), and journaled.</summary>
    public Dictionary<string, LocalizedText>? Refuses { get; init; }

    /// <summary>Notifications written to the outbox when the state is entered (第九十四条).</summary>
    public List<NotifySpec>? OnEnter { get; init; }

    /// <summary>For tasks: "province" when only the role's provincial staff may complete it (<see cref="Tasks.ProvincialTasks"/>).</summary>
    public string? Scope { get; init; }

    /// <summary>
    /// Every way out of the state as written, in the order of the document: outcomes, events, the timer, branches,
    /// otherwise, and the next state (always for an action, which must name one). A target may be missing or unknown
    /// here; the validator says so, and readers of a valid definition can rely on it.
    /// </summary>
    public IEnumerable<StateTransition> Transitions()
    {
        foreach (var (outcome, spec) in Outcomes ?? [])
        {
            yield return new(TransitionVia.Outcome, outcome, spec.To, $".outcomes{DefinitionValidator.PathSegment(outcome)}.to", spec.Label);
        }

        foreach (var (eventName, spec) in Events ?? [])
        {
            yield return new(TransitionVia.Event, eventName, spec.To, $".events{DefinitionValidator.PathSegment(eventName)}.to", spec.Label);
        }

        if (Timer is { } timer)
        {
            yield return StateTransition.Fixed(TransitionVia.Timer, timer.To, ".timer.to");
        }

        for (var i = 0; i < Branches?.Count; i++)
        {
            yield return new(TransitionVia.Branch, Branches[i].When, Branches[i].To, string.Create(CultureInfo.InvariantCulture, $".branches[{i}].to"), null);
        }

        if (Otherwise is not null)
        {
            yield return StateTransition.Fixed(TransitionVia.Otherwise, Otherwise, ".otherwise");
        }

        if (To is not null || Kind == StateKind.Action)
        {
            yield return StateTransition.Fixed(TransitionVia.Next, To, ".to");
        }
    }
}

/// <summary>A task outcome: where it leads, and the fields it requires beyond the form.</summary>
public sealed class OutcomeSpec
{
    public string To { get; init; } = "";

    public LocalizedText? Label { get; init; }

    public List<FieldRef>? Requires { get; init; }

    /// <summary>Conditions checked in order before the outcome is applied; the first that fails refuses it (422) and nothing changes.</summary>
    public List<RuleSpec>? Rules { get; init; }
}

/// <summary>An external event a wait state accepts.</summary>
public sealed class EventSpec
{
    public string To { get; init; } = "";

    public LocalizedText? Label { get; init; }

    public List<FieldRef>? Fields { get; init; }

    /// <summary>A guard over case data and the event's fields; when false the event is refused (422) and journaled.</summary>
    public string? Accept { get; init; }

    /// <summary>What the refusal says, in both languages, e.g. "异议须在收到告知后10个工作日内提出（第二十二条）" / "The objection came after the 10 working days of 第二十二条".</summary>
    public LocalizedText? RefusedBecause { get; init; }

    /// <summary>Conditions checked in order; the first that fails refuses the event with its message.</summary>
    public List<RuleSpec>? Rules { get; init; }
}

/// <summary>A condition an event must meet, and what its refusal says in both languages ({field} is replaced by the field's value in each).</summary>
public sealed class RuleSpec
{
    public string Require { get; init; } = "";

    public LocalizedText Message { get; init; } = new("", "");
}

/// <summary>A branch of a decision state.</summary>
public sealed class BranchSpec
{
    public string When { get; init; } = "";

    public string To { get; init; } = "";
}

/// <summary>
/// A statutory clock as data: a date counted after or before a date field of the case ("$entered" is the day
/// the state was entered), in working days, calendar days or months, with its basis.
/// </summary>
public sealed class ClockSpec
{
    public string? After { get; init; }

    public string? Before { get; init; }

    /// <summary>The date field itself, unshifted: the clock ends at 24:00 of that day.</summary>
    public string? On { get; init; }

    public int? WorkingDays { get; init; }

    public int? CalendarDays { get; init; }

    public int? Months { get; init; }

    /// <summary>The article the clock comes from, e.g. "第二十二条". Required: a clock nobody can justify is refused.</summary>
    public string? Basis { get; init; }

    /// <summary>
    /// Whether the regulation sets this time limit (a breach is a legal failure) or the agency does (a breach is a
    /// service failure). Required of every definition validated now; versions stored before it existed read as null.
    /// </summary>
    public ClockSource? Source { get; init; }

    /// <summary>For timers: the state to move to when it comes due.</summary>
    public string? To { get; init; }

    public LocalizedText? Label { get; init; }
}

/// <summary>Who sets a clock's time limit: the regulation (<c>statutory</c>) or the agency as its service target (<c>agency</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClockSource>))]
public enum ClockSource
{
    /// <summary>The article named as the basis sets the limit; a breach is a legal failure.</summary>
    [JsonStringEnumMemberName("statutory")]
    Statutory,

    /// <summary>The agency's own service target for the step the basis names (「本机构办理时限」); a breach is a service failure.</summary>
    [JsonStringEnumMemberName("agency")]
    Agency,
}

/// <summary>The one place a clock source is spelled as in a definition ("statutory", "agency").</summary>
public static class ClockSources
{
    public static string Name(ClockSource source) => source == ClockSource.Statutory ? "statutory" : "agency";

    /// <summary>"statutory" or "agency" (any case); null for anything else.</summary>
    public static ClockSource? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "statutory" => ClockSource.Statutory,
        "agency" => ClockSource.Agency,
        _ => null,
    };
}

/// <summary>A notification sent when a clock comes due, without a transition.</summary>
public sealed class ReminderSpec
{
    public ClockSpec At { get; init; } = new();

    public NotifySpec Notify { get; init; } = new();
}

/// <summary>A notification to write to the outbox: to whom (a party of the case or a role) and which template.</summary>
public sealed class NotifySpec
{
    /// <summary>employer, worker, institution, contractor, or role:supervisor etc.</summary>
    public string To { get; init; } = "";

    public string Template { get; init; } = "";

    /// <summary>Case data fields the message carries, as they stand when it is written: the values its letter states.</summary>
    public List<string>? Fields { get; init; }
}
