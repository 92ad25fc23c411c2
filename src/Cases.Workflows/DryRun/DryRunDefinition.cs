using Cases.Domain.Parties;
using Cases.Workflows.Instances;
using Cases.Workflows.Publishing;
using Cases.Workflows.Runtime;

namespace Cases.Workflows.DryRun;

/// <summary>The sample case: the day it is opened and its start data.</summary>
public sealed record DryRunStart(DateOnly? On, JsonObject? Data);

/// <summary>
/// One input of the timeline, played at 09:00 (Asia/Shanghai) of its day after every clock due before then has fired:
/// a task completed with an outcome (<see cref="Task"/>), an external event (<see cref="Event"/>), or neither — only
/// the time passing. <see cref="By"/> names who acts, to try separation of duties (第一百一十九条).
/// </summary>
public sealed record DryRunStep(DateOnly? On, string? Task, string? Outcome, string? Event, JsonObject? Data, string? By);

/// <summary>
/// A designer or supervisor plays a version of a procedure (or an unpublished draft) against a sample case on a
/// timeline of dates and inputs, and sees the path taken, every deadline computed with its rule and basis, the
/// reminders, notifications and escalations, and where it stopped or which input was refused. The real handlers,
/// engine, timer firing and working-day calendar run against a throwaway database with their own clock: nothing of
/// the product's data changes.
/// </summary>
public sealed record DryRunDefinition(string Key, int? Version, JsonObject? Draft, string? City, DryRunStart? Start, IReadOnlyList<DryRunStep>? Steps, Actor By)
    : IQuery<DryRunReport>;

/// <summary>What led the sample case into a state.</summary>
public enum DryRunArrival
{
    /// <summary>The case was opened in it.</summary>
    Started,

    /// <summary>A task was completed with an outcome (<see cref="DryRunVisit.ViaName"/>).</summary>
    Outcome,

    /// <summary>An external event was recorded (<see cref="DryRunVisit.ViaName"/>).</summary>
    Event,

    /// <summary>A clock ran out.</summary>
    Timer,

    /// <summary>A decision took a branch (<see cref="DryRunVisit.ViaName"/>: the branch's guard, or "otherwise").</summary>
    Branch,

    /// <summary>An action state went on to its next state.</summary>
    Next,

    /// <summary>The case was migrated to another version.</summary>
    Migrated,
}

/// <summary>A state the sample case entered, when, and what led there (<see cref="Via"/>; for an outcome, event or branch its name).</summary>
public sealed record DryRunVisit(string State, string Kind, string TitleZh, string TitleEn, DateTimeOffset At, DateOnly On, DryRunArrival Via, string? ViaName = null);

/// <summary>What became of one input: played, refused or not played (after a refusal nothing more is played).</summary>
public sealed record DryRunInput(int Step, DateOnly On, string Input, string Result, string? StateAfter);

/// <summary>
/// A human task the run opened, with its deadline, how it was counted and its basis, and how it ended;
/// <c>ProvisionalYear</c>: the deadline was counted over a year without the State Council's notice (暂定).
/// </summary>
public sealed record DryRunTask(string State, string TitleZh, string TitleEn, string Role, DateOnly OpenedOn, DateOnly DueOn, string Rule, string Basis,
    string Status, string? Outcome, string? CompletedBy, DateOnly? CompletedOn, bool? OnTime, bool Breached, int? ProvisionalYear = null)
{
    public bool Provisional => ProvisionalYear is not null;
}

/// <summary>A clock the run armed (transition, reminder, milestone, task warning or breach) and what became of it; <c>ProvisionalYear</c> as on a task.</summary>
public sealed record DryRunClock(string State, string Kind, DateOnly DueOn, DateTimeOffset DueAt, string Rule, string Basis, string? TargetState,
    string? Template, string? Recipient, string Status, DateTimeOffset? FiredAt, int? ProvisionalYear = null)
{
    public bool Provisional => ProvisionalYear is not null;
}

/// <summary>A notification the run wrote to its outbox (第九十四条), when and to whom.</summary>
public sealed record DryRunNotification(DateTimeOffset At, string Recipient, string Template);

/// <summary>A breached deadline escalated to the city's supervisors.</summary>
public sealed record DryRunEscalation(DateTimeOffset At, string State, DateOnly DueOn, string Basis);

/// <summary>
/// The input the runtime refused, with the exception it threw: the API and the pages turn it into the same
/// ProblemDetails (status, title, message, field) the real runtime answers with.
/// </summary>
public sealed record DryRunRefusal(int Step, DateOnly On, string Input, string Message, [property: System.Text.Json.Serialization.JsonIgnore] Exception Error)
{
    /// <summary>The ProblemDetails the real runtime would answer with; filled in by the host, which owns that mapping.</summary>
    public object? Problem { get; init; }
}

/// <summary>Everything the dry run saw.</summary>
public sealed record DryRunReport(
    string Key, int Version, bool Draft, string City, IReadOnlyList<DryRunInput> Inputs, IReadOnlyList<DryRunVisit> Path,
    IReadOnlyList<DryRunTask> Tasks, IReadOnlyList<DryRunClock> Clocks, IReadOnlyList<DryRunNotification> Notifications,
    IReadOnlyList<DryRunEscalation> Escalations, IReadOnlyList<JournalView> Journal, string State, string Status, string? EndOutcome,
    DateTimeOffset ClockAtEnd, JsonObject Data, DryRunRefusal? Refused);

public sealed class DryRunDefinitionHandler(IWorkflowDb db, WorkflowEngine engine) : IQueryHandler<DryRunDefinition, DryRunReport>
{
    public const int MaxSteps = 100;

    // A timer that re-arms itself ($entered clocks in a loop) must not keep a request busy; no procedure fires this many.
    public const int MaxFirings = 500;

    public async ValueTask<DryRunReport> Handle(DryRunDefinition query, CancellationToken cancellationToken)
    {
        if (!query.By.May(Permission.ReviewDefinitions))
        {
            throw new ForbiddenException(new LocalizedText("只有流程设计人员和主管可以试运行流程定义。", "Only designers and supervisors dry-run definitions."));
        }

        var (start, steps) = Check(query);
        var city = City.Parse(query.City ?? query.By.CityCode ?? "370100").Code;
        var (definition, json, draft) = await DefinitionAsync(query, cancellationToken);

        var years = await db.CalendarYears.AsNoTracking().ToListAsync(cancellationToken);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        await using var sandbox = await DryRunSandbox.CreateAsync(engine, definition, json, years, days, cancellationToken);

        var inputs = new List<DryRunInput>();
        DryRunRefusal? refused = null;
        Guid caseId;
        try
        {
            caseId = await sandbox.StartAsync(definition.Key, city, start.Data, DryRunSandbox.At(start.On!.Value), cancellationToken);
            inputs.Add(new(0, start.On.Value, "start", "played", await sandbox.StateAsync(caseId, cancellationToken)));
        }
        catch (DomainValidationException e)
        {
            // The sample case itself is malformed: there is nothing to play, and the request names the field.
            throw new DomainValidationException("start." + e.Field, e.Text) { Reason = e.Reason };
        }
        catch (Exception e) when (DryRunSandbox.IsRefusal(e))
        {
            var why = e is LocalizedException said ? said.Text : new LocalizedText(e.Message, e.Message);
            throw new DomainRuleException(new LocalizedText($"示例案件未能立案：{why.Zh}", $"The sample case could not be opened: {why.En}"));
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var on = step.On!.Value;
            var number = i + 1;
            var label = Label(step);
            if (refused is not null)
            {
                inputs.Add(new(number, on, label, "not played", null));
                continue;
            }

            try
            {
                await sandbox.AdvanceAsync(DryRunSandbox.At(on), MaxFirings, cancellationToken);
                if (step.Task is { } task)
                {
                    await sandbox.CompleteTaskAsync(caseId, task, step.Outcome, step.Data, step.By, city, cancellationToken);
                }
                else if (step.Event is { } name)
                {
                    await sandbox.RecordEventAsync(caseId, name, step.Data, step.By, city, cancellationToken);
                }

                inputs.Add(new(number, on, label, "played", await sandbox.StateAsync(caseId, cancellationToken)));
            }
            catch (Exception e) when (DryRunSandbox.IsRefusal(e))
            {
                refused = new DryRunRefusal(number, on, label, e.Message, Located(e, number));
                inputs.Add(new(number, on, label, "refused", await sandbox.StateAsync(caseId, cancellationToken)));
            }
        }

        return await sandbox.ReportAsync(definition, draft, city, caseId, inputs, refused, cancellationToken);
    }

    private static (DryRunStart Start, IReadOnlyList<DryRunStep> Steps) Check(DryRunDefinition query)
    {
        var start = query.Start ?? throw new DomainValidationException("start", new LocalizedText("请填写示例案件的立案日期和立案数据。", "start is required: the day the sample case is opened and its start data."));
        if (start.On is not { } opened)
        {
            throw new DomainValidationException("start.on", new LocalizedText("请填写示例案件的立案日期（yyyy-MM-dd）。", "start.on is required (yyyy-MM-dd)."));
        }

        var steps = query.Steps ?? [];
        if (steps.Count > MaxSteps)
        {
            throw new DomainValidationException("steps", new LocalizedText($"一次试运行最多 {MaxSteps} 步。", $"A dry run plays at most {MaxSteps} steps."));
        }

        var previous = opened;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i] ?? throw new DomainValidationException($"steps[{i}]", new LocalizedText($"第 {i + 1} 步为空：每一步至少须有日期。", "A step is an object with at least its date (on)."));
            var at = $"steps[{i}]";
            if (step.On is not { } on)
            {
                throw new DomainValidationException($"{at}.on", new LocalizedText($"第 {i + 1} 步须填写日期（yyyy-MM-dd）。", "Every step has its date (on, yyyy-MM-dd)."));
            }

            if (on < previous)
            {
                throw new DomainValidationException($"{at}.on", new LocalizedText($"各步须按日期先后排列：第 {i + 1} 步的 {Clocks.Format(on)} 早于上一步的 {Clocks.Format(previous)}。", $"Steps are played in date order: {Clocks.Format(on)} comes before {Clocks.Format(previous)}."));
            }

            if (on > opened.AddYears(10))
            {
                throw new DomainValidationException($"{at}.on", new LocalizedText("试运行最长覆盖立案后十年。", "A dry run covers at most ten years from the start."));
            }

            if (step.Task is not null && step.Event is not null)
            {
                throw new DomainValidationException(at, new LocalizedText($"第 {i + 1} 步只能办理一项任务或登记一个事项，不能两者兼有。", "A step completes a task or records an event, not both."));
            }

            if (step.Task is not null && string.IsNullOrWhiteSpace(step.Outcome))
            {
                throw new DomainValidationException($"{at}.outcome", new LocalizedText($"第 {i + 1} 步须选择任务的办理结果。", "A task step names the outcome it is completed with."));
            }

            if (step.Task is null && step.Outcome is not null)
            {
                throw new DomainValidationException($"{at}.task", new LocalizedText($"第 {i + 1} 步选择了办理结果，请同时选择所办理的任务。", "An outcome belongs to a task: name the task (its state)."));
            }

            CheckName(step.Task, $"{at}.task");
            CheckName(step.Event, $"{at}.event");
            CheckName(step.Outcome, $"{at}.outcome");
            CheckName(step.By, $"{at}.by");
            previous = on;
        }

        return (start, steps);
    }

    private static void CheckName(string? value, string field)
    {
        if (value is not null && (value.Length is 0 or > 64 || value.Any(char.IsControl)))
        {
            throw new DomainValidationException(field, new LocalizedText("名称须为 1 至 64 个字符，且不含控制字符。", $"{field} is a name of 1 to 64 characters without control characters."));
        }
    }

    private async Task<(WorkflowDefinition Definition, string Json, bool Draft)> DefinitionAsync(DryRunDefinition query, CancellationToken ct)
    {
        var published = await db.Definitions.AsNoTracking().Where(d => d.Key == query.Key).Select(d => d.Version).ToListAsync(ct);
        if (published.Count == 0)
        {
            throw new NotFoundException(new LocalizedText($"没有名为“{query.Key}”的业务流程。", $"There is no procedure '{query.Key}'."));
        }

        if (query.Draft is { } draft)
        {
            // A draft runs as the version it would be published as; the validator refuses it exactly as publishing would.
            var version = published.Max() + 1;
            draft = (JsonObject)draft.DeepClone();
            draft["version"] = version;
            var json = draft.ToJsonString(CaseData.Storage);
            var (definition, errors) = new DefinitionValidator(engine.Actions).Validate(json, "draft");
            if (errors.Count == 0 && definition!.Key != query.Key)
            {
                errors = [new DefinitionError("draft", "$.key", "key-version", new LocalizedText($"草稿的 key“{definition.Key}”与地址中的“{query.Key}”不一致。", $"The draft's key '{definition.Key}' is not the key in the address, '{query.Key}'."))];
            }

            return errors.Count > 0 ? throw new DefinitionInvalidException(errors) : (definition!, json, true);
        }

        // Left out: the version in use (a pending one is played only when asked for, e.g. by its approver).
        var wanted = query.Version ?? await DefinitionStore.InForceVersionAsync(db, query.Key, ct) ?? published.Max();
        if (!published.Contains(wanted))
        {
            throw new DomainValidationException("version", new LocalizedText($"业务流程“{query.Key}”没有第 {wanted} 版；现有版本：{string.Join("、", published.Order())}。", $"Procedure {query.Key} has no version {wanted}; it has {string.Join(", ", published.Order())}."));
        }

        var stored = await db.Definitions.AsNoTracking().Where(d => d.Key == query.Key && d.Version == wanted).Select(d => d.Json).SingleAsync(ct);
        return (DefinitionStore.Parse(stored), stored, false);
    }

    private static string Label(DryRunStep step) =>
        step.Task is { } task ? $"task {task} → {step.Outcome}" : step.Event is { } name ? $"event {name}" : "advance";

    // A field the runtime names ("data.receivedOn", "outcome") is located in the timeline ("steps[2].data.receivedOn").
    private static Exception Located(Exception e, int number) =>
        e is DomainValidationException v ? new DomainValidationException($"steps[{number - 1}].{v.Field}", v.Text) { Reason = v.Reason } : e;
}
