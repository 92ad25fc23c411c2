using Cases.Workflows.Calendar;
using Cases.Workflows.Runtime;
using Microsoft.Extensions.Logging;

namespace Cases.Workflows.Timers;

/// <summary>What happened to one timer when it was asked to fire.</summary>
public sealed record FiredTimer(Guid TimerId, Guid CaseId, TimerKind Kind, string State, string? MovedTo, DateOnly DueOn, string Basis);

/// <summary>
/// Fires timers exactly once, whatever the number of Hangfire servers on the database: a conditional update
/// claims the row (status Pending, due, no live lease) for this node for two minutes; the firing then commits in
/// one transaction with the instance's revision and the timer's status as concurrency tokens. A node that dies
/// mid-firing leaves an expiring lease and a rolled-back transaction; the sweep fires the timer again later.
/// </summary>
public sealed class TimerFiring(
    IWorkflowDb db, DefinitionStore definitions, CalendarStore calendars, WorkflowEngine engine, ProgressWriter writer,
    TimerScheduler scheduler, TimeProvider clock, NodeIdentity node, InstanceGate gate, ILogger<TimerFiring> log)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Fires every due timer (oldest first, up to <paramref name="limit"/>) and returns what fired.</summary>
    public async Task<IReadOnlyList<FiredTimer>> RunDueAsync(int limit, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Timers.AsNoTracking()
            .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now && (t.LeaseUntil == null || t.LeaseUntil < now))
            .OrderBy(t => t.DueAt).Select(t => t.Id).Take(limit).ToListAsync(ct);
        var fired = new List<FiredTimer>();
        foreach (var id in due)
        {
            if (await FireAsync(id, ct) is { } result)
            {
                fired.Add(result);
            }
        }

        return fired;
    }

    /// <summary>Fires one timer if it is due and nobody else has; returns null when there was nothing to do.</summary>
    public async Task<FiredTimer?> FireAsync(Guid timerId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + Lease;
        var owner = node.Name;
        var claimed = await db.Timers
            .Where(t => t.Id == timerId && t.Status == TimerStatus.Pending && t.DueAt <= now && (t.LeaseUntil == null || t.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseOwner, owner).SetProperty(t => t.LeaseUntil, leaseUntil).SetProperty(t => t.Attempts, t => t.Attempts + 1), ct);
        if (claimed == 0)
        {
            // Early (Hangfire stores whole seconds), already fired, cancelled, or leased by another node.
            var row = await db.Timers.AsNoTracking().Where(t => t.Id == timerId).Select(t => new { t.Status, t.DueAt }).SingleOrDefaultAsync(ct);
            if (row is { Status: TimerStatus.Pending } && row.DueAt > now)
            {
                scheduler.Schedule(timerId, row.DueAt);
            }

            return null;
        }

        try
        {
            return await ApplyAsync(timerId, now, ct);
        }
        catch (DbUpdateException e)
        {
            // Lost to a concurrent command on the same instance; release the lease so the next sweep retries at once.
            log.LogInformation(e, "Timer {Timer} lost a race and will be retried", timerId);
            db.ChangeTracker.Clear();
            await db.Timers.Where(t => t.Id == timerId && t.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null), ct);
            // Retry at once rather than at the next sweep: the other command has committed by now.
            scheduler.Schedule(timerId, now);
            return null;
        }
    }

    private async Task<FiredTimer?> ApplyAsync(Guid timerId, DateTimeOffset now, CancellationToken ct)
    {
        var timer = await db.Timers.SingleAsync(t => t.Id == timerId, ct);
        if (timer.Status != TimerStatus.Pending)
        {
            // Cancelled (or fired) between the claim and this read: a command left the state meanwhile.
            return null;
        }

        var (held, waited) = await gate.EnterAsync(timer.InstanceId, ct);
        using var _ = held;
        if (waited)
        {
            // Another timer of this case fired meanwhile and may have left the state (cancelling this one).
            await db.Entry(timer).ReloadAsync(ct);
            if (timer.Status != TimerStatus.Pending)
            {
                return null;
            }
        }

        var instance = await db.Instances.SingleAsync(i => i.Id == timer.InstanceId, ct);
        var @case = await db.Cases.SingleAsync(c => c.Id == instance.CaseId, ct);
        if (instance.Status != InstanceStatus.Running || instance.State != timer.State)
        {
            // The state that armed it is gone (its cancellation raced with this firing): nothing to do.
            timer.Status = TimerStatus.Cancelled;
            await db.SaveChangesAsync(ct);
            return null;
        }

        timer.Status = TimerStatus.Fired;
        timer.FiredAt = now;

        var definition = await definitions.GetAsync(db, instance.DefinitionKey, instance.DefinitionVersion, ct);
        var progress = new Progress { FromState = instance.State, State = instance.State, Data = CaseData.Parse(instance.DataJson) };
        var info = new JsonObject { ["timer"] = timer.Id.ToString(), [JournalFields.DueOn] = Clocks.Format(timer.DueOn), ["basis"] = timer.Basis, ["rule"] = timer.Rule };
        if (timer.ClockSource is { } source)
        {
            // The journal says whose limit passed: a statutory one is a legal failure, the agency's a service failure.
            info["source"] = ClockSources.Name(source);
        }

        string? movedTo = null;
        switch (timer.Kind)
        {
            case TimerKind.Transition:
                var calendar = await calendars.GetAsync(db, ct);
                if (timer.ProvisionalYear is int year && calendar.IsProvisional(year))
                {
                    // Its end was counted on a year the State Council has not yet set: a supervisor confirms it first.
                    ExpiryConfirmation.Hold(progress, definition, timer, now, calendar);
                    break;
                }

                progress.Journal.Add(new JournalPlan(JournalActions.TimerFired, instance.State, timer.TargetState, info));
                engine.Transition(definition, progress, timer.TargetState!, now, calendar);
                movedTo = progress.State;
                break;
            case TimerKind.Reminder:
                var reminded = definition.States.GetValueOrDefault(timer.State)?.Reminders?.FirstOrDefault(r => r.Notify.Template == timer.Template && r.Notify.To == timer.Recipient);
                progress.Outbox.Add(new OutboxPlan(timer.Recipient ?? "", timer.Template ?? "", NotificationPayload.With((JsonObject)info.DeepClone(), progress.Data, reminded?.Notify.Fields)));
                progress.Journal.Add(new JournalPlan(JournalActions.ReminderSent, instance.State, instance.State, info));
                break;
            case TimerKind.Milestone:
                info["field"] = timer.Template;
                progress.Journal.Add(new JournalPlan(JournalActions.MilestonePassed, instance.State, instance.State, info));
                break;
            case TimerKind.TaskWarning:
                var warned = await db.Tasks.SingleOrDefaultAsync(t => t.Id == timer.TaskId, ct);
                if (warned is { Status: HumanTaskStatus.Open or HumanTaskStatus.Claimed })
                {
                    progress.Outbox.Add(new OutboxPlan(warned.Assignee ?? $"role:{warned.Role}", "task-warning", (JsonObject)info.DeepClone()));
                }

                break;
            case TimerKind.TaskBreach:
                var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == timer.TaskId, ct);
                if (task is { Status: HumanTaskStatus.Open or HumanTaskStatus.Claimed })
                {
                    task.MarkBreached();
                    db.Escalations.Add(new Escalation
                    {
                        Id = Guid.CreateVersion7(now),
                        InstanceId = instance.Id,
                        CaseId = @case.Id,
                        TaskId = task.Id,
                        CityCode = @case.CityCode,
                        Procedure = @case.Procedure,
                        State = task.State,
                        DueOn = task.DueOn,
                        Basis = task.Basis,
                        ClockSource = task.ClockSource,
                        RaisedAt = now,
                    });
                    progress.Outbox.Add(new OutboxPlan("role:supervisor", "deadline-breached", (JsonObject)info.DeepClone()));
                    progress.Journal.Add(new JournalPlan(JournalActions.DeadlineBreached, instance.State, instance.State, info));
                }

                break;
        }

        await writer.ApplyAsync(@case, instance, definition, progress, "system:timer", now, ct);
        if (writer.NewTasks.FirstOrDefault(t => t.Kind == HumanTaskKind.ExpiryConfirmation) is { } confirmation)
        {
            timer.TaskId = confirmation.Id;
        }

        await db.SaveChangesAsync(ct);
        scheduler.ScheduleAfterCommit(writer.NewTimers);
        return new FiredTimer(timer.Id, @case.Id, timer.Kind, timer.State, movedTo, timer.DueOn, timer.Basis);
    }
}

/// <summary>This node's name in timer leases (machine and process), so an operator can see who holds a lease.</summary>
public sealed class NodeIdentity
{
    public NodeIdentity()
        : this($"{Environment.MachineName}:{Environment.ProcessId}")
    {
    }

    /// <summary>A given name, for hosts that run several nodes in one process (tests of multi-node firing).</summary>
    public NodeIdentity(string name) => Name = name;

    public string Name { get; }
}
