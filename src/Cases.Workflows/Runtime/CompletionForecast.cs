using Cases.Domain.Calendar;

namespace Cases.Workflows.Runtime;

/// <summary>A date a state's <c>set</c> computes when the completion enters it (e.g. objectionDeadline, 第二十二条).</summary>
public sealed record ForecastDate(string State, string Field, ComputedClock Date);

/// <summary>
/// A wait the completion enters whose timer is already due: the timer fires as soon as the completion commits (a timer
/// due in the past is scheduled at once), so the window it closes is closed before anyone can act in it.
/// </summary>
/// <param name="State">The wait state (e.g. the objection window).</param>
/// <param name="Due">Its timer's last day, as the runtime counted it.</param>
/// <param name="To">The state the timer leads to.</param>
public sealed record ClosedAtOnce(string State, ComputedClock Due, string To);

/// <summary>
/// What completing a task with an outcome would do, decided by the runtime's own code without writing anything: the
/// outcome's target, the dates entering it sets, the windows its timers close at once, the state the case comes to
/// rest in, and the effects the host's actions plan on the way (a ledger posting …), for the host to read.
/// </summary>
/// <param name="Target">The outcome's target state.</param>
/// <param name="Rests">The state the case comes to rest in: a task, a wait whose timer is not due, or an end.</param>
/// <param name="Dates">The dates the states entered set, in order (the target's first).</param>
/// <param name="Closed">The waits entered whose timers are already due, in the order they would fire.</param>
/// <param name="Effects">What the host's actions plan on the way (e.g. a ledger posting), as the completion would write them.</param>
public sealed record CompletionForecast(string Target, string Rests, IReadOnlyList<ForecastDate> Dates, IReadOnlyList<ClosedAtOnce> Closed, IReadOnlyList<IProgressEffect> Effects)
{
    /// <summary>
    /// Follows a completion's progress (already moved to the outcome's target by <see cref="WorkflowEngine.Transition"/>)
    /// through the timers that would fire at once: a wait's transition timer is due when its instant has passed
    /// (<c>DueAt &lt;= now</c>, the condition <see cref="Timers.TimerFiring"/> claims by), unless it is held for a
    /// supervisor because its last day lies in a provisional year (<see cref="ExpiryConfirmation"/>). The engine then
    /// moves the progress on as the timer's firing would, through decisions and actions, until it rests.
    /// </summary>
    public static CompletionForecast Follow(WorkflowEngine engine, WorkflowDefinition definition, Progress progress, string target, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(target);
        var dates = progress.Timers.Where(t => t.Kind == TimerKind.Milestone && t.Template is not null)
            .Select(t => new ForecastDate(t.State, t.Template!, t.Due)).ToList();
        var closed = new List<ClosedAtOnce>();
        // A definition whose due timers lead back into due waits must not hang a page: no procedure chains this many.
        for (var step = 0; step < 8; step++)
        {
            var timer = progress.Timers.LastOrDefault(t => t.Kind == TimerKind.Transition && t.State == progress.State);
            if (timer is null || progress.EndOutcome is not null || timer.Due.DueAt > now || timer.TargetState is null
                || (timer.Due.ProvisionalYear is int year && calendar.IsProvisional(year)))
            {
                break;
            }

            closed.Add(new ClosedAtOnce(progress.State, timer.Due, timer.TargetState));
            try
            {
                engine.Transition(definition, progress, timer.TargetState, now, calendar);
            }
            catch (Exception e) when (e is DomainRuleException or DomainValidationException)
            {
                // What follows the timer refuses on this data (an action lacks a field): the window still closes; the
                // forecast says where the timer leads and no further.
                return new CompletionForecast(target, timer.TargetState, dates, closed, [.. progress.Effects]);
            }
        }

        return new CompletionForecast(target, progress.State, dates, closed, [.. progress.Effects]);
    }
}
