namespace Cases.Workflows.Records;

/// <summary>
/// Every <see cref="JournalEntry.Action"/> the runtime writes, for its writers and for whoever reads the journal (the
/// case page, the dry run, the deadline recalculation). The words are stored and hash-chained (规程 第一百二十条: 留痕可溯):
/// a value here never changes, or the journals already written stop verifying. The agency's own actions (a ledger
/// posting, a calculation …) are in <c>Cases.Application.Records.AgencyJournalActions</c>.
/// </summary>
public static class JournalActions
{
    // --- an instance moving through its states ---

    /// <summary>The case was opened; data: the start data and the definition's version.</summary>
    public const string Started = "started";

    /// <summary>A state was entered (after the start, or automatically after a decision or an action).</summary>
    public const string Entered = "entered";

    /// <summary>A decision took a branch (or otherwise).</summary>
    public const string Decided = "decided";

    /// <summary>An end state was reached; data: its outcome.</summary>
    public const string Ended = "ended";

    /// <summary>A supervisor moved the instance to another version of its definition.</summary>
    public const string Migrated = "migrated";

    // --- events ---

    /// <summary>An event a wait state accepts was recorded.</summary>
    public const string Event = "event";

    /// <summary>An event was refused (too late, or a rule failed); the instance stays where it is.</summary>
    public const string EventRefused = "event-refused";

    // --- tasks ---

    public const string TaskClaimed = "task-claimed";

    public const string TaskReleased = "task-released";

    public const string TaskAssigned = "task-assigned";

    public const string TaskCompleted = "task-completed";

    // --- clocks ---

    /// <summary>A wait's timer came due and moved the instance.</summary>
    public const string TimerFired = "timer-fired";

    public const string ReminderSent = "reminder-sent";

    /// <summary>A date a state set (a milestone) was reached.</summary>
    public const string MilestonePassed = "milestone-passed";

    /// <summary>A task passed its deadline.</summary>
    public const string DeadlineBreached = "deadline-breached";

    /// <summary>A timer counted over a provisional calendar year came due and waits for a supervisor's confirmation.</summary>
    public const string ExpiryHeld = "expiry-held";

    public const string ExpiryConfirmed = "expiry-confirmed";

    public const string ExpiryExtended = "expiry-extended";

    // --- the runtime's built-in actions ---

    public const string Notified = "notified";

    public const string Recorded = "recorded";

    public const string FieldSet = "field-set";

    /// <summary>The one-time notice of the missing materials (规程 第十五条).</summary>
    public const string MaterialsNotice = "materials-notice";

    /// <summary>Materials marked as obtained through information sharing between departments, with their source (e.g. 规程 第八十九条).</summary>
    public const string MaterialsShared = "materials-shared";
}

/// <summary>
/// The keys of a journal entry's data that its readers look up by name (the case page's details, the dry run's path,
/// a held expiry's date). Stored and hash-chained like the actions: they never change.
/// </summary>
public static class JournalFields
{
    /// <summary>The id of the task an entry is about.</summary>
    public const string Task = "task";

    /// <summary>A completed task's outcome, or the end state's outcome.</summary>
    public const string Outcome = "outcome";

    /// <summary>The name of a recorded or refused event.</summary>
    public const string Event = "event";

    /// <summary>The guard of the branch a decision took, or "otherwise".</summary>
    public const string Branch = "branch";

    /// <summary>A due date (yyyy-MM-dd): a task's, a timer's, an escalation's.</summary>
    public const string DueOn = "dueOn";

    /// <summary>The case data given: at the start, with an event, with a task's outcome.</summary>
    public const string Data = "data";

    /// <summary>
    /// Why an event was refused: {"zh": …, "en": …}, so the journal reads in either language; entries written before
    /// refusals spoke both languages hold a plain string (read with <see cref="Text"/>).
    /// </summary>
    public const string Reason = "reason";

    /// <summary>Whether a task was completed before its deadline.</summary>
    public const string OnTime = "onTime";

    /// <summary>The definition's version a case started on.</summary>
    public const string Version = "version";

    /// <summary>A text as the journal stores it: both languages, so either reader can read it later.</summary>
    public static JsonObject Store(LocalizedText text) => new() { ["zh"] = text.Zh, ["en"] = text.En };

    /// <summary>
    /// A text stored by <see cref="Store"/>, or the plain string of an older entry (the same in both languages); null
    /// when the node is neither.
    /// </summary>
    public static LocalizedText? Text(JsonNode? node) => node switch
    {
        JsonObject o when o["zh"] is JsonValue zh && o["en"] is JsonValue en && zh.TryGetValue<string>(out var z) && en.TryGetValue<string>(out var e) => new(z, e),
        JsonValue v when v.TryGetValue<string>(out var plain) => new(plain, plain),
        _ => null,
    };
}
