using Cases.Domain.Calendar;

namespace Cases.Workflows.Runtime;

/// <summary>
/// A wait state's timer that would close a party's window or end a right (第二十二条's objection window, a rehabilitation
/// period under 第四十四条, a project's insurance term under 第九条, a lapse after missing materials under 第十五条) on a date
/// counted over a year whose State Council holiday notice is not loaded yet does not move the case by itself: the notice
/// may yet make that day a holiday, and 民法典 第二百零三条 would then end the period later. A supervisor of the case's city
/// confirms the expiry (the case moves on as the timer would have moved it, journaled with who confirmed) or extends the
/// period to a date (a new timer, and the dates the state set to the old end move with it). Pure: it plans; the
/// caller writes.
/// </summary>
public static class ExpiryConfirmation
{
    /// <summary>The outcome that lets the period end: the case moves on as the timer would have moved it.</summary>
    public const string Confirm = "confirm";

    /// <summary>The outcome that extends the period to <see cref="ExtendTo"/>.</summary>
    public const string Extend = "extend";

    /// <summary>The date field of the <see cref="Extend"/> outcome: the period's new last day.</summary>
    public const string ExtendTo = "extendTo";

    /// <summary>The role that decides: the case's city's supervisor (规程 第一百一十九条 keeps it away from the officer).</summary>
    public const string Role = Cases.Domain.Staff.Roles.Supervisor;

    public static readonly LocalizedText Title = new("确认期限届满（暂定日历）", "Confirm the period has ended (provisional calendar)");

    /// <summary>The fields of the confirmation's form: only the extension's date; nothing goes into the case data.</summary>
    public static readonly IReadOnlyDictionary<string, FieldSpec> Fields = new Dictionary<string, FieldSpec>(StringComparer.Ordinal)
    {
        [ExtendTo] = new() { Type = "date", Label = new("延长至（含当日）", "Extend to (the last day included)") },
    };

    /// <summary>
    /// The confirmation task as a task state, for forms and pages: confirm leads where the wait's timer leads, extend stays
    /// in the wait (with its new date required).
    /// </summary>
    public static StateSpec Spec(WorkflowDefinition definition, string waitState)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var wait = definition.States[waitState];
        return new StateSpec
        {
            Kind = StateKind.Task,
            Title = Title,
            Role = Role,
            Priority = "high",
            Outcomes = new Dictionary<string, OutcomeSpec>(StringComparer.Ordinal)
            {
                [Confirm] = new() { To = wait.Timer?.To ?? waitState, Label = new("确认期限届满", "Confirm the period has ended") },
                [Extend] = new()
                {
                    To = waitState,
                    Label = new("延长期限", "Extend the period"),
                    Requires = [new FieldRef { Field = ExtendTo, Required = true }],
                },
            },
        };
    }

    /// <summary>
    /// Holds a due transition timer: plans the supervisor's task, due 1 working day after today (its own warning and breach
    /// clocks like any task), the journal entry and the supervisors' notification. The instance stays where it is.
    /// </summary>
    public static void Hold(Progress progress, WorkflowDefinition definition, WorkflowTimer timer, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(timer);
        var today = ChinaTime.DateOf(now);
        var due = Clocks.Compute(new ClockSpec { After = Clocks.Entered, WorkingDays = 1, Basis = timer.Basis }, progress.Data, today, calendar);
        var warnAt = Clocks.Share(now, due.DueAt, 0.5m);
        progress.Tasks.Add(new TaskPlan(timer.State, Spec(definition, timer.State), due, warnAt, WorkflowEngine.PriorityOf("high"), HumanTaskKind.ExpiryConfirmation));
        progress.Timers.Add(new TimerPlan(timer.State, TimerKind.TaskWarning, due with { DueAt = warnAt }, null, null, null));
        progress.Timers.Add(new TimerPlan(timer.State, TimerKind.TaskBreach, due, null, null, null));
        var info = new JsonObject
        {
            ["timer"] = timer.Id.ToString(),
            [JournalFields.DueOn] = Clocks.Format(timer.DueOn),
            ["basis"] = timer.Basis,
            ["rule"] = timer.Rule,
            ["to"] = timer.TargetState,
            ["provisionalYear"] = timer.ProvisionalYear,
        };
        progress.Journal.Add(new JournalPlan(JournalActions.ExpiryHeld, timer.State, timer.State, info));
        progress.Outbox.Add(new OutboxPlan($"role:{Role}", "expiry-confirmation", (JsonObject)info.DeepClone()));
    }

    /// <summary>
    /// The supervisor's extension: the new last day (after today and after the held date), the timer that ends the period
    /// then (official: a person set it), and the dates the wait state set to the old last day, moved with it.
    /// </summary>
    public static (ComputedClock Timer, IReadOnlyList<string> MovedFields) PlanExtension(
        Progress progress, WorkflowDefinition definition, WorkflowTimer held, JsonObject? data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(held);
        var extendTo = ExtensionDate(data);
        var today = ChinaTime.DateOf(now);
        if (extendTo <= today || extendTo <= held.DueOn)
        {
            throw new DomainValidationException($"data.{ExtendTo}", new LocalizedText(
                $"新的截止日须晚于今天（{Clocks.Format(today)}），也须晚于原期限届满日（{Clocks.Format(held.DueOn)}）。",
                $"{ExtendTo} must be after today ({Clocks.Format(today)}) and after the period's held end ({Clocks.Format(held.DueOn)})."));
        }

        var moved = new List<string>();
        foreach (var field in definition.States[held.State].Set?.Keys.ToList() ?? [])
        {
            if (progress.Data.GetDate(field) == held.DueOn)
            {
                progress.Data.Set(field, JsonValue.Create(Clocks.Format(extendTo)));
                moved.Add(field);
            }
        }

        var timer = new ComputedClock(extendTo, ChinaTime.EndOf(extendTo), $"extended to {Clocks.Format(extendTo)}", held.Basis);
        progress.Timers.Add(new TimerPlan(held.State, TimerKind.Transition, timer, held.TargetState, null, null));
        return (timer, moved);
    }

    private static DateOnly ExtensionDate(JsonObject? data)
    {
        foreach (var (name, _) in data ?? [])
        {
            if (name != ExtendTo)
            {
                throw new DomainValidationException($"data.{name}", new LocalizedText($"「{name}」不是此步骤可填写的内容（只需填写新的截止日）", $"{name} is not a field of this step (expected: {ExtendTo})"));
            }
        }

        return data?[ExtendTo] is JsonValue v && v.TryGetValue<string>(out var text)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw new DomainValidationException($"data.{ExtendTo}", new LocalizedText("请填写新的截止日（yyyy-MM-dd）。", $"{ExtendTo} is required: the period's new last day (yyyy-MM-dd)."));
    }
}
