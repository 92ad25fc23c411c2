using System.Globalization;
using System.Text.Json;
using Cases.Application.Persistence;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;
using Cases.Workflows.Records;
using Cases.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Cases.Resilience.Tests;

/// <summary>
/// What the database says after a run, read straight from its tables: whether any instance is half applied (its state,
/// open tasks, pending clocks and journal disagree), whether any timer or command took effect twice (two journal entries
/// or notifications for one timer, two completions of one task, two entries with one sequence number) or was lost (a
/// timer fired with no effect, a task completed with no journal entry, a clock due and still pending).
/// </summary>
public sealed record RunAudit(
    int Cases, int Instances, int CompletedInstances, int JournalEntries, int TimersFired, int TimersCancelled, int TimersPending,
    int TasksCompleted, int Duplicates, int Lost, int OverduePending, IReadOnlyList<string> HalfApplied, IReadOnlyList<string> Problems)
{
    public static async Task<RunAudit> ReadAsync(CasesDb db, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var definitions = (await db.Definitions.AsNoTracking().ToListAsync()).ToDictionary(d => (d.Key, d.Version), d => DefinitionStore.Parse(d.Json));
        var cases = await db.Cases.CountAsync();
        var instances = await db.Instances.AsNoTracking().ToListAsync();
        var tasks = (await db.Tasks.AsNoTracking().ToListAsync()).ToLookup(t => t.InstanceId);
        var timers = await db.Timers.AsNoTracking().ToListAsync();
        var journal = await db.Journal.AsNoTracking().ToListAsync();
        var outbox = await db.Outbox.AsNoTracking().ToListAsync();

        var halfApplied = new List<string>();
        var problems = new List<string>();
        var timersOf = timers.ToLookup(t => t.InstanceId);
        var journalOf = journal.ToLookup(j => j.InstanceId);
        foreach (var instance in instances)
        {
            var entries = journalOf[instance.Id].OrderBy(j => j.Seq).ToList();
            var open = tasks[instance.Id].Where(t => t.Status is HumanTaskStatus.Open or HumanTaskStatus.Claimed).ToList();
            foreach (var why in Disagreements(instance, definitions[(instance.DefinitionKey, instance.DefinitionVersion)], entries, open, timersOf[instance.Id].ToList()))
            {
                halfApplied.Add($"case {instance.CaseId} in '{instance.State}': {why}");
            }
        }

        // Exactly once: every effect names what caused it (the timer, the task); two effects of one cause are a duplicate.
        var timerEffects = journal.Select(j => (Cause: Field(j.DataJson, "timer"), Kind: "journal " + j.Action))
            .Concat(outbox.Select(m => (Cause: Field(m.PayloadJson, "timer"), Kind: "notification " + m.Template)))
            .Where(e => e.Cause is not null).ToList();
        var completions = journal.Where(j => j.Action == "task-completed").Select(j => Field(j.DataJson, "task")!).ToList();
        var duplicates = 0;
        foreach (var group in timerEffects.GroupBy(e => e).Where(g => g.Count() > 1))
        {
            duplicates += group.Count() - 1;
            problems.Add($"timer {group.Key.Cause} took effect {group.Count()} times ({group.Key.Kind})");
        }

        foreach (var group in completions.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            duplicates += group.Count() - 1;
            problems.Add($"task {group.Key} was completed {group.Count()} times");
        }

        foreach (var group in journal.GroupBy(j => (j.InstanceId, j.Seq)).Where(g => g.Count() > 1))
        {
            duplicates += group.Count() - 1;
            problems.Add($"instance {group.Key.InstanceId} has {group.Count()} journal entries numbered {group.Key.Seq}");
        }

        // Lost: a timer marked fired whose journal entry is missing, a completed task with no completion in the journal,
        // a clock due and still pending.
        var lost = 0;
        var causes = timerEffects.Select(e => e.Cause!).ToHashSet(StringComparer.Ordinal);
        foreach (var timer in timers.Where(t => t.Status == TimerStatus.Fired && t.Kind is TimerKind.Transition or TimerKind.Reminder or TimerKind.Milestone))
        {
            if (!causes.Contains(timer.Id.ToString()))
            {
                lost++;
                problems.Add($"timer {timer.Id} ({timer.Kind}) is marked fired but nothing it does is in the journal");
            }
        }

        var completed = tasks.SelectMany(g => g).Where(t => t.Status == HumanTaskStatus.Completed).ToList();
        var journaled = completions.ToHashSet(StringComparer.Ordinal);
        foreach (var task in completed.Where(t => !journaled.Contains(t.Id.ToString())))
        {
            lost++;
            problems.Add($"task {task.Id} is completed but its completion is not in the journal");
        }

        var overdue = timers.Count(t => t.Status == TimerStatus.Pending && t.DueAt <= now);
        return new RunAudit(cases, instances.Count, instances.Count(i => i.Status == InstanceStatus.Completed), journal.Count,
            timers.Count(t => t.Status == TimerStatus.Fired), timers.Count(t => t.Status == TimerStatus.Cancelled), timers.Count(t => t.Status == TimerStatus.Pending),
            completed.Count, duplicates, lost, overdue, halfApplied, problems);
    }

    /// <summary>Counts of the timer rows by kind and status, e.g. "Transition/Fired×500".</summary>
    public static async Task<string> TimerFiguresAsync(CasesDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Timers.AsNoTracking().GroupBy(t => new { t.Kind, t.Status }).Select(g => new { g.Key.Kind, g.Key.Status, Count = g.Count() }).ToListAsync();
        return string.Join(", ", rows.OrderBy(r => r.Kind).ThenBy(r => r.Status).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Kind}/{r.Status}×{r.Count}")));
    }

    /// <summary>The clocks due and still pending, grouped by kind, lease holder, whether the lease is live and attempts: what a stall report needs.</summary>
    public static async Task<string> PendingFiguresAsync(CasesDb db, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
            .Select(t => new { t.Kind, t.LeaseOwner, t.LeaseUntil, t.Attempts }).ToListAsync();
        return string.Join(", ", rows.GroupBy(r => (r.Kind, r.LeaseOwner, Live: r.LeaseUntil > now, r.Attempts))
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key.Kind} lease {g.Key.LeaseOwner ?? "none"}{(g.Key.Live ? " (live)" : "")} attempts {g.Key.Attempts}×{g.Count()}")));
    }

    private static IEnumerable<string> Disagreements(WorkflowInstance instance, WorkflowDefinition definition, List<JournalEntry> entries, List<HumanTask> open, List<WorkflowTimer> timers)
    {
        var pending = timers.Where(t => t.Status == TimerStatus.Pending).ToList();
        if (JournalChain.Verify(entries) is { } broken)
        {
            yield return $"journal entry {broken.Seq}: {broken.Reason}";
        }

        if (entries.Count == 0 || entries[^1].ToState != instance.State)
        {
            yield return $"the journal ends in '{(entries.Count == 0 ? "(nothing)" : entries[^1].ToState)}'";
        }

        if (instance.Status == InstanceStatus.Completed)
        {
            if (open.Count > 0 || pending.Count > 0)
            {
                yield return $"ended with {open.Count} open task(s) and {pending.Count} pending clock(s)";
            }

            yield break;
        }

        var spec = definition.States[instance.State];
        if (open.Any(t => t.State != instance.State) || pending.Any(t => t.State != instance.State))
        {
            yield return "a task or clock of a state it has left is still open";
        }

        if (spec.Kind == StateKind.Task && open.Count != 1)
        {
            yield return $"a task state with {open.Count} open tasks";
        }

        if (spec.Kind != StateKind.Task && open.Count > 0)
        {
            yield return $"a {spec.Kind.ToName()} state with an open task";
        }

        if (spec is { Kind: StateKind.Wait, Timer: not null } && !pending.Any(t => t.Kind == TimerKind.Transition))
        {
            yield return "its state's clock is not armed";
        }

        if (spec.Kind == StateKind.Task && open.Count == 1 && !timers.Any(t => t.Kind == TimerKind.TaskBreach && t.TaskId == open[0].Id && t.Status != TimerStatus.Cancelled))
        {
            yield return "its task's deadline clock is not armed";
        }
    }

    private static string? Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }
}
