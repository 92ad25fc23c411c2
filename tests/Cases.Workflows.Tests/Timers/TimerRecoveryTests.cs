using System.Text.Json.Nodes;
using Cases.Testing;
using Cases.Workflows.Instances;
using Cases.Workflows.Records;
using Cases.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Cases.Workflows.Tests.Timers;

public class TimerRecoveryTests
{
    // 09:00 in Jinan on 2025-10-20.
    private static readonly DateTimeOffset Start = new(2025, 10, 20, 1, 0, 0, TimeSpan.Zero);

    // Filing deadline (第九条: 15 days before) 2025-11-05, passing at 2025-11-05 16:00 UTC; reminder from 2025-10-25 16:00 UTC.
    private static readonly DateOnly ContractEndsOn = new(2025, 11, 20);
    private static readonly DateTimeOffset FilingDeadlinePasses = new(2025, 11, 5, 16, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Timers_that_come_due_while_no_node_runs_fire_once_from_the_sweep_of_the_node_that_starts_next(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var overdue = new List<StartedCase>();
        StartedCase notYetDue;
        await using (var a = TimerNode.Create(test, "node-a", clock, JobStore.InMemory))
        {
            await a.SeedAsync();
            foreach (var ends in new[] { ContractEndsOn, new DateOnly(2025, 11, 25), new DateOnly(2025, 12, 1) })
            {
                overdue.Add(await a.StartFilingCaseAsync(ends));
            }

            notYetDue = await a.StartFilingCaseAsync(new DateOnly(2026, 3, 1));
            Assert.Equal(8, a.Storage.GetMonitoringApi().ScheduledCount());
        }

        // Node A is gone, and its in-memory jobs with it. Time passes with no node running; node B starts fresh.
        clock.SetUtcNow(new DateTimeOffset(2025, 12, 20, 1, 0, 0, TimeSpan.Zero));
        await using var b = TimerNode.Create(test, "node-b", clock, JobStore.InMemory);
        Assert.Equal(0, b.Storage.GetMonitoringApi().ScheduledCount());

        var fired = await b.SweepAsync();

        Assert.Equal(6, fired.Count);
        Assert.Equal(3, fired.Count(f => f is { Kind: TimerKind.Reminder, MovedTo: null }));
        Assert.Equal(3, fired.Count(f => f is { Kind: TimerKind.Transition, MovedTo: "term-ends" }));
        await using (var db = test.Open())
        {
            foreach (var started in overdue)
            {
                var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId);
                Assert.Equal(("term-ends", InstanceStatus.Completed, "expired"), (instance.State, instance.Status, instance.EndOutcome));
                var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == started.InstanceId).ToListAsync();
                Assert.Equal(2, timers.Count);
                Assert.All(timers, t => Assert.Equal((TimerStatus.Fired, "node-b", 1, clock.GetUtcNow()), (t.Status, t.LeaseOwner, t.Attempts, t.FiredAt)));
                var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == started.InstanceId).OrderBy(j => j.Seq).ToListAsync();
                Assert.Equal(["started", "reminder-sent", "timer-fired", "entered", "ended"], journal.Select(j => j.Action));
                Assert.Equal(("await-filing", "term-ends"), (journal[2].FromState, journal[2].ToState));
                Assert.Null(JournalChain.Verify(journal));
            }

            var waiting = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == notYetDue.InstanceId);
            Assert.Equal(("await-filing", InstanceStatus.Running), (waiting.State, waiting.Status));
            Assert.All(await db.Timers.AsNoTracking().Where(t => t.InstanceId == notYetDue.InstanceId).ToListAsync(), t => Assert.Equal((TimerStatus.Pending, 0), (t.Status, t.Attempts)));
        }

        // A second sweep, and the old jobs if they had survived, find nothing left to do.
        Assert.Empty(await b.SweepAsync());
        await using (var db = test.Open())
        {
            foreach (var id in await db.Timers.AsNoTracking().Where(t => t.InstanceId != notYetDue.InstanceId).Select(t => t.Id).ToListAsync())
            {
                Assert.Null(await b.FireAsync(id));
            }

            Assert.Equal(3, await db.Journal.CountAsync(j => j.Action == "timer-fired"));
            Assert.Equal(3, await db.Outbox.CountAsync(m => m.Template == "project-term-extension-reminder"));
        }
    }

    /// <summary>
    /// A case's reminder and its deadline, overdue together (a node back after a stop), fired side by side by two of
    /// Hangfire's workers: the node takes them one after the other, so neither loses a race on the case's journal (which
    /// EF Core would log as a failed command) and neither is left for a retry.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Two_timers_of_one_case_falling_due_together_both_settle_at_the_first_attempt(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        await using var node = TimerNode.Create(test, "node-a", clock, JobStore.InMemory);
        await node.SeedAsync();
        var cases = new List<StartedCase>();
        for (var i = 0; i < 8; i++)
        {
            cases.Add(await node.StartFilingCaseAsync(ContractEndsOn));
        }

        clock.SetUtcNow(FilingDeadlinePasses.AddHours(1));
        List<Guid> ids;
        await using (var db = test.Open())
        {
            ids = await db.Timers.AsNoTracking().Select(t => t.Id).ToListAsync();
        }

        Assert.Equal(16, ids.Count);
        await Task.WhenAll(ids.Select(id => Task.Run(() => node.FireAsync(id))));

        await using (var db = test.Open())
        {
            var timers = await db.Timers.AsNoTracking().ToListAsync();
            // Each deadline fired; each reminder fired before it, or was cancelled by it (the state it waited in was left).
            Assert.All(timers.Where(t => t.Kind == TimerKind.Transition), t => Assert.Equal((TimerStatus.Fired, 1), (t.Status, t.Attempts)));
            Assert.All(timers.Where(t => t.Kind == TimerKind.Reminder), t => Assert.Contains(t.Status, new[] { TimerStatus.Fired, TimerStatus.Cancelled }));
            // None lost a race and waits for a retry (a reminder cancelled before its claim was never attempted).
            Assert.All(timers, t => Assert.True(t.Status != TimerStatus.Pending && t.Attempts <= 1, $"{t.Kind} {t.Status} after {t.Attempts} attempts"));
            foreach (var started in cases)
            {
                var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId);
                Assert.Equal(("term-ends", InstanceStatus.Completed), (instance.State, instance.Status));
                var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == started.InstanceId).OrderBy(j => j.Seq).ToListAsync();
                Assert.Equal(1, journal.Count(j => j.Action == "timer-fired"));
                Assert.Null(JournalChain.Verify(journal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_timer_leased_by_a_node_that_died_mid_firing_fires_once_after_the_lease_runs_out(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        await using var node = TimerNode.Create(test, "node-b", clock);
        await node.SeedAsync();
        var started = await node.StartFilingCaseAsync(ContractEndsOn);
        var deadline = await TimerAsync(test, started, TimerKind.Transition);

        // Node A claimed the filing deadline a minute after it passed and died before its transaction committed:
        // the claim (lease for two minutes, one attempt) is all that is left of it.
        clock.SetUtcNow(FilingDeadlinePasses.AddMinutes(1));
        var leaseUntil = clock.GetUtcNow().AddMinutes(2);
        await using (var db = test.Open())
        {
            await db.Timers.Where(t => t.Id == deadline.Id).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.LeaseOwner, "node-a")
                .SetProperty(t => t.LeaseUntil, leaseUntil)
                .SetProperty(t => t.Attempts, 1));
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        var fired = await node.SweepAsync();
        Assert.Equal(TimerKind.Reminder, Assert.Single(fired).Kind);
        Assert.Null(await node.FireAsync(deadline.Id));
        clock.SetUtcNow(leaseUntil);
        Assert.Empty(await node.SweepAsync());
        Assert.Null(await node.FireAsync(deadline.Id));
        await using (var db = test.Open())
        {
            var held = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == deadline.Id);
            Assert.Equal((TimerStatus.Pending, "node-a", 1, leaseUntil), (held.Status, held.LeaseOwner, held.Attempts, held.LeaseUntil));
            Assert.Equal("await-filing", (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId)).State);
        }

        // Once the dead node's lease has run out, the next sweep fires the deadline, once.
        clock.Advance(TimeSpan.FromSeconds(1));
        var retried = Assert.Single(await node.SweepAsync());
        Assert.Equal((deadline.Id, TimerKind.Transition, "term-ends"), (retried.TimerId, retried.Kind, retried.MovedTo));
        Assert.Empty(await node.SweepAsync());
        Assert.Null(await node.FireAsync(deadline.Id));
        await using (var db = test.Open())
        {
            var done = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == deadline.Id);
            Assert.Equal((TimerStatus.Fired, "node-b", 2, clock.GetUtcNow()), (done.Status, done.LeaseOwner, done.Attempts, done.FiredAt));
            Assert.Equal(1, await db.Journal.CountAsync(j => j.InstanceId == started.InstanceId && j.Action == "timer-fired"));
            var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId);
            Assert.Equal(("term-ends", InstanceStatus.Completed), (instance.State, instance.Status));
        }
    }

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Leaving_the_state_cancels_its_timers_and_no_later_sweep_or_job_fires_them(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        await using var node = TimerNode.Create(test, "node-a", clock);
        await node.SeedAsync();
        var started = await node.StartFilingCaseAsync(ContractEndsOn);

        var state = await node.RecordEventAsync(started.CaseId, "filed", new JsonObject { ["filedOn"] = "2025-10-20", ["newContractEndsOn"] = "2026-01-31" });
        Assert.Equal("check-materials", state.State);
        await using (var db = test.Open())
        {
            var left = await db.Timers.AsNoTracking().Where(t => t.InstanceId == started.InstanceId && t.State == "await-filing").ToListAsync();
            Assert.Equal([TimerKind.Transition, TimerKind.Reminder], left.OrderBy(t => t.Kind).Select(t => t.Kind));
            Assert.All(left, t => Assert.Equal(TimerStatus.Cancelled, t.Status));
        }

        // Long after both would have come due: the sweep fires only the check-materials task's own timers, and the
        // filing deadline's job (scheduled when the case opened) finds nothing to do.
        clock.SetUtcNow(new DateTimeOffset(2025, 12, 20, 1, 0, 0, TimeSpan.Zero));
        var fired = await node.SweepAsync();
        Assert.All(fired, f => Assert.Equal("check-materials", f.State));
        Assert.Equal([TimerKind.TaskWarning, TimerKind.TaskBreach], fired.Select(f => f.Kind).Order());
        var deadline = await TimerAsync(test, started, TimerKind.Transition);
        Assert.Null(await node.FireAsync(deadline.Id));
        Assert.Null(await node.FireAsync((await TimerAsync(test, started, TimerKind.Reminder)).Id));
        Assert.Empty(await node.SweepAsync());

        await using (var db = test.Open())
        {
            var left = await db.Timers.AsNoTracking().Where(t => t.InstanceId == started.InstanceId && t.State == "await-filing").ToListAsync();
            Assert.All(left, t => Assert.Equal((TimerStatus.Cancelled, 0, (string?)null, (DateTimeOffset?)null), (t.Status, t.Attempts, t.LeaseOwner, t.FiredAt)));
            var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId);
            Assert.Equal(("check-materials", InstanceStatus.Running), (instance.State, instance.Status));
            var actions = await db.Journal.AsNoTracking().Where(j => j.InstanceId == started.InstanceId).Select(j => j.Action).ToListAsync();
            Assert.DoesNotContain("timer-fired", actions);
            Assert.DoesNotContain("reminder-sent", actions);
            Assert.Equal(0, await db.Outbox.CountAsync(m => m.Template == "project-term-extension-reminder"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_job_that_runs_before_the_timer_is_due_does_nothing_and_schedules_itself_again(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        await using var node = TimerNode.Create(test, "node-a", clock, JobStore.InMemory);
        await node.SeedAsync();
        var started = await node.StartFilingCaseAsync(ContractEndsOn);
        var deadline = await TimerAsync(test, started, TimerKind.Transition);
        Assert.Equal(FilingDeadlinePasses, deadline.DueAt);
        var monitor = node.Storage.GetMonitoringApi();
        var scheduled = monitor.ScheduledCount();

        // Hangfire keeps whole seconds: a job may start up to a second early.
        clock.SetUtcNow(FilingDeadlinePasses.AddMilliseconds(-400));
        Assert.Null(await node.FireAsync(deadline.Id));
        await using (var db = test.Open())
        {
            var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == deadline.Id);
            Assert.Equal((TimerStatus.Pending, 0, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null), (timer.Status, timer.Attempts, timer.LeaseOwner, timer.LeaseUntil, timer.FiredAt));
            Assert.Equal("await-filing", (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId)).State);
            Assert.Equal(0, await db.Journal.CountAsync(j => j.InstanceId == started.InstanceId && j.Action == "timer-fired"));
        }

        Assert.Equal(scheduled + 1, monitor.ScheduledCount());

        // At the due instant the rescheduled job fires it.
        clock.SetUtcNow(FilingDeadlinePasses);
        var fired = await node.FireAsync(deadline.Id);
        Assert.Equal((TimerKind.Transition, "term-ends"), (fired?.Kind, fired?.MovedTo));
    }

    private static async Task<WorkflowTimer> TimerAsync(TestDb test, StartedCase started, TimerKind kind)
    {
        await using var db = test.Open();
        return await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == started.InstanceId && t.State == "await-filing" && t.Kind == kind);
    }
}
