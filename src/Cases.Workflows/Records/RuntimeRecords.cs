namespace Cases.Workflows.Records;

/// <summary>A published, immutable version of a procedure definition (the files in workflows/ are each procedure's shipped version, stored at start-up under its own number when missing).</summary>
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
/// be queried), and a revision used as an optimistic concurrency token. It changes only through its transitions,
/// each of which refuses what its status does not allow: an ended case enters no state, ends no second time, takes
/// no new data and is migrated to no version.
/// </summary>
public sealed class WorkflowInstance
{
    private int _definitionVersion;
    private string _state = "";
    private string _dataJson = "{}";
    private DateTimeOffset _stateEnteredAt;

    public Guid Id { get; init; }

    public Guid CaseId { get; init; }

    public string DefinitionKey { get; init; } = "";

    /// <summary>The version it runs: set when it starts, changed only by <see cref="Migrate"/>.</summary>
    public int DefinitionVersion { get => _definitionVersion; init => _definitionVersion = value; }

    /// <summary>The state it is in: set when it starts, changed only by <see cref="Enter"/>.</summary>
    public string State { get => _state; init => _state = value; }

    public InstanceStatus Status { get; private set; }

    public string? EndOutcome { get; private set; }

    public string CityCode { get; init; } = "";

    /// <summary>Case data as a JSON object.</summary>
    public string DataJson { get => _dataJson; init => _dataJson = value; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the current state was entered: the "$entered" its clocks count from.</summary>
    public DateTimeOffset StateEnteredAt { get => _stateEnteredAt; init => _stateEnteredAt = value; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Incremented by every command (<see cref="NextRevision"/>); a command that read an older revision loses with 409.</summary>
    public int Revision { get; private set; }

    /// <summary>The case moves into <paramref name="state"/> at <paramref name="at"/>, from which that state's clocks count.</summary>
    public void Enter(string state, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        EnsureRunning(new LocalizedText("不能再转入其他环节", "it enters no other state"));
        _state = state;
        _stateEnteredAt = at;
    }

    /// <summary>The case data after a command (the whole document).</summary>
    public void ReplaceData(string dataJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataJson);
        EnsureRunning(new LocalizedText("案件数据不能再修改", "its data no longer changes"));
        _dataJson = dataJson;
    }

    /// <summary>The case reaches an end state with <paramref name="outcome"/>; it runs no more.</summary>
    public void End(string outcome, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        EnsureRunning(new LocalizedText("不能再次办结", "it cannot end again"));
        Status = InstanceStatus.Completed;
        EndOutcome = outcome;
        CompletedAt = at;
    }

    /// <summary>
    /// Refuses a migration to <paramref name="toVersion"/> the case cannot take: an ended case (409), no version given
    /// or one not newer than the case's own (400). Returns the version. A handler asks before its other checks so the
    /// refusals come in the same order as ever.
    /// </summary>
    public int EnsureCanMigrateTo(int? toVersion)
    {
        EnsureRunning(new LocalizedText("只有办理中的案件可以迁移", "only running cases are migrated"));
        var version = toVersion ?? throw new DomainValidationException("toVersion", new LocalizedText("请选择要迁移到的流程版本。", "toVersion is required."));
        return version > DefinitionVersion
            ? version
            : throw new DomainValidationException("toVersion", new LocalizedText($"要迁移到的版本须晚于案件现用的第 {DefinitionVersion} 版。", $"toVersion must be newer than the case's version {DefinitionVersion}."));
    }

    /// <summary>
    /// The case runs on <paramref name="toVersion"/> of its procedure from now on (the state it goes to in that version is
    /// entered through <see cref="Enter"/>).
    /// </summary>
    public void Migrate(int toVersion) => _definitionVersion = EnsureCanMigrateTo(toVersion);

    /// <summary>
    /// One command changed the case: its revision, the concurrency token, moves on once, so a command that read the case
    /// before loses instead of overwriting it.
    /// </summary>
    public void NextRevision() => Revision++;

    private void EnsureRunning(LocalizedText what)
    {
        if (Status != InstanceStatus.Running)
        {
            throw new ConflictException(new LocalizedText($"案件已办结（{EndOutcome}），{what.Zh}。", $"The case has ended ({EndOutcome}); {what.En}."));
        }
    }
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
/// date, warning and breach instants and the article that sets the deadline. It changes only through its transitions:
/// open → claimed (<see cref="Claim"/>, <see cref="AssignTo"/>) → open again (<see cref="Release"/>) or completed
/// (<see cref="Complete"/>); open or claimed → cancelled when the case moves on (<see cref="Cancel"/>). Each refuses
/// what the task's status does not allow with the message the officer sees (409); completed and cancelled are final.
/// </summary>
public sealed class HumanTask
{
    private DateOnly _dueOn;
    private DateTimeOffset _dueAt;
    private DateTimeOffset _warnAt;
    private int? _provisionalYear;

    public Guid Id { get; init; }

    public HumanTaskKind Kind { get; init; }

    public Guid InstanceId { get; init; }

    public Guid CaseId { get; init; }

    public string Procedure { get; init; } = "";

    public string State { get; init; } = "";

    public string TitleZh { get; init; } = "";

    public string TitleEn { get; init; } = "";

    public string Role { get; init; } = "";

    public string CityCode { get; init; } = "";

    public string Party { get; init; } = "";

    public string? Assignee { get; private set; }

    /// <summary>Open when created; the concurrency token of two officers acting on the task at once.</summary>
    public HumanTaskStatus Status { get; private set; }

    /// <summary>0 low, 1 normal, 2 high, 3 urgent: sorts the inbox.</summary>
    public int Priority { get; init; }

    /// <summary>The last day (Asia/Shanghai) on which the task is on time.</summary>
    public DateOnly DueOn { get => _dueOn; init => _dueOn = value; }

    /// <summary>24:00 of <see cref="DueOn"/> in Asia/Shanghai, as UTC: the breach instant.</summary>
    public DateTimeOffset DueAt { get => _dueAt; init => _dueAt = value; }

    public DateTimeOffset WarnAt { get => _warnAt; init => _warnAt = value; }

    public string Basis { get; init; } = "";

    /// <summary>
    /// Whether the deadline is the regulation's (a breach is a legal failure) or the agency's own target (a service
    /// failure); null for a task of a version older than the distinction.
    /// </summary>
    public ClockSource? ClockSource { get; init; }

    /// <summary>How the deadline counts: "workingDays", "calendarDays" or "months", with the amount.</summary>
    public string DueRule { get; init; } = "";

    /// <summary>The latest year without the State Council's notice that the deadline was counted over (shown as 暂定), or null.</summary>
    public int? ProvisionalYear { get => _provisionalYear; init => _provisionalYear = value; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? CompletedBy { get; private set; }

    public string? Outcome { get; private set; }

    public bool Breached { get; private set; }

    /// <summary>Whether someone may still act on it: open or claimed.</summary>
    public bool IsActive => Status is HumanTaskStatus.Open or HumanTaskStatus.Claimed;

    /// <summary>The status as the officer reads it in a refusal ("claimed by …", "completed by … (outcome)").</summary>
    public string Describe() => DescribeText().En;

    /// <summary>Where the task stands, in both languages, for a refusal that says why it cannot be acted on.</summary>
    public LocalizedText DescribeText() => Status switch
    {
        HumanTaskStatus.Claimed => new($"已由 {Assignee} 认领", $"claimed by {Assignee}"),
        HumanTaskStatus.Completed => new($"已由 {CompletedBy} 办理完毕（{Outcome}）", $"completed by {CompletedBy} ({Outcome})"),
        HumanTaskStatus.Cancelled => new("已取消（案件已进入其他环节）", "cancelled (the case moved on)"),
        _ => new("待认领", "open"),
    };

    /// <summary>Refuses a claim by <paramref name="user"/> unless the task is open.</summary>
    public void EnsureCanClaim(string user)
    {
        if (Status != HumanTaskStatus.Open)
        {
            throw new ConflictException(Assignee == user ? new LocalizedText("您已认领此任务。", "You have already claimed this task.") : new LocalizedText($"此任务已不在待认领状态：{DescribeText().Zh}。", $"This task is no longer open: it is {Describe()}."));
        }
    }

    /// <summary><paramref name="user"/> takes the open task into their own inbox.</summary>
    public void Claim(string user, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        EnsureCanClaim(user);
        Status = HumanTaskStatus.Claimed;
        Assignee = user;
        ClaimedAt = at;
    }

    /// <summary>Refuses a release by <paramref name="user"/> unless the task is claimed, by them or (for a supervisor) by anyone.</summary>
    public void EnsureCanRelease(string user, bool supervisor)
    {
        if (Status != HumanTaskStatus.Claimed || (Assignee != user && !supervisor))
        {
            throw new ConflictException(new LocalizedText($"只有认领人或主管可以取消认领此任务；此任务{DescribeText().Zh}。", $"Only the assignee or a supervisor can release this task; it is {Describe()}."));
        }
    }

    /// <summary>The claimed task goes back to the role's pool.</summary>
    public void Release(string user, bool supervisor)
    {
        EnsureCanRelease(user, supervisor);
        Status = HumanTaskStatus.Open;
        Assignee = null;
        ClaimedAt = null;
    }

    /// <summary>Refuses a reassignment of a task that is completed or cancelled.</summary>
    public void EnsureCanAssign()
    {
        if (!IsActive)
        {
            throw new ConflictException(new LocalizedText($"此任务{DescribeText().Zh}，不能改派。", $"This task is {Describe()} and cannot be reassigned."));
        }
    }

    /// <summary>A supervisor gives the open or claimed task to <paramref name="user"/>, who holds it from <paramref name="at"/>.</summary>
    public void AssignTo(string user, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        EnsureCanAssign();
        Status = HumanTaskStatus.Claimed;
        Assignee = user;
        ClaimedAt = at;
    }

    /// <summary>Refuses a completion by <paramref name="user"/> of a task that is finished or claimed by someone else.</summary>
    public void EnsureCanComplete(string user)
    {
        if (!IsActive || (Status == HumanTaskStatus.Claimed && Assignee != user))
        {
            throw new ConflictException(new LocalizedText($"此任务{DescribeText().Zh}，您的办理未生效。", $"This task is {Describe()}; your completion was not applied."));
        }
    }

    /// <summary>
    /// <paramref name="user"/> completes the task with <paramref name="outcome"/>; an open task completed without a claim
    /// is recorded as claimed by them at the same instant.
    /// </summary>
    public void Complete(string user, string outcome, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        EnsureCanComplete(user);
        Status = HumanTaskStatus.Completed;
        Assignee ??= user;
        ClaimedAt ??= at;
        CompletedAt = at;
        CompletedBy = user;
        Outcome = outcome;
    }

    /// <summary>The case left the task's state (or moved to another version): nobody does the task any more.</summary>
    public void Cancel(DateTimeOffset at)
    {
        if (!IsActive)
        {
            throw new ConflictException(new LocalizedText($"此任务{DescribeText().Zh}，不能取消。", $"This task is {Describe()} and cannot be cancelled."));
        }

        Status = HumanTaskStatus.Cancelled;
        CompletedAt = at;
    }

    /// <summary>Its deadline passed while it was open or claimed: it counts as breached (the escalation is raised once).</summary>
    public void MarkBreached()
    {
        if (!IsActive)
        {
            throw new ConflictException(new LocalizedText($"此任务{DescribeText().Zh}，办理期限不再计算。", $"This task is {Describe()}; its deadline no longer runs."));
        }

        Breached = true;
    }

    /// <summary>
    /// A calendar change moves the deadline of a task still running and not yet breached: its last day, breach and warning
    /// instants, and whether it is counted over a provisional year.
    /// </summary>
    public void MoveDeadline(DateOnly dueOn, DateTimeOffset dueAt, DateTimeOffset warnAt, int? provisionalYear)
    {
        EnsureDeadlineRuns();
        _dueOn = dueOn;
        _dueAt = dueAt;
        _warnAt = warnAt;
        _provisionalYear = provisionalYear;
    }

    /// <summary>
    /// The deadline's date stands but whether it is provisional changes: the year's State Council notice was imported
    /// (null: official now) or a year it was counted over became provisional.
    /// </summary>
    public void Relabel(int? provisionalYear)
    {
        EnsureDeadlineRuns();
        _provisionalYear = provisionalYear;
    }

    private void EnsureDeadlineRuns()
    {
        if (!IsActive || Breached)
        {
            throw new ConflictException(new LocalizedText($"此任务{(Breached ? "已超过办理期限" : DescribeText().Zh)}，办理期限不再调整。", $"This task is {(Breached ? "past its deadline" : Describe())}; its deadline no longer moves."));
        }
    }
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

    /// <summary>Whether the regulation or the agency sets the date; null for a timer of a version older than the distinction.</summary>
    public ClockSource? ClockSource { get; set; }

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

    /// <summary>The breached deadline's source: a statutory breach is a legal failure, an agency one a service failure.</summary>
    public ClockSource? ClockSource { get; set; }

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
