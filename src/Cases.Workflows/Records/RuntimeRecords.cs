namespace Cases.Workflows.Records;

/// <summary>A published, immutable version of a procedure definition (the files in workflows/ seed version 1).</summary>
public sealed class StoredDefinition
{
    public long Id { get; set; }

    public string Key { get; set; } = "";

    public int Version { get; set; }

    public string TitleZh { get; set; } = "";

    public string TitleEn { get; set; } = "";

    /// <summary>The definition exactly as published.</summary>
    public string Json { get; set; } = "";

    /// <summary>SHA-256 of <see cref="Json"/>: re-seeding an unchanged file is recognised and skipped.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>When the version was published (for a pending one: proposed).</summary>
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>Who published it (for a pending one: who proposed it, who may not approve it).</summary>
    public string PublishedBy { get; set; } = "";

    /// <summary>Whether it is used: only approved versions start cases or are migrated to (four-eyes publication).</summary>
    public PublicationStatus Status { get; set; }

    /// <summary>The version in use it was compared with when published (null: the procedure's first).</summary>
    public int? ComparedWith { get; set; }

    /// <summary>The sensitive changes found against <see cref="ComparedWith"/>, as JSON; null when there were none.</summary>
    public string? SensitiveChanges { get; set; }

    /// <summary>The provincial supervisor who approved or rejected it; null when it needed nobody or waits.</summary>
    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The approver's note, or the reason of a rejection.</summary>
    public string? DecisionNote { get; set; }
}

/// <summary>A case: one run of a procedure for one party, in one city.</summary>
public sealed class CaseRecord
{
    public Guid Id { get; set; }

    public string Procedure { get; set; } = "";

    public string CityCode { get; set; } = "";

    /// <summary>A short human label: the party's name or code, shown in inboxes.</summary>
    public string Party { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

public enum InstanceStatus
{
    Running,
    Completed,
}

/// <summary>
/// The workflow instance of a case: pinned to the definition version it started on, with its current state,
/// its case data (JSON document; declared fields are also projected into <see cref="CaseValue"/> rows so they can
/// be queried), and a revision used as an optimistic concurrency token.
/// </summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public string DefinitionKey { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public string State { get; set; } = "";

    public InstanceStatus Status { get; set; }

    public string? EndOutcome { get; set; }

    public string CityCode { get; set; } = "";

    /// <summary>Case data as a JSON object.</summary>
    public string DataJson { get; set; } = "{}";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset StateEnteredAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Incremented by every command; a command that read an older revision loses with 409.</summary>
    public int Revision { get; set; }
}

/// <summary>One declared case-data field of a case, typed, so the product can filter and sort on it.</summary>
public sealed class CaseValue
{
    public Guid CaseId { get; set; }

    public string Field { get; set; } = "";

    public string? Text { get; set; }

    public DateOnly? Date { get; set; }

    public decimal? Number { get; set; }
}

public enum HumanTaskStatus
{
    Open,
    Claimed,
    Completed,
    Cancelled,
}

/// <summary>What a human task is for.</summary>
public enum HumanTaskKind
{
    /// <summary>A task state of the case's definition: its form and outcomes come from there.</summary>
    Step,

    /// <summary>
    /// A supervisor confirms that a wait state's period has ended before the case moves on, because the period's end was
    /// counted on a provisional calendar year (no State Council notice yet): 「确认期限届满（暂定日历）」, outcomes
    /// <c>confirm</c> and <c>extend</c> (the runtime's <c>ExpiryConfirmation</c>).
    /// </summary>
    ExpiryConfirmation,
}

/// <summary>
/// A human task: offered to a role in a city, claimed by one user, completed with an outcome. Carries its due
/// date, warning and breach instants and the article that sets the deadline.
/// </summary>
public sealed class HumanTask
{
    public Guid Id { get; set; }

    public HumanTaskKind Kind { get; set; }

    public Guid InstanceId { get; set; }

    public Guid CaseId { get; set; }

    public string Procedure { get; set; } = "";

    public string State { get; set; } = "";

    public string TitleZh { get; set; } = "";

    public string TitleEn { get; set; } = "";

    public string Role { get; set; } = "";

    public string CityCode { get; set; } = "";

    public string Party { get; set; } = "";

    public string? Assignee { get; set; }

    public HumanTaskStatus Status { get; set; }

    /// <summary>0 low, 1 normal, 2 high, 3 urgent: sorts the inbox.</summary>
    public int Priority { get; set; }

    /// <summary>The last day (Asia/Shanghai) on which the task is on time.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>24:00 of <see cref="DueOn"/> in Asia/Shanghai, as UTC: the breach instant.</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset WarnAt { get; set; }

    public string Basis { get; set; } = "";

    /// <summary>How the deadline counts: "workingDays", "calendarDays" or "months", with the amount.</summary>
    public string DueRule { get; set; } = "";

    /// <summary>The latest year without the State Council's notice that the deadline was counted over (shown as 暂定), or null.</summary>
    public int? ProvisionalYear { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }

    public string? Outcome { get; set; }

    public bool Breached { get; set; }
}

public enum TimerKind
{
    /// <summary>Moves the instance to the clock's target state.</summary>
    Transition,

    /// <summary>Sends a notification, no transition.</summary>
    Reminder,

    /// <summary>A task's warning instant.</summary>
    TaskWarning,

    /// <summary>A task's deadline: raises an escalation.</summary>
    TaskBreach,

    /// <summary>A date the state set (e.g. a window opening or an application deadline): journaled when it passes.</summary>
    Milestone,
}

public enum TimerStatus
{
    Pending,
    Fired,
    Cancelled,
}

/// <summary>
/// A statutory or SLA clock. The row is the truth: a Hangfire job fires it at <see cref="DueAt"/>, a recurring
/// sweep fires any that a lost job left behind, and a conditional update claims the row so it fires once.
/// </summary>
public sealed class WorkflowTimer
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>
    /// The task a warning or breach clock watches; for a transition held on a provisional date, the supervisor's
    /// confirmation task that decides it.
    /// </summary>
    public Guid? TaskId { get; set; }

    /// <summary>The state that armed it; leaving the state cancels it.</summary>
    public string State { get; set; } = "";

    public TimerKind Kind { get; set; }

    public DateOnly DueOn { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public string Basis { get; set; } = "";

    public string Rule { get; set; } = "";

    /// <summary>
    /// The latest year without the State Council's notice that the date was counted over, or for a transition the year it
    /// falls in when that year is provisional; null when official. A transition still provisional when it comes due does
    /// not move the case: it opens a supervisor's confirmation task instead.
    /// </summary>
    public int? ProvisionalYear { get; set; }

    public string? TargetState { get; set; }

    /// <summary>For reminders: the notification's template and recipient. For milestones: the date field's name.</summary>
    public string? Template { get; set; }

    public string? Recipient { get; set; }

    public TimerStatus Status { get; set; }

    /// <summary>Who holds the firing lease, until when. A crashed firer's lease runs out and the sweep retries.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? FiredAt { get; set; }

    public int Attempts { get; set; }
}

/// <summary>
/// One entry of an instance's append-only journal (规程 第一百二十条: 留痕可溯). Each entry's hash covers its content
/// and the previous entry's hash, so an edited or deleted entry breaks the chain.
/// </summary>
public sealed class JournalEntry
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public int Seq { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    public string DataJson { get; set; } = "{}";

    public string PrevHash { get; set; } = "";

    public string Hash { get; set; } = "";
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>A notification to a party or a role (第九十四条), written in the command's transaction, delivered by a job.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public Guid? InstanceId { get; set; }

    public Guid? CaseId { get; set; }

    public string CityCode { get; set; } = "";

    public string Recipient { get; set; } = "";

    public string Template { get; set; } = "";

    public string PayloadJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A breached deadline, raised once, for the city's supervisors and the dashboard.</summary>
public sealed class Escalation
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public Guid CaseId { get; set; }

    public Guid? TaskId { get; set; }

    public string CityCode { get; set; } = "";

    public string Procedure { get; set; } = "";

    public string State { get; set; } = "";

    public DateOnly DueOn { get; set; }

    public string Basis { get; set; } = "";

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }
}

/// <summary>The first answer to a command sent with an Idempotency-Key; a repeat gets this answer and changes nothing.</summary>
public sealed class IdempotencyRecord
{
    public string UserName { get; set; } = "";

    public string Key { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public int StatusCode { get; set; }

    public string ResponseJson { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
