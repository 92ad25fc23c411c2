using Cases.Workflows.Calendar;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;

namespace Cases.Workflows.Instances;

/// <summary>
/// A supervisor moves a running case to a newer version of its procedure with an explicit state mapping
/// (the current state → a task or wait state of the new version). With <see cref="DryRun"/> nothing is written and
/// the answer lists what would change: tasks cancelled and opened, clocks cancelled and armed, with their dates.
/// Clocks counted from case data keep their dates under the new rules; clocks counted from "$entered" restart on
/// the migration day, which the answer shows.
/// </summary>
public sealed record MigrateInstance(Guid CaseId, int? ToVersion, IReadOnlyDictionary<string, string>? StateMapping, bool DryRun, Actor By) : ICommand<MigrationPlan>;

public sealed record PlannedTask(string State, string Title, string Role, DateOnly DueOn, string Basis, string Rule);

public sealed record PlannedTimer(string State, TimerKind Kind, DateOnly DueOn, string Basis, string Rule, string? TargetState);

/// <summary>What a migration changes (or, in a dry run, would change).</summary>
public sealed record MigrationPlan(
    Guid CaseId, bool DryRun, int FromVersion, string FromState, int ToVersion, string ToState,
    IReadOnlyList<TaskView> TasksCancelled, IReadOnlyList<PlannedTask> TasksOpened,
    IReadOnlyList<TimerView> TimersCancelled, IReadOnlyList<PlannedTimer> TimersArmed,
    IReadOnlyList<string> MissingData);

public sealed class MigrateInstanceHandler(IWorkflowDb db, DefinitionStore definitions, CalendarStore calendars, WorkflowEngine engine, ProgressWriter writer, TimerScheduler scheduler, TimeProvider clock)
    : ICommandHandler<MigrateInstance, MigrationPlan>
{
    public async ValueTask<MigrationPlan> Handle(MigrateInstance command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.Supervise))
        {
            throw new ForbiddenException(new LocalizedText("只有主管可以将办理中的案件迁移到新版本。", "Only supervisors migrate running cases to a new version."));
        }

        var (@case, instance) = await CaseAccess.LoadAsync(db, command.CaseId, command.By, track: true, cancellationToken);
        var now = clock.GetUtcNow();
        int toVersion;
        try
        {
            toVersion = instance.EnsureCanMigrateTo(command.ToVersion);
        }
        catch (ConflictException e) when (e.Current is null)
        {
            throw new ConflictException(e.Text, await CaseAccess.StateAsync(db, instance, now, cancellationToken));
        }

        Definitions.WorkflowDefinition target;
        try
        {
            target = await definitions.GetAsync(db, instance.DefinitionKey, toVersion, cancellationToken);
        }
        catch (NotFoundException e)
        {
            throw new DomainValidationException("toVersion", e.Text);
        }

        // Four-eyes publication (第一百一十九条): a version a second person has not approved is used by no case.
        var status = await db.Definitions.AsNoTracking().Where(d => d.Key == instance.DefinitionKey && d.Version == toVersion).Select(d => d.Status).SingleAsync(cancellationToken);
        if (status != Cases.Workflows.Records.PublicationStatus.Approved)
        {
            throw new DomainRuleException(status == Cases.Workflows.Records.PublicationStatus.Pending
                ? new LocalizedText($"“{instance.DefinitionKey}”第 {toVersion} 版尚待省级主管审核，审核通过前不能迁移案件（第一百一十九条）。", $"Version {toVersion} of {instance.DefinitionKey} waits for a provincial supervisor's approval; no case is migrated to it before.")
                : new LocalizedText($"“{instance.DefinitionKey}”第 {toVersion} 版未通过审核，不能迁移案件。", $"Version {toVersion} of {instance.DefinitionKey} was rejected; no case is migrated to it."));
        }

        // Explicit: the supervisor names where the current state goes, even when the name is unchanged.
        if (command.StateMapping is null || !command.StateMapping.TryGetValue(instance.State, out var toState))
        {
            throw new DomainValidationException($"stateMapping.{instance.State}", new LocalizedText($"请为案件当前所处的“{instance.State}”指定第 {toVersion} 版中对应的环节。", $"Map the case's current state '{instance.State}' to a state of version {toVersion}."));
        }

        if (!target.States.TryGetValue(toState, out var toSpec) || toSpec.Kind is not (StateKind.Task or StateKind.Wait))
        {
            throw new DomainValidationException($"stateMapping.{instance.State}", new LocalizedText($"“{toState}”不是第 {toVersion} 版中的办理或等待环节。", $"'{toState}' is not a task or wait state of version {toVersion}."));
        }

        var cancelledTasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instance.Id && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed)).ToListAsync(cancellationToken);
        var cancelledTimers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instance.Id && t.Status == TimerStatus.Pending).ToListAsync(cancellationToken);
        var data = CaseData.Parse(instance.DataJson);
        var missing = target.StartWith.Where(f => !data.Has(f)).ToList();

        var progress = new Progress { FromState = instance.State, State = instance.State, Data = data };
        progress.Journal.Add(new JournalPlan(JournalActions.Migrated, instance.State, toState, new JsonObject
        {
            ["fromVersion"] = instance.DefinitionVersion,
            ["toVersion"] = toVersion,
            ["mapping"] = new JsonObject(command.StateMapping.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        }));
        engine.Transition(target, progress, toState, now, await calendars.GetAsync(db, cancellationToken));
        // Everything open in the old version goes, whatever its state name.
        progress.LeftStates.AddRange(cancelledTasks.Select(t => t.State).Concat(cancelledTimers.Select(t => t.State)));

        var plan = new MigrationPlan(
            @case.Id, command.DryRun, instance.DefinitionVersion, instance.State, toVersion, progress.State,
            cancelledTasks.Select(t => TaskView.From(t, now)).ToList(),
            progress.Tasks.Select(t => new PlannedTask(t.State, t.Spec.Title?.Zh ?? t.State, t.Spec.Role!, t.Due.DueOn, t.Due.Basis, t.Due.Rule)).ToList(),
            cancelledTimers.Select(TimerView.From).ToList(),
            progress.Timers.Select(t => new PlannedTimer(t.State, t.Kind, t.Due.DueOn, t.Due.Basis, t.Due.Rule, t.TargetState)).ToList(),
            missing);
        if (command.DryRun)
        {
            return plan;
        }

        instance.Migrate(toVersion);
        await writer.ApplyAsync(@case, instance, target, progress, command.By.UserName, now, cancellationToken);
        // ApplyAsync cancels by state name; tasks and timers of old state names that the new version lacks go too.
        foreach (var task in await db.Tasks.Where(t => t.InstanceId == instance.Id && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed)).ToListAsync(cancellationToken))
        {
            // Tracked rows keep their in-memory status: the ones ApplyAsync just cancelled are not cancelled twice.
            if (db.Entry(task).State != EntityState.Added && task.IsActive)
            {
                task.Cancel(now);
            }
        }

        foreach (var timer in await db.Timers.Where(t => t.InstanceId == instance.Id && t.Status == TimerStatus.Pending).ToListAsync(cancellationToken))
        {
            if (db.Entry(timer).State != EntityState.Added)
            {
                timer.Status = TimerStatus.Cancelled;
            }
        }

        await db.SaveOrConflictAsync(async () => new ConflictException(new LocalizedText("迁移期间案件发生了变化，请重新试运行后再迁移。", "The case changed while it was being migrated; run the dry run again."), await CaseAccess.CurrentStateAsync(db, instance.Id, now, cancellationToken)), cancellationToken);

        scheduler.ScheduleAfterCommit(writer.NewTimers);
        return plan;
    }
}
