using Cases.Workflows.Calendar;
using Cases.Workflows.Instances;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;

namespace Cases.Workflows.Tasks;

/// <summary>An officer takes an open task of their role and city into their own inbox.</summary>
public sealed record ClaimTask(Guid TaskId, Actor By) : ICommand<TaskView>;

/// <summary>The assignee (or a supervisor of the city) gives a claimed task back to the role's pool.</summary>
public sealed record ReleaseTask(Guid TaskId, Actor By) : ICommand<TaskView>;

/// <summary>A supervisor gives a task to a named user of the right role and city (reassignment).</summary>
public sealed record AssignTask(Guid TaskId, string? UserName, Actor By) : ICommand<TaskView>;

/// <summary>The assignee completes a task with one of its outcomes and the form's data; the case moves on.</summary>
public sealed record CompleteTask(Guid TaskId, string? Outcome, JsonObject? Data, Actor By) : ICommand<CaseState>;

/// <summary>
/// What completing a task with an outcome and data would do — the outcome's target, the dates it sets, a window its timer
/// closes at once and where the case then comes to rest, the host's planned effects — said without doing it, so a page
/// can ask for confirmation first. Refused as <see cref="CompleteTask"/> would refuse it; null when nothing can be said
/// (a confirmation of a held period, an outcome the step does not have).
/// </summary>
public sealed record PreviewCompletion(Guid TaskId, string? Outcome, JsonObject? Data, Actor By) : IQuery<CompletionForecast?>;

public sealed class TaskCommandHandlers(
    IWorkflowDb db, DefinitionStore definitions, CalendarStore calendars, WorkflowEngine engine, ProgressWriter writer,
    TimerScheduler scheduler, IStaffDirectory staff, TimeProvider clock) :
    ICommandHandler<ClaimTask, TaskView>,
    ICommandHandler<ReleaseTask, TaskView>,
    ICommandHandler<AssignTask, TaskView>,
    ICommandHandler<CompleteTask, CaseState>,
    IQueryHandler<PreviewCompletion, CompletionForecast?>
{
    public async ValueTask<TaskView> Handle(ClaimTask command, CancellationToken cancellationToken)
    {
        var task = await LoadAsync(command.TaskId, command.By, cancellationToken);
        EnsureCandidate(task, command.By);
        EnsureAllowed(task, () => task.EnsureCanClaim(command.By.UserName));
        await EnsureSeparationAsync(task, await DefinitionOfAsync(task, cancellationToken), command.By, cancellationToken);
        var now = clock.GetUtcNow();
        task.Claim(command.By.UserName, now);
        await writer.AppendJournalAsync(task.InstanceId, [new JournalPlan(JournalActions.TaskClaimed, task.State, task.State, new JsonObject { [JournalFields.Task] = task.Id.ToString() })], command.By.UserName, now, cancellationToken);
        await SaveAsync(task, cancellationToken);
        return TaskView.From(task, now);
    }

    public async ValueTask<TaskView> Handle(ReleaseTask command, CancellationToken cancellationToken)
    {
        var task = await LoadAsync(command.TaskId, command.By, cancellationToken);
        var supervisor = command.By.May(Permission.Supervise);
        if (!supervisor)
        {
            // Someone outside the task's role could never release it, whoever holds it: a refusal, not a conflict.
            EnsureCandidate(task, command.By);
        }

        EnsureAllowed(task, () => task.EnsureCanRelease(command.By.UserName, supervisor));
        var now = clock.GetUtcNow();
        var previous = task.Assignee;
        task.Release(command.By.UserName, supervisor);
        await writer.AppendJournalAsync(task.InstanceId, [new JournalPlan(JournalActions.TaskReleased, task.State, task.State, new JsonObject { [JournalFields.Task] = task.Id.ToString(), ["from"] = previous })], command.By.UserName, now, cancellationToken);
        await SaveAsync(task, cancellationToken);
        return TaskView.From(task, now);
    }

    public async ValueTask<TaskView> Handle(AssignTask command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.Supervise))
        {
            throw new ForbiddenException(new LocalizedText("只有主管可以改派任务。", "Only a supervisor reassigns tasks."));
        }

        if (string.IsNullOrWhiteSpace(command.UserName))
        {
            throw new DomainValidationException("userName", new LocalizedText("请选择改派给谁。", "userName is required."));
        }

        var task = await LoadAsync(command.TaskId, command.By, cancellationToken);
        EnsureAllowed(task, task.EnsureCanAssign);

        var assignee = await staff.FindAsync(command.UserName.Trim(), cancellationToken);
        if (assignee is null || assignee.CityCode != task.CityCode || !assignee.IsIn(task.Role))
        {
            throw new DomainValidationException("userName", new LocalizedText($"{command.UserName} 不是本市（{task.CityCode}）的{Roles.Label(task.Role).Zh}，不能接办此任务。", $"{command.UserName} is not a {task.Role} of city {task.CityCode}."));
        }

        // A locked-out user could not open the task: it would wait past its statutory deadline with nobody on it.
        if (await staff.IsLockedOutAsync(assignee.UserName, cancellationToken))
        {
            throw new DomainValidationException("userName", new LocalizedText(
                $"{assignee.UserName} 已被锁定，不能登录，不能接收待办。请改派给其他人员，或请管理员先解锁。",
                $"{assignee.UserName} is locked out and cannot sign in, so cannot be given tasks. Assign it to someone else, or ask an administrator to unlock the user first."));
        }

        await EnsureSeparationAsync(task, await DefinitionOfAsync(task, cancellationToken), assignee, cancellationToken);
        var now = clock.GetUtcNow();
        var previous = task.Assignee;
        task.AssignTo(assignee.UserName, now);
        await writer.AppendJournalAsync(task.InstanceId, [new JournalPlan(JournalActions.TaskAssigned, task.State, task.State, new JsonObject { [JournalFields.Task] = task.Id.ToString(), ["from"] = previous, ["to"] = assignee.UserName })], command.By.UserName, now, cancellationToken);
        await SaveAsync(task, cancellationToken);
        return TaskView.From(task, now);
    }

    public async ValueTask<CaseState> Handle(CompleteTask command, CancellationToken cancellationToken)
    {
        var task = await LoadAsync(command.TaskId, command.By, cancellationToken);
        EnsureCandidate(task, command.By);
        EnsureAllowed(task, () => task.EnsureCanComplete(command.By.UserName));

        // The instance is read once, tracked, and serves the separation check too (one round trip less per completion).
        var instance = await db.Instances.SingleAsync(i => i.Id == task.InstanceId, cancellationToken);
        var definition = await definitions.GetAsync(db, instance.DefinitionKey, instance.DefinitionVersion, cancellationToken);
        await EnsureSeparationAsync(task, definition, command.By, cancellationToken);
        ProvincialTasks.EnsureMayComplete(definition, task.State, command.By);
        var @case = await db.Cases.SingleAsync(c => c.Id == task.CaseId, cancellationToken);
        var spec = task.Kind == HumanTaskKind.ExpiryConfirmation ? ExpiryConfirmation.Spec(definition, task.State) : definition.States[task.State];
        if (string.IsNullOrWhiteSpace(command.Outcome) || spec.Outcomes is null || !spec.Outcomes.TryGetValue(command.Outcome, out var outcome))
        {
            throw new DomainValidationException("outcome", new LocalizedText($"请选择办理结果：{string.Join("、", (spec.Outcomes ?? []).Select(o => $"「{o.Value.Label?.Zh ?? o.Key}」"))}。", $"outcome must be one of: {string.Join(", ", spec.Outcomes?.Keys.ToArray() ?? [])}."));
        }

        var now = clock.GetUtcNow();
        var progress = new Progress { FromState = instance.State, State = instance.State, Data = CaseData.Parse(instance.DataJson) };
        var journal = new JsonObject
        {
            [JournalFields.Task] = task.Id.ToString(),
            [JournalFields.Outcome] = command.Outcome,
            [JournalFields.Data] = command.Data?.DeepClone(),
            [JournalFields.DueOn] = Clocks.Format(task.DueOn),
            [JournalFields.OnTime] = now < task.DueAt,
        };
        if (task.Kind == HumanTaskKind.ExpiryConfirmation)
        {
            await DecideExpiryAsync(task, definition, progress, command, journal, now, cancellationToken);
        }
        else
        {
            var materialsBefore = Materials.Checklist(definition, progress.Data);
            TakeOutcome(definition, spec, outcome, progress, command.Data, now, instance.CityCode);
            progress.Journal.Add(new JournalPlan(JournalActions.TaskCompleted, task.State, outcome.To, journal));
            Materials.JournalShared(definition, materialsBefore, progress);
            engine.Transition(definition, progress, outcome.To, now, await calendars.GetAsync(db, cancellationToken));
        }

        task.Complete(command.By.UserName, command.Outcome, now);
        await writer.ApplyAsync(@case, instance, definition, progress, command.By.UserName, now, cancellationToken);
        await db.SaveOrConflictAsync(
            async () =>
            {
                var current = await CurrentAsync(task, cancellationToken);
                return Conflict(current, new LocalizedText($"其他人刚刚同时处理了此案件：此任务现{current.DescribeText().Zh}，您的办理未生效。", $"Someone else acted on this case at the same moment; the task is now {current.Describe()} and your completion was not applied."));
            },
            cancellationToken);

        scheduler.ScheduleAfterCommit(writer.NewTimers);
        return await CaseAccess.StateAsync(db, instance, now, cancellationToken);
    }

    /// <summary>
    /// What completing the task with this outcome and data would do, without doing it (<see cref="PreviewCompletion"/>):
    /// the same checks and the same refusals as <see cref="CompleteTask"/>, the same engine on a copy of the case's data.
    /// </summary>
    public async ValueTask<CompletionForecast?> Handle(PreviewCompletion query, CancellationToken cancellationToken)
    {
        var task = await LoadAsync(query.TaskId, query.By, cancellationToken);
        EnsureCandidate(task, query.By);
        EnsureAllowed(task, () => task.EnsureCanComplete(query.By.UserName));
        if (task.Kind == HumanTaskKind.ExpiryConfirmation)
        {
            // A supervisor's confirmation of a held period is itself the confirmation step.
            return null;
        }

        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == task.InstanceId, cancellationToken);
        var definition = await definitions.GetAsync(db, instance.DefinitionKey, instance.DefinitionVersion, cancellationToken);
        await EnsureSeparationAsync(task, definition, query.By, cancellationToken);
        ProvincialTasks.EnsureMayComplete(definition, task.State, query.By);
        var spec = definition.States[task.State];
        if (string.IsNullOrWhiteSpace(query.Outcome) || spec.Outcomes is null || !spec.Outcomes.TryGetValue(query.Outcome, out var outcome))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var progress = new Progress { FromState = instance.State, State = instance.State, Data = CaseData.Parse(instance.DataJson) };
        // A copy: the caller sends the same data to CompleteTask afterwards, and the merge may take its nodes.
        TakeOutcome(definition, spec, outcome, progress, query.Data?.DeepClone() as JsonObject, now, instance.CityCode);
        engine.Transition(definition, progress, outcome.To, now, calendar);
        return CompletionForecast.Follow(engine, definition, progress, outcome.To, now, calendar);
    }

    /// <summary>
    /// Takes the form's data into the progress, only the step's and the outcome's fields, and checks the outcome's rules:
    /// a refused outcome changes nothing, the task stays with its officer, who corrects the form and tries again.
    /// </summary>
    private static void TakeOutcome(WorkflowDefinition definition, StateSpec spec, OutcomeSpec outcome, Progress progress, JsonObject? data, DateTimeOffset now, string caseCity)
    {
        var fields = (spec.Form ?? []).Concat(outcome.Requires ?? [])
            .GroupBy(f => f.Field).Select(g => new FieldRef { Field = g.Key, Required = g.Any(f => f.Required) }).ToList();
        progress.Data.Merge(data, definition.Data, fields, "data", Domain.Calendar.ChinaTime.DateOf(now), caseCity);
        var extras = Materials.GuardExtras(definition, progress.Data, now);
        foreach (var rule in outcome.Rules ?? [])
        {
            if (!Guards.Evaluate(rule.Require, progress.Data, definition.Data, extras))
            {
                throw new DomainRuleException(RuleMessages.Fill(rule.Message, progress.Data, extras, definition.Data));
            }
        }
    }

    /// <summary>
    /// A supervisor decides a period held on a provisional date (<see cref="ExpiryConfirmation"/>): confirmed, the case
    /// moves on as the held timer would have moved it; extended, a new timer ends the period on the date given.
    /// </summary>
    private async Task DecideExpiryAsync(HumanTask task, WorkflowDefinition definition, Progress progress, CompleteTask command, JsonObject journal, DateTimeOffset now, CancellationToken ct)
    {
        var held = await db.Timers.AsNoTracking().SingleOrDefaultAsync(t => t.TaskId == task.Id && t.Kind == TimerKind.Transition, ct)
            ?? throw new DomainRuleException(new LocalizedText("此项确认所针对的期限已不再暂停，未作任何更改。", "The period this confirmation was opened for is no longer held; nothing was changed."));
        journal["held"] = new JsonObject { ["timer"] = held.Id.ToString(), [JournalFields.DueOn] = Clocks.Format(held.DueOn), ["basis"] = held.Basis, ["provisionalYear"] = held.ProvisionalYear };
        if (command.Outcome == ExpiryConfirmation.Confirm)
        {
            if (command.Data is { Count: > 0 } extra)
            {
                var name = extra.First().Key;
                throw new DomainValidationException($"data.{name}", new LocalizedText($"「{name}」不是此步骤可填写的内容（此步骤无须填写）", $"{name} is not a field of this step (expected: none)"));
            }

            progress.Journal.Add(new JournalPlan(JournalActions.ExpiryConfirmed, task.State, held.TargetState, journal));
            engine.Transition(definition, progress, held.TargetState!, now, await calendars.GetAsync(db, ct));
            return;
        }

        var (timer, moved) = ExpiryConfirmation.PlanExtension(progress, definition, held, command.Data, now);
        journal["extendedTo"] = Clocks.Format(timer.DueOn);
        journal["fields"] = new JsonArray([.. moved.Select(f => (JsonNode)JsonValue.Create(f)!)]);
        progress.Journal.Add(new JournalPlan(JournalActions.ExpiryExtended, task.State, task.State, journal));
    }

    private async Task<HumanTask> LoadAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id, ct);
        return task is not null && actor.CanSeeCity(task.CityCode) ? task : throw new NotFoundException(new LocalizedText($"本市没有编号为 {id} 的任务。", $"No task {id} in your city."));
    }

    private static void EnsureCandidate(HumanTask task, Actor actor)
    {
        // A task some older version gave to a role that works no case (before the validator refused it) is still
        // nobody's to take but casework's (第一百一十九条).
        if (!actor.IsIn(task.Role) || !Roles.Casework.Contains(task.Role))
        {
            throw new ForbiddenException(new LocalizedText($"此任务由{Roles.Label(task.Role).Zh}办理。", $"This task is for the {task.Role} role."));
        }
    }

    /// <summary>规程 第一百一十九条 (岗位不相容): who completed a state named in notCompletedBySameAs may not take this one.</summary>
    private async Task EnsureSeparationAsync(HumanTask task, WorkflowDefinition definition, Actor actor, CancellationToken ct)
    {
        var excluded = definition.States[task.State].NotCompletedBySameAs;
        if (excluded is not { Count: > 0 })
        {
            return;
        }

        var conflict = await db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == task.InstanceId && t.Status == HumanTaskStatus.Completed && t.CompletedBy == actor.UserName && excluded.Contains(t.State))
            .Select(t => t.State).FirstOrDefaultAsync(ct);
        if (conflict is not null)
        {
            throw new ForbiddenException(new LocalizedText(
                $"岗位不相容（第一百一十九条）：{actor.UserName} 已办理本案的「{definition.States.GetValueOrDefault(conflict)?.Title?.Zh ?? conflict}」，不能再办理「{definition.States.GetValueOrDefault(task.State)?.Title?.Zh ?? task.State}」。",
                $"Separation of duties (第一百一十九条): {actor.UserName} completed '{conflict}' on this case and may not also do '{task.State}'."));
        }
    }

    /// <summary>The definition version the task's instance runs (only the key and version are read, not the instance's data).</summary>
    private async Task<WorkflowDefinition> DefinitionOfAsync(HumanTask task, CancellationToken ct)
    {
        var version = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId)
            .Select(i => new { i.DefinitionKey, i.DefinitionVersion }).SingleAsync(ct);
        return await definitions.GetAsync(db, version.DefinitionKey, version.DefinitionVersion, ct);
    }

    private async Task SaveAsync(HumanTask task, CancellationToken ct)
    {
        await db.SaveOrConflictAsync(
            async () =>
            {
                var current = await CurrentAsync(task, ct);
                return Conflict(current, new LocalizedText($"其他人已先一步处理：此任务现{current.DescribeText().Zh}。", $"Someone else got there first: the task is now {current.Describe()}."));
            },
            ct);
    }

    private Task<HumanTask> CurrentAsync(HumanTask task, CancellationToken ct) => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id, ct);

    private ConflictException Conflict(HumanTask task, LocalizedText message) => new(message, TaskView.From(task, clock.GetUtcNow()));

    /// <summary>
    /// Asks the task whether its status allows the step, before the checks that read the database, so that the refusals
    /// come in the order officers know; a refusal is answered with the task as it is.
    /// </summary>
    private void EnsureAllowed(HumanTask task, Action ensure)
    {
        try
        {
            ensure();
        }
        catch (ConflictException e) when (e.Current is null)
        {
            throw Conflict(task, e.Text);
        }
    }
}
