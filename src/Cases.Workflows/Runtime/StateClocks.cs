using Cases.Domain.Calendar;

namespace Cases.Workflows.Runtime;

/// <summary>A reminder's clock: when it is sent (the start of its day) and to whom.</summary>
public sealed record ReminderClock(ReminderSpec Reminder, ComputedClock At);

/// <summary>
/// Every clock a state arms when it is entered, as <see cref="WorkflowEngine"/> computes them: the dates it sets into
/// the case data (in order, each visible to the next), a task's deadline and warning instant, a wait's timer and its
/// reminders. Pure: the same definition, data, entry instant and calendar always give the same clocks, which is what
/// lets a calendar change recompute a pending deadline instead of shifting it.
/// </summary>
public static class StateClocks
{
    /// <summary>Computes the dates the state sets and writes each into <paramref name="data"/>.</summary>
    public static List<(string Field, ComputedClock Date)> ApplySets(StateSpec spec, CaseData data, DateOnly enteredOn, WorkingDayCalendar calendar)
    {
        var set = new List<(string, ComputedClock)>();
        foreach (var (field, clock) in spec.Set ?? [])
        {
            var date = Clocks.Compute(clock, data, enteredOn, calendar);
            data.SetComputedDate(field, date.DueOn, date.ProvisionalYear);
            set.Add((field, date));
        }

        return set;
    }

    /// <summary>A task state's deadline and the instant it turns to "warning" (a share of the time from entry to the deadline).</summary>
    public static (ComputedClock Due, DateTimeOffset WarnAt) TaskDeadline(StateSpec spec, CaseData data, DateTimeOffset enteredAt, WorkingDayCalendar calendar)
    {
        var due = Clocks.Compute(spec.Deadline!, data, ChinaTime.DateOf(enteredAt), calendar);
        return (due, Clocks.Share(enteredAt, due.DueAt, spec.WarnAt ?? 0.7m));
    }

    /// <summary>A wait state's timer (null when it has none); due in a provisional year, it is provisional (<see cref="Clocks.ClosingWindow"/>).</summary>
    public static ComputedClock? WaitTimer(StateSpec spec, CaseData data, DateOnly enteredOn, WorkingDayCalendar calendar) =>
        spec.Timer is { } timer ? Clocks.ClosingWindow(Clocks.Compute(timer, data, enteredOn, calendar), calendar) : null;

    /// <summary>A wait state's reminders; each is sent at the start of its day, not at its end.</summary>
    public static List<ReminderClock> Reminders(StateSpec spec, CaseData data, DateOnly enteredOn, WorkingDayCalendar calendar) =>
        (spec.Reminders ?? []).Select(r =>
        {
            var at = Clocks.Compute(r.At, data, enteredOn, calendar);
            return new ReminderClock(r, at with { DueAt = ChinaTime.StartOf(at.DueOn) });
        }).ToList();

    /// <summary>
    /// The clocks of the state an instance waits in, computed again: <paramref name="entered"/> lists the states entered
    /// by the step that reached it (automatic ones first, the current state last), whose dates are set in that order
    /// from <paramref name="data"/> (the case data now; it is not changed).
    /// </summary>
    public static RecomputedClocks Recompute(WorkflowDefinition definition, IReadOnlyList<string> entered, CaseData data, DateTimeOffset enteredAt, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(entered);
        var copy = data.Clone();
        var enteredOn = ChinaTime.DateOf(enteredAt);
        var sets = new List<(string State, string Field, ComputedClock Date)>();
        foreach (var state in entered)
        {
            if (definition.States.TryGetValue(state, out var s))
            {
                sets.AddRange(ApplySets(s, copy, enteredOn, calendar).Select(x => (state, x.Field, x.Date)));
            }
        }

        var spec = definition.States[entered[^1]];
        (ComputedClock Due, DateTimeOffset WarnAt)? task = spec.Kind == StateKind.Task && spec.Deadline is not null ? TaskDeadline(spec, copy, enteredAt, calendar) : null;
        return spec.Kind == StateKind.Wait
            ? new RecomputedClocks(sets, task, WaitTimer(spec, copy, enteredOn, calendar), Reminders(spec, copy, enteredOn, calendar))
            : new RecomputedClocks(sets, task, null, []);
    }
}

/// <summary>What <see cref="StateClocks.Recompute"/> gives: the dates set, the task's deadline, the wait's timer and reminders.</summary>
public sealed record RecomputedClocks(
    IReadOnlyList<(string State, string Field, ComputedClock Date)> Sets,
    (ComputedClock Due, DateTimeOffset WarnAt)? Task,
    ComputedClock? Timer,
    IReadOnlyList<ReminderClock> Reminders);
