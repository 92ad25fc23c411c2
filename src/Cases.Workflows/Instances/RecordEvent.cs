using Cases.Workflows.Calendar;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;

namespace Cases.Workflows.Instances;

/// <summary>
/// An officer records an external event on a case (an application received, a decision of the committee …).
/// The case must be waiting for that event; its acceptance guard may refuse it (422, journaled).
/// </summary>
public sealed record RecordEvent(Guid CaseId, string Event, JsonObject? Data, Actor By) : ICommand<CaseState>;

public sealed class RecordEventCommandHandler(IWorkflowDb db, DefinitionStore definitions, CalendarStore calendars, WorkflowEngine engine, ProgressWriter writer, TimerScheduler scheduler, TimeProvider clock)
    : ICommandHandler<RecordEvent, CaseState>
{
    public async ValueTask<CaseState> Handle(RecordEvent command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.RecordEvents))
        {
            throw new ForbiddenException(new LocalizedText("只有经办人员和主管可以登记案件事项。", "Only officers and supervisors record events on a case."));
        }

        var (@case, instance) = await CaseAccess.LoadAsync(db, command.CaseId, command.By, track: true, cancellationToken);
        var now = clock.GetUtcNow();
        var definition = await definitions.GetAsync(db, instance.DefinitionKey, instance.DefinitionVersion, cancellationToken);
        var spec = definition.States[instance.State];
        if (spec.Refuses is not null && spec.Refuses.TryGetValue(command.Event, out var tooLate))
        {
            await RefuseAsync(command, instance, RuleMessages.Fill(tooLate, CaseData.Parse(instance.DataJson), null, definition.Data), now, cancellationToken);
        }

        if (instance.Status != InstanceStatus.Running || spec.Events is null || !spec.Events.TryGetValue(command.Event, out var expected))
        {
            var title = spec.Title?.Zh is { Length: > 0 } zh ? zh : instance.State;
            var waiting = instance.Status == InstanceStatus.Running && spec.Events is { Count: > 0 } events
                ? new LocalizedText($"目前只能登记：{string.Join("、", events.Select(e => $"“{e.Value.Label?.Zh ?? e.Key}”"))}", $"it waits for: {string.Join(", ", events.Keys)}")
                : new LocalizedText("目前不接受登记任何事项", "it is not waiting for any event");
            throw new ConflictException(
                new LocalizedText($"案件处于“{title}”，{waiting.Zh}。请刷新页面后查看。", $"Case is in state '{instance.State}' ({instance.Status}); {waiting.En}."),
                await CaseAccess.StateAsync(db, instance, now, cancellationToken));
        }

        var progress = new Progress { FromState = instance.State, State = instance.State, Data = CaseData.Parse(instance.DataJson) };
        var materialsBefore = Materials.Checklist(definition, progress.Data);
        progress.Data.Merge(command.Data, definition.Data, expected.Fields ?? [], "data", Domain.Calendar.ChinaTime.DateOf(now), instance.CityCode);

        var window = await db.Timers.AsNoTracking()
            .Where(t => t.InstanceId == instance.Id && t.State == instance.State && t.Kind == TimerKind.Transition && t.Status == TimerStatus.Pending)
            .OrderBy(t => t.DueAt).Select(t => (DateOnly?)t.DueOn).FirstOrDefaultAsync(cancellationToken);
        var extra = Materials.GuardExtras(definition, progress.Data, now);
        extra[Definitions.DefinitionValidator.WindowEndsOnParameter] = window?.ToDateTime(TimeOnly.MinValue);
        var checks = new List<(string Guard, LocalizedText Message)>();
        if (expected.Accept is { } accept)
        {
            var because = expected.RefusedBecause
                ?? new LocalizedText($"“{expected.Label?.Zh ?? command.Event}”不符合受理条件（{accept}）。", $"The event '{command.Event}' does not meet its condition ({accept}).");
            checks.Add((accept, window is { } last
                ? new LocalizedText($"{because.Zh}最后一天：{Clocks.Format(last)}。", $"{because.En} Last day: {Clocks.Format(last)}.")
                : because));
        }

        checks.AddRange((expected.Rules ?? []).Select(r => (r.Require, r.Message)));
        foreach (var (guard, message) in checks)
        {
            if (Guards.Evaluate(guard, progress.Data, definition.Data, extra))
            {
                continue;
            }

            await RefuseAsync(command, instance, RuleMessages.Fill(message, progress.Data, extra, definition.Data), now, cancellationToken);
        }

        progress.Journal.Add(new JournalPlan(JournalActions.Event, instance.State, expected.To, new JsonObject { [JournalFields.Event] = command.Event, [JournalFields.Data] = command.Data?.DeepClone() }));
        Materials.JournalShared(definition, materialsBefore, progress);
        engine.Transition(definition, progress, expected.To, now, await calendars.GetAsync(db, cancellationToken));
        await writer.ApplyAsync(@case, instance, definition, progress, command.By.UserName, now, cancellationToken);
        await db.SaveOrConflictAsync(async () => new ConflictException(new LocalizedText("其他人刚刚同时处理了此案件，本次事项未登记。请刷新页面后查看。", "Someone else acted on this case at the same moment; the event was not applied."), await CaseAccess.CurrentStateAsync(db, instance.Id, now, cancellationToken)), cancellationToken);

        scheduler.ScheduleAfterCommit(writer.NewTimers);
        return await CaseAccess.StateAsync(db, instance, now, cancellationToken);
    }

    /// <summary>
    /// A refused event changes nothing but the journal, which records who sent what and why it was refused (in both
    /// languages, so the journal reads in either); then 422 in the reader's language.
    /// </summary>
    private async Task RefuseAsync(RecordEvent command, WorkflowInstance instance, LocalizedText reason, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await writer.AppendJournalAsync(instance.Id, [new JournalPlan(JournalActions.EventRefused, instance.State, instance.State, new JsonObject
        {
            [JournalFields.Event] = command.Event,
            [JournalFields.Data] = command.Data?.DeepClone(),
            [JournalFields.Reason] = JournalFields.Store(reason),
        })], command.By.UserName, now, ct);
        await db.SaveChangesAsync(ct);
        throw new DomainRuleException(reason);
    }
}
