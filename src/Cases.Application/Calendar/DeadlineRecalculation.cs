using System.Text.Json.Nodes;
using Cases.Domain.Calendar;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;

namespace Cases.Application.Calendar;

/// <summary>Which clock of a case a calendar change moves.</summary>
public enum MovedClock
{
    /// <summary>A human task's deadline (its warning instant and breach timer move with it).</summary>
    Task,

    /// <summary>A wait state's deadline: when it passes, the case moves on.</summary>
    Transition,

    /// <summary>A reminder sent on the morning of its day.</summary>
    Reminder,

    /// <summary>A date the state set into the case data (e.g. objectionDeadline), which rules and timers read.</summary>
    Milestone,
}

/// <summary>
/// One pending deadline a calendar change moves: which case, which clock, on what basis, from which day to which, and
/// whether the new date is still provisional (<c>ProvisionalYear</c>: counted over a year without the State Council's
/// notice). A deadline whose date stands but stops being provisional (its year's notice imported) has <c>From == To</c>.
/// </summary>
public sealed record MovedDeadline(
    Guid CaseId, string Procedure, string City, string Party, string State, string StateTitle, MovedClock Clock, string? Field,
    string Basis, string Rule, DateOnly From, DateOnly To, bool Overdue, int? ProvisionalYear = null, LocalizedText? CountsFrom = null);

/// <summary>
/// Recomputes every pending deadline (open tasks, pending timers, and the dates a state set that they read) under a
/// proposed calendar, from each instance's definition version, its case data and the day its state was entered — the
/// engine's own computation, not a shift of the stored dates. With <c>apply</c> it also changes the rows, journals each
/// move in the case's hash-chained journal (规程 第一百二十条) and returns the timers to schedule once committed; the
/// caller saves, so the calendar change and the moves commit in one transaction.
/// </summary>
public sealed class DeadlineRecalculation(CasesDb db, DefinitionStore definitions, ProgressWriter writer, TimeProvider clock)
{
    /// <summary>
    /// The label of the date a clock's rule counts from ("10 working days from noticeReceivedOn" → 「通知送达日期」), so the
    /// preview can say the rule in words; the day the state was entered is named as such; null for a field without a label.
    /// </summary>
    private static LocalizedText? CountsFrom(Cases.Workflows.Definitions.WorkflowDefinition definition, string rule)
    {
        var field = rule[(rule.LastIndexOf(' ') + 1)..];
        if (field == Clocks.Entered)
        {
            return new LocalizedText("进入本环节之日", "the day the step began");
        }

        return definition.Data.TryGetValue(field, out var spec) ? spec.Label : null;
    }

    // Bounded IN lists: SQL Server takes at most 2,100 parameters and SQLite's default is 32,766.
    private const int Chunk = 500;

    /// <remarks><c>Settled</c>: provisional deadlines whose dates stand and that the change makes official.</remarks>
    public sealed record Result(IReadOnlyList<MovedDeadline> Moved, IReadOnlyList<WorkflowTimer> TimersToSchedule, int InstancesChecked, IReadOnlyList<MovedDeadline> Settled);

    public async Task<Result> RunAsync(WorkingDayCalendar current, WorkingDayCalendar proposed, JsonObject? cause, string? actor, CancellationToken ct)
    {
        var apply = actor is not null;
        var now = clock.GetUtcNow();
        // Only what is still ahead: a deadline that has passed has been breached or fired (or is about to be), and stays history.
        var tasks = apply ? db.Tasks.AsTracking() : db.Tasks.AsNoTracking();
        var timers = apply ? db.Timers.AsTracking() : db.Timers.AsNoTracking();
        var openTasks = await tasks.Where(t => (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed) && !t.Breached && t.DueAt > now).ToListAsync(ct);
        var pendingTimers = await timers.Where(t => t.Status == TimerStatus.Pending && t.DueAt > now).ToListAsync(ct);
        var ids = openTasks.Select(t => t.InstanceId).Concat(pendingTimers.Select(t => t.InstanceId)).Distinct().ToList();

        var moved = new List<MovedDeadline>();
        var settled = new List<MovedDeadline>();
        var reschedule = new List<WorkflowTimer>();
        var tasksOf = openTasks.ToLookup(t => t.InstanceId);
        var timersOf = pendingTimers.ToLookup(t => t.InstanceId);
        var allTimersOf = pendingTimers.Where(t => t.TaskId is not null).ToLookup(t => t.TaskId!.Value);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var instances = apply ? db.Instances.AsTracking() : db.Instances.AsNoTracking();
            var loaded = await instances.Where(i => chunk.Contains(i.Id) && i.Status == InstanceStatus.Running).ToListAsync(ct);
            var caseIds = loaded.Select(i => i.CaseId).ToList();
            var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            var entries = (await db.Journal.AsNoTracking()
                    .Where(j => chunk.Contains(j.InstanceId) && (j.Action == JournalActions.Entered || j.Action == JournalActions.Started))
                    .Select(j => new { j.InstanceId, j.Seq, j.At, j.ToState }).ToListAsync(ct))
                .ToLookup(j => j.InstanceId);
            foreach (var instance in loaded)
            {
                // The states the step that reached the current state entered, in order: automatic ones set dates too.
                var entered = entries[instance.Id].Where(j => j.At == instance.StateEnteredAt && j.ToState is not null)
                    .OrderBy(j => j.Seq).Select(j => j.ToState!).ToList();
                if (entered.Count == 0 || entered[^1] != instance.State)
                {
                    entered = [instance.State];
                }

                var definition = await definitions.GetAsync(db, instance.DefinitionKey, instance.DefinitionVersion, ct);
                var data = CaseData.Parse(instance.DataJson);
                var @case = cases[instance.CaseId];
                var before = TryRecompute(definition, entered, data, instance.StateEnteredAt, current);
                RecomputedClocks after;
                try
                {
                    after = StateClocks.Recompute(definition, entered, data, instance.StateEnteredAt, proposed);
                }
                catch (CalendarYearMissingException e)
                {
                    // Said when thrown: the domain's failure carries one string, and this runs in the request's culture.
                    throw new CalendarYearMissingException(e.Year, new LocalizedText(
                        $"此项调整会使案件 {@case.Id}（{@case.Procedure}，{instance.State}）的期限移入 {e.Year} 年，而该年尚无工作日历；请先导入 {e.Year} 年的日历。未作任何更改。",
                        $"The change would move a deadline of case {@case.Id} ({@case.Procedure}, {instance.State}) into {e.Year}, which has no working-day calendar; import {e.Year} first. Nothing was changed.").Current);
                }
                catch (DomainValidationException)
                {
                    // The case lacks a date its clocks need (its data changed since): nothing to recompute from.
                    continue;
                }

                var spec = definition.States[instance.State];
                var stateTitle = spec.Title?.Zh ?? instance.State;
                var moves = new List<(MovedDeadline Move, Action Apply)>();
                var settles = new List<(MovedDeadline Move, Action Apply)>();
                MovedDeadline Move(MovedClock kind, string? field, string basis, string rule, DateOnly from, ComputedClock to) =>
                    new(@case.Id, @case.Procedure, @case.CityCode, Cases.Domain.Privacy.PersonalDataMask.Label(@case.Party, full: false), instance.State, stateTitle, kind, field, basis, rule, from, to.DueOn, to.DueAt <= now, to.ProvisionalYear,
                        CountsFrom(definition, rule));

                // A date that stands but whose provisional mark the change takes away (or gives): relabelled, not moved.
                void Settle(MovedClock kind, string? field, ComputedClock to, int? held, Action relabel)
                {
                    if (held != to.ProvisionalYear)
                    {
                        settles.Add((Move(kind, field, to.Basis, to.Rule, to.DueOn, to), relabel));
                    }
                }

                // Dates the state set: the case data, its typed projection and the milestone timer move together.
                var changedData = false;
                foreach (var (state, field, date) in after.Sets)
                {
                    var old = before?.Sets.Where(s => s.State == state && s.Field == field).Select(s => (DateOnly?)s.Date.DueOn).FirstOrDefault();
                    var milestone = timersOf[instance.Id].FirstOrDefault(t => t.Kind == TimerKind.Milestone && t.Template == field);
                    if (milestone is null)
                    {
                        continue;
                    }

                    if ((old ?? milestone.DueOn) == date.DueOn)
                    {
                        Settle(MovedClock.Milestone, field, date, milestone.ProvisionalYear, () => milestone.ProvisionalYear = date.ProvisionalYear);
                        continue;
                    }

                    moves.Add((Move(MovedClock.Milestone, field, date.Basis, date.Rule, milestone.DueOn, date), () =>
                    {
                        data.Set(field, JsonValue.Create(Clocks.Format(date.DueOn)));
                        changedData = true;
                        Reschedule(milestone, date);
                    }));
                }

                if (after.Task is { } task)
                {
                    var old = before?.Task?.Due.DueOn;
                    // A supervisor's confirmation of a held expiry has its own deadline, not the state's.
                    foreach (var row in tasksOf[instance.Id].Where(t => t.State == instance.State && t.Kind == HumanTaskKind.Step))
                    {
                        if ((old ?? row.DueOn) == task.Due.DueOn)
                        {
                            Settle(MovedClock.Task, null, task.Due, row.ProvisionalYear, () =>
                            {
                                row.Relabel(task.Due.ProvisionalYear);
                                foreach (var timer in allTimersOf[row.Id])
                                {
                                    timer.ProvisionalYear = task.Due.ProvisionalYear;
                                }
                            });
                            continue;
                        }

                        var warnAt = Clocks.Share(row.CreatedAt, task.Due.DueAt, spec.WarnAt ?? 0.7m);
                        moves.Add((Move(MovedClock.Task, null, task.Due.Basis, task.Due.Rule, row.DueOn, task.Due), () =>
                        {
                            row.MoveDeadline(task.Due.DueOn, task.Due.DueAt, warnAt, task.Due.ProvisionalYear);
                            foreach (var timer in allTimersOf[row.Id])
                            {
                                Reschedule(timer, timer.Kind == TimerKind.TaskWarning ? task.Due with { DueAt = warnAt } : task.Due);
                            }
                        }));
                    }
                }

                if (after.Timer is { } deadline
                    && timersOf[instance.Id].FirstOrDefault(t => t.Kind == TimerKind.Transition && t.State == instance.State) is { } transition)
                {
                    if ((before?.Timer?.DueOn ?? transition.DueOn) != deadline.DueOn)
                    {
                        moves.Add((Move(MovedClock.Transition, null, deadline.Basis, deadline.Rule, transition.DueOn, deadline), () => Reschedule(transition, deadline)));
                    }
                    else
                    {
                        Settle(MovedClock.Transition, null, deadline, transition.ProvisionalYear, () => transition.ProvisionalYear = deadline.ProvisionalYear);
                    }
                }

                var unmatched = timersOf[instance.Id].Where(t => t.Kind == TimerKind.Reminder && t.State == instance.State).ToList();
                for (var i = 0; i < after.Reminders.Count; i++)
                {
                    var (reminder, at) = after.Reminders[i];
                    var old = before?.Reminders[i].At.DueOn;
                    var row = unmatched.FirstOrDefault(t => t.Template == reminder.Notify.Template && t.Recipient == reminder.Notify.To && (old is null || t.DueOn == old));
                    if (row is null)
                    {
                        continue;
                    }

                    unmatched.Remove(row);
                    if ((old ?? row.DueOn) != at.DueOn)
                    {
                        moves.Add((Move(MovedClock.Reminder, reminder.Notify.Template, at.Basis, at.Rule, row.DueOn, at), () => Reschedule(row, at)));
                    }
                    else
                    {
                        Settle(MovedClock.Reminder, reminder.Notify.Template, at, row.ProvisionalYear, () => row.ProvisionalYear = at.ProvisionalYear);
                    }
                }

                moved.AddRange(moves.Select(m => m.Move));
                settled.AddRange(settles.Select(m => m.Move));
                if (!apply || moves.Count + settles.Count == 0)
                {
                    continue;
                }

                foreach (var (_, change) in moves.Concat(settles))
                {
                    change();
                }

                if (changedData)
                {
                    instance.ReplaceData(data.ToJson());
                    var fields = moves.Where(m => m.Move.Clock == MovedClock.Milestone).Select(m => m.Move.Field!).ToList();
                    foreach (var value in await db.CaseValues.Where(v => v.CaseId == instance.CaseId && fields.Contains(v.Field)).ToListAsync(ct))
                    {
                        value.Date = data.GetDate(value.Field);
                    }
                }

                // The instance's revision is its concurrency token: a command on the case racing this change loses one side with 409.
                instance.NextRevision();
                await writer.AppendJournalAsync(instance.Id, moves.Select(m => Journal(AgencyJournalActions.DeadlineMoved, m.Move, cause)).Concat(settles.Select(m => Journal(AgencyJournalActions.DeadlineSettled, m.Move, cause))), actor!, now, ct);
            }
        }

        return new Result(moved.OrderBy(m => m.To).ThenBy(m => m.CaseId).ToList(), reschedule, ids.Count, settled.OrderBy(m => m.To).ThenBy(m => m.CaseId).ToList());

        void Reschedule(WorkflowTimer timer, ComputedClock to)
        {
            timer.DueOn = to.DueOn;
            timer.DueAt = to.DueAt;
            timer.ProvisionalYear = to.ProvisionalYear;
            reschedule.Add(timer);
        }
    }

    // The current calendar normally recomputes what is stored; when it cannot (a year since removed, data since
    // changed) the stored dates stand for "before".
    private static RecomputedClocks? TryRecompute(Cases.Workflows.Definitions.WorkflowDefinition definition, List<string> entered, CaseData data, DateTimeOffset enteredAt, WorkingDayCalendar calendar)
    {
        try
        {
            return StateClocks.Recompute(definition, entered, data, enteredAt, calendar);
        }
        catch (Exception e) when (e is CalendarYearMissingException or DomainValidationException)
        {
            return null;
        }
    }

    private static JournalPlan Journal(string action, MovedDeadline move, JsonObject? cause) => new(action, move.State, move.State, new JsonObject
    {
        ["clock"] = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(move.Clock.ToString()),
        ["field"] = move.Field,
        ["basis"] = move.Basis,
        ["rule"] = move.Rule,
        ["from"] = Clocks.Format(move.From),
        ["to"] = Clocks.Format(move.To),
        ["provisionalYear"] = move.ProvisionalYear,
        ["cause"] = cause?.DeepClone(),
    });
}

/// <summary>
/// What an administrator confirms after a preview: the change, its reason and the deadlines it moves, as one hash. The
/// confirmation carries it back, and a change whose moves are no longer those previewed (a case moved on, another
/// administrator changed the calendar) is refused with 409 instead of doing something the administrator did not see.
/// </summary>
public static class CalendarConfirmation
{
    public static string Of(string change, string? reason, IEnumerable<MovedDeadline> moved)
    {
        var text = new System.Text.StringBuilder(change).Append('\u001f').Append(reason?.Trim() ?? "");
        foreach (var m in moved.OrderBy(m => m.CaseId).ThenBy(m => m.Clock).ThenBy(m => m.Field, StringComparer.Ordinal))
        {
            text.Append('\u001f').Append(m.CaseId.ToString("N")).Append(' ').Append(m.Clock).Append(' ').Append(m.Field)
                .Append(' ').Append(Clocks.Format(m.From)).Append(' ').Append(Clocks.Format(m.To));
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Refuses (409, nothing saved) when the confirmation given does not match what would now be done.</summary>
    public static void Check(string? confirmed, string actual)
    {
        if (confirmed is not null && !string.Equals(confirmed, actual, StringComparison.Ordinal))
        {
            throw new Cases.Domain.ConflictException(new LocalizedText(
                "调整内容、原因或受影响的期限已与预览时不同（日历或案件在此期间有变动），请重新预览。",
                "The change, its reason or the deadlines it moves are no longer what the preview showed (the calendar or a case changed meanwhile); preview it again."));
        }
    }
}
