using Cases.Domain.Calendar;

namespace Cases.Workflows.Runtime;

/// <summary>A task the progress opens: a step of the definition, or a supervisor's confirmation of an expiry.</summary>
public sealed record TaskPlan(string State, StateSpec Spec, ComputedClock Due, DateTimeOffset WarnAt, int Priority, HumanTaskKind Kind = HumanTaskKind.Step);

/// <summary>A timer the progress arms.</summary>
public sealed record TimerPlan(string State, TimerKind Kind, ComputedClock Due, string? TargetState, string? Template, string? Recipient);

/// <summary>A journal entry the progress writes.</summary>
public sealed record JournalPlan(string Action, string? From, string? To, JsonObject Data);

/// <summary>A notification the progress writes to the outbox.</summary>
public sealed record OutboxPlan(string Recipient, string Template, JsonObject Payload);

/// <summary>
/// What one command does to an instance, decided without touching the database: the state it ends in, the
/// tasks and timers to open and to cancel, the journal entries and the notifications. The handler applies all
/// of it in one transaction.
/// </summary>
public sealed class Progress
{
    public required string FromState { get; init; }

    public required string State { get; set; }

    public required CaseData Data { get; init; }

    /// <summary>The state entered last, for the "$entered" of its clocks.</summary>
    public DateOnly EnteredOn { get; set; }

    public bool Moved { get; set; }

    public List<string> LeftStates { get; } = [];

    public List<TaskPlan> Tasks { get; } = [];

    public List<TimerPlan> Timers { get; } = [];

    public List<JournalPlan> Journal { get; } = [];

    public List<OutboxPlan> Outbox { get; } = [];

    /// <summary>
    /// What the host's actions planned beyond the runtime's own rows (e.g. a ledger posting of 第九十、九十三条), written by
    /// the host's <see cref="IProgressEffectWriter"/>s in the same transaction as everything else.
    /// </summary>
    public List<IProgressEffect> Effects { get; } = [];

    public string? EndOutcome { get; set; }
}

/// <summary>Something an action plans that the host writes in the command's unit of work (see <see cref="IProgressEffectWriter"/>).</summary>
#pragma warning disable CA1040 // A marker: the runtime carries effects it does not know, the host's writers pick their own.
public interface IProgressEffect;
#pragma warning restore CA1040

/// <summary>
/// Writes the effects of one kind that the host's actions planned (<see cref="Progress.Effects"/>), in the unit of work
/// of the command that planned them; it may refuse the whole command (a rule exception) before anything is saved.
/// </summary>
public interface IProgressEffectWriter
{
    Task WriteAsync(ProgressEffects effects, CancellationToken ct);
}

/// <summary>The effects of one application of a progress, with the case and instance they belong to.</summary>
public sealed record ProgressEffects(CaseRecord Case, WorkflowInstance Instance, IReadOnlyList<IProgressEffect> Effects, string Actor, DateTimeOffset Now);

/// <summary>A registered domain action a definition's action state can run (e.g. compute an amount, post to a ledger).</summary>
public interface IWorkflowAction : IActionContract
{
    /// <summary>Runs the action on the progress: it may change case data, write notifications and journal what it did.</summary>
    void Run(ActionContext context);
}

public sealed record ActionContext(Progress Progress, WorkflowDefinition Definition, string State, IReadOnlyDictionary<string, string> Parameters, DateTimeOffset Now);

/// <summary>
/// The state machine's semantics, as pure functions: entering a state opens its task, arms its timers and
/// reminders, follows decisions and actions automatically, and stops at a task, a wait or an end.
/// </summary>
public sealed class WorkflowEngine(IEnumerable<IWorkflowAction> actions)
{
    // A decision loop in a definition must not hang a command; no real procedure takes this many automatic steps.
    private const int MaxAutomaticSteps = 64;

    private readonly Dictionary<string, IWorkflowAction> _actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The actions registered in this installation, for the validator: definitions may name these and no other.</summary>
    public IReadOnlyCollection<IActionContract> Actions => _actions.Values;

    public Progress Start(WorkflowDefinition definition, CaseData data, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        var progress = new Progress { FromState = "", State = definition.Initial, Data = data, EnteredOn = ChinaTime.DateOf(now) };
        progress.Journal.Add(new JournalPlan(JournalActions.Started, null, definition.Initial, new JsonObject { [JournalFields.Data] = data.AsJson(), [JournalFields.Version] = definition.Version }));
        Enter(definition, progress, definition.Initial, now, calendar, 0);
        return progress;
    }

    /// <summary>Moves from the current state to <paramref name="target"/> and runs everything that follows automatically.</summary>
    public void Transition(WorkflowDefinition definition, Progress progress, string target, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        progress.LeftStates.Add(progress.State);
        progress.Moved = true;
        Enter(definition, progress, target, now, calendar, 0);
    }

    private void Enter(WorkflowDefinition definition, Progress progress, string name, DateTimeOffset now, WorkingDayCalendar calendar, int depth)
    {
        if (depth > MaxAutomaticSteps)
        {
            throw new DomainRuleException(new LocalizedText($"流程定义“{definition.Key}”第 {definition.Version} 版在自动环节之间循环，未能到达办理、等待或办结环节，请联系流程设计人员。", $"Definition {definition.Key} v{definition.Version} loops through automatic states without reaching a task, a wait or an end."));
        }

        var spec = definition.States[name];
        var from = progress.State;
        progress.State = name;
        progress.EnteredOn = ChinaTime.DateOf(now);
        if (depth > 0 || progress.Moved)
        {
            progress.Journal.Add(new JournalPlan(JournalActions.Entered, from, name, []));
        }

        foreach (var (field, date) in StateClocks.ApplySets(spec, progress.Data, progress.EnteredOn, calendar))
        {
            progress.Timers.Add(new TimerPlan(name, TimerKind.Milestone, date, null, field, null));
        }

        foreach (var notify in spec.OnEnter ?? [])
        {
            progress.Outbox.Add(new OutboxPlan(notify.To, notify.Template, NotificationPayload.With(new JsonObject { ["state"] = name }, progress.Data, notify.Fields)));
        }

        switch (spec.Kind)
        {
            case StateKind.Task:
                var (due, warnAt) = StateClocks.TaskDeadline(spec, progress.Data, now, calendar);
                progress.Tasks.Add(new TaskPlan(name, spec, due, warnAt, PriorityOf(spec.Priority)));
                progress.Timers.Add(new TimerPlan(name, TimerKind.TaskWarning, due with { DueAt = warnAt }, null, null, null));
                progress.Timers.Add(new TimerPlan(name, TimerKind.TaskBreach, due, null, null, null));
                break;
            case StateKind.Wait:
                if (StateClocks.WaitTimer(spec, progress.Data, progress.EnteredOn, calendar) is { } timer)
                {
                    progress.Timers.Add(new TimerPlan(name, TimerKind.Transition, timer, spec.Timer!.To, null, null));
                }

                foreach (var (reminder, at) in StateClocks.Reminders(spec, progress.Data, progress.EnteredOn, calendar))
                {
                    progress.Timers.Add(new TimerPlan(name, TimerKind.Reminder, at, null, reminder.Notify.Template, reminder.Notify.To));
                }

                break;
            case StateKind.Decision:
                var extras = Materials.GuardExtras(definition, progress.Data, now);
                // The journal names the guard that held (or "otherwise"), not merely one leading to the same state: an
                // auditor reads from it why the case went where it did.
                var taken = spec.Branches!.FirstOrDefault(b => Guards.Evaluate(b.When, progress.Data, definition.Data, extras));
                var target = taken?.To ?? spec.Otherwise!;
                progress.Journal.Add(new JournalPlan(JournalActions.Decided, name, target, new JsonObject { [JournalFields.Branch] = taken?.When ?? "otherwise" }));
                progress.LeftStates.Add(name);
                Enter(definition, progress, target, now, calendar, depth + 1);
                break;
            case StateKind.Action:
                var action = _actions.TryGetValue(spec.Action!, out var a)
                    ? a
                    : throw new DomainRuleException(new LocalizedText($"本系统版本未提供自动操作“{spec.Action}”，请联系流程设计人员。", $"Action {spec.Action} is not registered in this version of the product."));
                action.Run(new ActionContext(progress, definition, name, spec.Parameters ?? [], now));
                progress.LeftStates.Add(name);
                Enter(definition, progress, spec.To!, now, calendar, depth + 1);
                break;
            case StateKind.End:
                progress.EndOutcome = spec.Outcome ?? name;
                progress.Journal.Add(new JournalPlan(JournalActions.Ended, name, name, new JsonObject { [JournalFields.Outcome] = progress.EndOutcome }));
                break;
            default:
                throw new InvalidOperationException($"Unknown state kind {spec.Kind}.");
        }
    }

    public static int PriorityOf(string? priority) => priority switch
    {
        "low" => 0,
        "high" => 2,
        "urgent" => 3,
        _ => 1,
    };
}
