namespace Cases.Workflows.Instances;

/// <summary>on time, warning (past the warning instant) or breached (past the deadline).</summary>
public enum SlaState
{
    OnTime,
    Warning,
    Breached,
}

/// <summary>
/// A task as every API response, list and export shows it. Its party is the case's label masked as in every list
/// (<see cref="Cases.Domain.Privacy.PersonalDataMask.Label"/>, for every role): a list is not a recorded view, so a number in it is never
/// shown whole — whoever needs it opens the case, where seeing it is recorded (规程 第一百四十条).
/// <c>Kind</c>: a step of the procedure, or a supervisor's confirmation that a period counted on a provisional calendar
/// has ended. <c>ProvisionalYear</c>: the due date was counted over that year, whose State Council notice is not loaded
/// yet (暂定). <c>CompletedAt</c>: when it was completed (the done tab says so). <c>Source</c>: whether the deadline is the
/// regulation's (statutory) or the agency's own target; null for a task of a version older than the distinction.
/// </summary>
public sealed record TaskView(
    Guid Id, Guid CaseId, string Procedure, string State, string Title, string TitleEn, string Role, string City, string Party,
    string? Assignee, HumanTaskStatus Status, int Priority, DateOnly DueOn, DateTimeOffset DueAt, DateTimeOffset WarnAt,
    string Basis, string DueRule, SlaState Sla, string? Outcome, string? CompletedBy, DateTimeOffset CreatedAt,
    HumanTaskKind Kind = HumanTaskKind.Step, int? ProvisionalYear = null, DateTimeOffset? CompletedAt = null, ClockSource? Source = null)
{
    /// <summary>The due date is provisional (counted over a year without the State Council's notice).</summary>
    public bool Provisional => ProvisionalYear is not null;

    public static TaskView From(HumanTask t, DateTimeOffset now) => new(
        t.Id, t.CaseId, t.Procedure, t.State, t.TitleZh, t.TitleEn, t.Role, t.CityCode, Cases.Domain.Privacy.PersonalDataMask.Label(t.Party, full: false), t.Assignee, t.Status, t.Priority,
        t.DueOn, t.DueAt, t.WarnAt, t.Basis, t.DueRule, SlaOf(t.DueAt, t.WarnAt, t.CompletedAt ?? now), t.Outcome, t.CompletedBy, t.CreatedAt,
        t.Kind, t.ProvisionalYear, t.CompletedAt, t.ClockSource);

    public static SlaState SlaOf(DateTimeOffset dueAt, DateTimeOffset warnAt, DateTimeOffset at) =>
        at >= dueAt ? SlaState.Breached : at >= warnAt ? SlaState.Warning : SlaState.OnTime;
}

/// <summary>A pending clock of a case, with its date and basis; <c>ProvisionalYear</c> and <c>Source</c> as on <see cref="TaskView"/>.</summary>
public sealed record TimerView(Guid Id, string State, TimerKind Kind, DateOnly DueOn, DateTimeOffset DueAt, string Basis, string Rule, string? TargetState, TimerStatus Status, int? ProvisionalYear = null, ClockSource? Source = null)
{
    /// <summary>The date is provisional (counted over, or falling in, a year without the State Council's notice).</summary>
    public bool Provisional => ProvisionalYear is not null;

    public static TimerView From(WorkflowTimer t) => new(t.Id, t.State, t.Kind, t.DueOn, t.DueAt, t.Basis, t.Rule, t.TargetState, t.Status, t.ProvisionalYear, t.ClockSource);
}

/// <summary>One journal entry as shown on the case.</summary>
public sealed record JournalView(int Seq, DateTimeOffset At, string Actor, string Action, string? From, string? To, JsonNode? Data, string Hash)
{
    public static JournalView Of(JournalEntry e) => new(e.Seq, e.At, e.Actor, e.Action, e.FromState, e.ToState, JsonNode.Parse(e.DataJson), e.Hash);
}

/// <summary>What starting a case returns.</summary>
public sealed record StartedCase(Guid CaseId, Guid InstanceId, string State, int DefinitionVersion);

/// <summary>What a command on a case returns: where the case stands now.</summary>
public sealed record CaseState(Guid CaseId, string State, InstanceStatus Status, string? EndOutcome, int Revision, IReadOnlyList<TaskView> OpenTasks);
