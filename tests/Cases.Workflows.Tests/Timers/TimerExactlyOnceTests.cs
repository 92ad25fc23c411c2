using System.Diagnostics;
using System.Globalization;
using Cases.Domain.Calendar;
using Cases.Testing;
using Cases.Workflows.Records;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Cases.Workflows.Tests.Timers;

public class TimerExactlyOnceTests(ITestOutputHelper output)
{
    private const int CaseCount = 1000;
    private const int WorkersPerNode = 4;

    // Time to open the cases and let their (already overdue) reminders fire before the filing deadlines pass.
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(40);

    // The run waits on progress, not on a wall-clock budget: on a loaded 2-core machine firing 1,000 timers can take
    // minutes. It gives up only when nothing has moved for this long (then the assertions say what is missing).
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Category", "Heavy")]
    public async Task Two_Hangfire_servers_on_one_PostgreSQL_database_fire_each_of_1000_timers_exactly_once()
    {
        var test = await TestDb.CreateAsync(TestProvider.Postgres);

        // The app's own test clock (AdjustableClock): real time shifted so that the end of today in Jinan, the
        // instant a "15 days before contractEndsOn" deadline passes, is Lead from now. It runs at real speed, so the
        // real delays Hangfire waits (TimerScheduler schedules relative to the app clock) end at that instant.
        var today = ChinaTime.DateOf(TimeProvider.System.GetUtcNow());
        var dueAt = ChinaTime.EndOf(today);
        var clock = new AdjustableClock(TimeProvider.System);
        clock.Set(dueAt - Lead);

        await using var a = TimerNode.Create(test, "node-a", clock);
        await using var b = TimerNode.Create(test, "node-b", clock);
        await a.SeedAsync();
        a.StartServer(WorkersPerNode);
        b.StartServer(WorkersPerNode);

        // 1,000 cases opened half on each node: each arms its filing deadline (due at dueAt) and its reminder
        // (25 days before the contract end: 10 days overdue, so its job runs a second after the case opens).
        var opening = Stopwatch.StartNew();
        await Parallel.ForAsync(0, CaseCount, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await (i % 2 == 0 ? a : b).StartFilingCaseAsync(today.AddDays(15), ct));
        var opened = opening.Elapsed;
        await WaitWhileProgressingAsync(async () => CaseCount - await CountAsync(test, TimerKind.Reminder, TimerStatus.Fired), dueAt, clock);
        var remindersDone = opening.Elapsed;
        var slack = dueAt - clock.GetUtcNow();
        var remindersBeforeDue = await CountAsync(test, TimerKind.Reminder, TimerStatus.Fired);
        await using (var db = test.Open())
        {
            Assert.Equal(CaseCount, await db.Timers.CountAsync(t => t.Kind == TimerKind.Transition && t.DueAt == dueAt));
        }

        // At the due instant both nodes' Hangfire servers take the 1,000 per-timer jobs, and both nodes also sweep
        // at once, over the same list in the same order, until nothing due is left.
        await Task.Delay(Positive(dueAt - clock.GetUtcNow()));
        var sweptBy = new Dictionary<string, int>(StringComparer.Ordinal);
        var sweeps = new[] { a, b }.Select(async node =>
        {
            var fired = 0;
            var lastFired = clock.GetUtcNow();
            while (clock.GetUtcNow() - lastFired < Stall && await DuePendingAsync(test, clock) > 0)
            {
                var got = await node.SweepAsync();
                fired += got.Count;
                if (got.Count == 0)
                {
                    await Task.Delay(100);
                }
                else
                {
                    lastFired = clock.GetUtcNow();
                }
            }

            return (node.Name, fired);
        }).ToList();
        foreach (var (name, fired) in await Task.WhenAll(sweeps))
        {
            sweptBy[name] = fired;
        }

        await WaitWhileProgressingAsync(() => DuePendingAsync(test, clock), null, clock);
        var allFiredSeen = clock.GetUtcNow() - dueAt;

        // Let every job still queued or scheduled (duplicates of timers a sweep fired, rescheduled early jobs) run:
        // none of them may fire anything again.
        await WaitWhileProgressingAsync(() => Task.FromResult(HangfireBusy(a)), null, clock);
        var monitor = a.Storage.GetMonitoringApi();
        var stats = monitor.GetStatistics();
        var (jobsSucceeded, jobsFailed) = (stats.Succeeded, stats.Failed);

        await using var check = test.Open();
        var timers = await check.Timers.AsNoTracking().ToListAsync();
        var instances = await check.Instances.AsNoTracking().ToListAsync();
        var journal = await check.Journal.AsNoTracking().OrderBy(j => j.InstanceId).ThenBy(j => j.Seq).ToListAsync();
        var outbox = await check.Outbox.AsNoTracking().ToListAsync();

        var transitions = timers.Where(t => t.Kind == TimerKind.Transition).ToList();
        var reminders = timers.Where(t => t.Kind == TimerKind.Reminder).ToList();
        // Figures over the fired ones, so that a run that missed some still prints them before the assertions say how many.
        var firedTransitions = transitions.Where(t => t.FiredAt is not null).ToList();
        var last = firedTransitions.Count == 0 ? TimeSpan.Zero : firedTransitions.Max(t => t.FiredAt!.Value) - dueAt;
        var sorted = firedTransitions.Select(t => (t.FiredAt!.Value - dueAt).TotalMilliseconds).Order().DefaultIfEmpty(0).ToList();
        output.WriteLine(Invariant($"{CaseCount} cases opened in {opened.TotalSeconds:0.00} s on 2 nodes ({Environment.ProcessorCount} CPUs); {remindersBeforeDue} of the {CaseCount} overdue reminders had fired {remindersDone.TotalSeconds:0.00} s after the first case opened, with {slack.TotalSeconds:0.0} s left to the deadlines' due instant."));
        output.WriteLine(Invariant($"Filing deadlines due at {dueAt:O} (app clock): last fired {last.TotalSeconds:0.000} s after; median {sorted[sorted.Count / 2] / 1000:0.000} s, p95 {sorted[(int)(sorted.Count * 0.95)] / 1000:0.000} s; the poll saw none due and pending {allFiredSeen.TotalSeconds:0.000} s after."));
        foreach (var group in timers.GroupBy(t => (t.Kind, t.LeaseOwner)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.LeaseOwner, StringComparer.Ordinal))
        {
            output.WriteLine(Invariant($"{group.Key.Kind} fired by {group.Key.LeaseOwner}: {group.Count()}"));
        }

        foreach (var (name, fired) in sweptBy.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine(Invariant($"{name}'s sweeps fired {fired}; its Hangfire jobs the rest of its {timers.Count(t => t.LeaseOwner == name)}."));
        }

        output.WriteLine("Attempts (claims per timer): " + string.Join(", ", timers.GroupBy(t => t.Attempts).OrderBy(g => g.Key).Select(g => Invariant($"{g.Key}×{g.Count()}"))));
        output.WriteLine(Invariant($"Hangfire jobs: {jobsSucceeded} succeeded, {jobsFailed} failed (two servers, {WorkersPerNode} workers each, schedule polling 1 s)."));

        output.WriteLine("Timers: " + string.Join(", ", timers.GroupBy(t => (t.Kind, t.Status)).Select(g => Invariant($"{g.Key.Kind}/{g.Key.Status}×{g.Count()}"))));
        output.WriteLine("Instances: " + string.Join(", ", instances.GroupBy(i => (i.State, i.Revision)).Select(g => Invariant($"{g.Key.State}@{g.Key.Revision}×{g.Count()}"))));
        output.WriteLine("Journal: " + string.Join(", ", journal.GroupBy(j => j.Action).Select(g => Invariant($"{g.Key}×{g.Count()}"))));
        // Every deadline fired, once. A reminder fires before its deadline unless the machine was too slow to reach it
        // before the deadline passed (see the figures above); then the deadline, leaving the state, cancels it.
        Assert.Equal(2 * CaseCount, timers.Count);
        Assert.All(transitions, t => Assert.Equal(TimerStatus.Fired, t.Status));
        Assert.All(reminders, t => Assert.Contains(t.Status, new[] { TimerStatus.Fired, TimerStatus.Cancelled }));
        Assert.All(timers.Where(t => t.Status == TimerStatus.Fired), t => Assert.Contains(t.LeaseOwner, new[] { "node-a", "node-b" }));
        var reminded = reminders.Where(t => t.Status == TimerStatus.Fired).Select(t => t.InstanceId).ToHashSet();
        Assert.All(transitions, t => Assert.True(t.FiredAt >= t.DueAt, $"Timer {t.Id} fired at {t.FiredAt:O}, before it was due at {t.DueAt:O}."));
        Assert.Equal(CaseCount, transitions.Select(t => t.InstanceId).Distinct().Count());
        Assert.Equal(CaseCount, reminders.Select(t => t.InstanceId).Distinct().Count());
        Assert.Equal(0, jobsFailed);

        // Every instance advanced exactly once by its deadline: started (1), reminder (2), deadline (3).
        Assert.Equal(CaseCount, instances.Count);
        Assert.All(instances, i => Assert.Equal(("term-ends", InstanceStatus.Completed, "expired", reminded.Contains(i.Id) ? 3 : 2), (i.State, i.Status, i.EndOutcome, i.Revision)));

        // One timer-fired and one reminder-sent per instance, one sequence with no duplicate, an intact chain.
        Assert.DoesNotContain(journal.GroupBy(j => (j.InstanceId, j.Seq)), g => g.Count() > 1);
        foreach (var entries in journal.GroupBy(j => j.InstanceId))
        {
            var list = entries.ToList();
            Assert.Equal(1, list.Count(j => j.Action == "timer-fired"));
            Assert.Equal(reminded.Contains(entries.Key) ? 1 : 0, list.Count(j => j.Action == "reminder-sent"));
            Assert.Equal(reminded.Contains(entries.Key) ? ["started", "reminder-sent", "timer-fired", "entered", "ended"] : ["started", "timer-fired", "entered", "ended"], list.Select(j => j.Action));
            Assert.Null(JournalChain.Verify(list));
        }

        Assert.Equal(CaseCount, journal.Select(j => j.InstanceId).Distinct().Count());

        // The outbox: one reminder to the contractor and one expiry notice to the supervisors per instance.
        foreach (var messages in outbox.GroupBy(m => m.InstanceId))
        {
            Assert.Equal(reminded.Contains(messages.Key!.Value) ? 1 : 0, messages.Count(m => m.Template == "project-term-extension-reminder"));
            Assert.Equal(1, messages.Count(m => m.Template == "project-term-expired"));
        }

        Assert.Equal(CaseCount + reminded.Count, outbox.Count);
        Assert.Equal(CaseCount, outbox.Select(m => m.InstanceId).Distinct().Count());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    private static async Task<int> CountAsync(TestDb test, TimerKind kind, TimerStatus status)
    {
        await using var db = test.Open();
        return await db.Timers.CountAsync(t => t.Kind == kind && t.Status == status);
    }

    private static async Task<int> DuePendingAsync(TestDb test, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        await using var db = test.Open();
        return await db.Timers.CountAsync(t => t.Status == TimerStatus.Pending && t.DueAt <= now);
    }

    private static int HangfireBusy(TimerNode node)
    {
        var monitor = node.Storage.GetMonitoringApi();
        return (int)(monitor.ScheduledCount() + monitor.EnqueuedCount("default") + monitor.ProcessingCount());
    }

    /// <summary>
    /// Waits until <paramref name="remaining"/> reaches 0, or the optional <paramref name="until"/> passes, or it has
    /// not gone down for <see cref="Stall"/>: slow progress is waited for, a standstill is not.
    /// </summary>
    private static async Task WaitWhileProgressingAsync(Func<Task<int>> remaining, DateTimeOffset? until, TimeProvider clock)
    {
        var best = int.MaxValue;
        var lastProgress = clock.GetUtcNow();
        for (var left = await remaining(); left > 0; left = await remaining())
        {
            var now = clock.GetUtcNow();
            if (left < best)
            {
                (best, lastProgress) = (left, now);
            }

            if (now > until || now - lastProgress > Stall)
            {
                return;
            }

            await Task.Delay(100);
        }
    }
}
