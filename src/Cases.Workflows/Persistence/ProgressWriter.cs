using Cases.Workflows.Runtime;

namespace Cases.Workflows.Persistence;

/// <summary>
/// Writes what the engine decided into the unit of work: state, case data (and its typed projection), tasks,
/// timers, journal entries and notifications. The caller saves once, so all of it commits or none of it does.
/// </summary>
public sealed class ProgressWriter(IWorkflowDb db, IEnumerable<IProgressEffectWriter> effectWriters)
{
    /// <summary>Timers added by the last <see cref="ApplyAsync"/>, to schedule once the transaction has committed.</summary>
    public List<WorkflowTimer> NewTimers { get; } = [];

    /// <summary>Tasks added by the last <see cref="ApplyAsync"/>.</summary>
    public List<HumanTask> NewTasks { get; } = [];

    public async Task ApplyAsync(CaseRecord @case, WorkflowInstance instance, WorkflowDefinition definition, Progress progress, string actor, DateTimeOffset now, CancellationToken ct)
    {
        // One writer serves a whole scope: the timer sweep fires many timers in one, and each firing reads only its own.
        NewTimers.Clear();
        NewTasks.Clear();
        now = JournalChain.Normalize(now);
        if (progress.LeftStates.Count > 0)
        {
            var left = progress.LeftStates.Distinct().ToList();
            var openTasks = await db.Tasks.Where(t => t.InstanceId == instance.Id && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed) && left.Contains(t.State)).ToListAsync(ct);
            // The query sees the database's status; a task the command itself has just completed (tracked, already
            // Completed in memory) is left as it is, or completing a task would store it as cancelled.
            foreach (var task in openTasks.Where(t => db.Entry(t).State != EntityState.Added && t.IsActive))
            {
                task.Cancel(now);
            }

            var timers = await db.Timers.Where(t => t.InstanceId == instance.Id && t.Status == TimerStatus.Pending && left.Contains(t.State)).ToListAsync(ct);
            // Likewise the timer being fired (already Fired in memory) stays fired.
            foreach (var timer in timers.Where(t => t.Status == TimerStatus.Pending))
            {
                timer.Status = TimerStatus.Cancelled;
            }
        }

        // A progress that did not move stays in the state it began in (a reminder, a breach, a held or extended expiry); a new
        // case enters its first stopping state, however many automatic states it passed on the way.
        if (progress.Moved || instance.Revision == 0)
        {
            instance.Enter(progress.State, now);
        }

        instance.ReplaceData(progress.Data.ToJson());
        instance.NextRevision();
        if (progress.EndOutcome is not null)
        {
            instance.End(progress.EndOutcome, now);
        }

        await ProjectValuesAsync(@case.Id, definition, progress.Data, ct);

        var tasksByState = new Dictionary<string, HumanTask>(StringComparer.Ordinal);
        foreach (var plan in progress.Tasks)
        {
            var task = new HumanTask
            {
                Id = Guid.CreateVersion7(now),
                Kind = plan.Kind,
                InstanceId = instance.Id,
                CaseId = @case.Id,
                Procedure = definition.Key,
                State = plan.State,
                TitleZh = plan.Spec.Title?.Zh ?? plan.State,
                TitleEn = plan.Spec.Title?.En ?? plan.State,
                Role = plan.Spec.Role!,
                CityCode = @case.CityCode,
                Party = @case.Party,
                Priority = plan.Priority,
                DueOn = plan.Due.DueOn,
                DueAt = plan.Due.DueAt,
                WarnAt = plan.WarnAt,
                Basis = plan.Due.Basis,
                ClockSource = plan.Due.Source,
                DueRule = plan.Due.Rule,
                ProvisionalYear = plan.Due.ProvisionalYear,
                CreatedAt = now,
            };
            db.Tasks.Add(task);
            NewTasks.Add(task);
            tasksByState[plan.State] = task;
        }

        var alreadySent = await RemindersAlreadySentAsync(instance.Id, progress.Timers, now, ct);
        foreach (var plan in progress.Timers.Where(p => !alreadySent.Contains((p.State, p.Template, p.Due.DueOn))))
        {
            var timer = new WorkflowTimer
            {
                Id = Guid.CreateVersion7(now),
                InstanceId = instance.Id,
                TaskId = plan.Kind is TimerKind.TaskWarning or TimerKind.TaskBreach && tasksByState.TryGetValue(plan.State, out var t) ? t.Id : null,
                State = plan.State,
                Kind = plan.Kind,
                DueOn = plan.Due.DueOn,
                DueAt = plan.Due.DueAt,
                Basis = plan.Due.Basis,
                ClockSource = plan.Due.Source,
                Rule = plan.Due.Rule,
                ProvisionalYear = plan.Due.ProvisionalYear,
                TargetState = plan.TargetState,
                Template = plan.Template,
                Recipient = plan.Recipient,
                Status = TimerStatus.Pending,
            };
            db.Timers.Add(timer);
            NewTimers.Add(timer);
        }

        if (progress.Effects.Count > 0)
        {
            var effects = new ProgressEffects(@case, instance, progress.Effects, actor, now);
            foreach (var writer in effectWriters)
            {
                await writer.WriteAsync(effects, ct);
            }
        }
        await AppendJournalAsync(instance.Id, progress.Journal, actor, now, ct);

        foreach (var message in progress.Outbox)
        {
            message.Payload["caseId"] = @case.Id.ToString();
            message.Payload["procedure"] = definition.Key;
            db.Outbox.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(now),
                InstanceId = instance.Id,
                CaseId = @case.Id,
                CityCode = @case.CityCode,
                Recipient = message.Recipient,
                Template = message.Template,
                PayloadJson = message.Payload.ToJsonString(CaseData.Storage),
                CreatedAt = now,
                Status = OutboxStatus.Pending,
            });
        }
    }

    /// <summary>
    /// Reminders of this plan whose day has come and that this instance already sent from the same state: a wait
    /// re-entered (a missing-materials loop back to it) arms its reminders again, and one already sent for the same day
    /// must not go out twice. A reminder due today or earlier that was never sent still goes (a case opened late).
    /// </summary>
    private async Task<HashSet<(string, string?, DateOnly)>> RemindersAlreadySentAsync(Guid instanceId, List<TimerPlan> plans, DateTimeOffset now, CancellationToken ct)
    {
        var past = plans.Where(p => p.Kind == TimerKind.Reminder && p.Due.DueAt <= now).ToList();
        if (past.Count == 0)
        {
            return [];
        }

        var states = past.Select(p => p.State).Distinct().ToList();
        var sent = await db.Timers.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.Kind == TimerKind.Reminder && t.Status == TimerStatus.Fired && states.Contains(t.State))
            .Select(t => new { t.State, t.Template, t.DueOn }).ToListAsync(ct);
        return sent.Select(t => (t.State, t.Template, t.DueOn)).ToHashSet();
    }

    /// <summary>Appends entries to the instance's hash-chained journal.</summary>
    public async Task AppendJournalAsync(Guid instanceId, IEnumerable<JournalPlan> plans, string actor, DateTimeOffset now, CancellationToken ct)
    {
        now = JournalChain.Normalize(now);
        var pending = db.ChangeTracker.Entries<JournalEntry>().Where(e => e.State == EntityState.Added && e.Entity.InstanceId == instanceId).Select(e => e.Entity).OrderByDescending(e => e.Seq).FirstOrDefault();
        var last = pending is not null
            ? (pending.Seq, pending.Hash)
            : await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderByDescending(j => j.Seq).Select(j => new ValueTuple<int, string>(j.Seq, j.Hash)).FirstOrDefaultAsync(ct);
        var (seq, previous) = last == default ? (0, JournalChain.Genesis) : last;
        foreach (var plan in plans)
        {
            var entry = new JournalEntry
            {
                InstanceId = instanceId,
                Seq = ++seq,
                At = now,
                Actor = actor,
                Action = plan.Action,
                FromState = plan.From,
                ToState = plan.To,
                DataJson = plan.Data.ToJsonString(CaseData.Storage),
                PrevHash = previous,
            };
            entry.Hash = JournalChain.Hash(entry);
            previous = entry.Hash;
            db.Journal.Add(entry);
        }
    }

    private async Task ProjectValuesAsync(Guid caseId, WorkflowDefinition definition, CaseData data, CancellationToken ct)
    {
        var existing = await db.CaseValues.Where(v => v.CaseId == caseId).ToDictionaryAsync(v => v.Field, StringComparer.Ordinal, ct);
        foreach (var (field, spec) in definition.Data)
        {
            if (!data.Has(field) || spec.Type is "object" or "list" or "checklist")
            {
                continue;
            }

            if (!existing.TryGetValue(field, out var value))
            {
                value = new CaseValue { CaseId = caseId, Field = field };
                db.CaseValues.Add(value);
            }

            value.Date = spec.Type == "date" ? data.GetDate(field) : null;
            value.Number = spec.Type is "decimal" or "integer" ? data.GetDecimal(field) : null;
            value.Text = spec.Type is "string" or "enum" or "month" ? Truncate(data.GetText(field)) : null;
        }
    }

    private static string? Truncate(string? text) => text is { Length: > 200 } ? text[..200] : text;
}
