using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Cases.Testing;
using Cases.Workflows.Records;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Cases.Resilience.Tests;

/// <summary>
/// A crash must not leave a case half done: the node is SIGKILLed while a burst of commands is in flight. On restart no case is half applied (its
/// state, tasks, clocks and journal agree), the start-up sweep fires every clock that came due while it was down, and
/// each command the clients send again with its Idempotency-Key applies exactly once.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : NodeRun(output)
{
    // Flow cases wait in check-materials; the burst checks and approves them and opens new cases, all at once. Clock
    // cases have a filing deadline (第九条) at the end of the next day, which passes while the node is down.
    private const int FlowCases = 40;
    private const int ClockCases = 40;
    private const int NewCases = 40;
    private const int Clients = 16;

    // The burst is killed once this many of its commands have been answered: the rest are in flight or not yet sent.
    private const int KillAfter = 30;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task A_node_killed_in_a_burst_of_commands_restarts_with_no_case_half_applied_and_sweeps_every_overdue_clock(TestProvider provider)
    {
        var run = Stopwatch.StartNew();
        var connection = await TestDatabases.CreateAsync(provider);
        var day = NodeSettings.Day;
        var offset = NodeSettings.OffsetFor(NodeSettings.MorningOf(day));
        var node = await StartAsync("node", NodeSettings.For(provider, connection, offset));
        var started = run.Elapsed;
        foreach (var user in new[] { "officer.jinan", "reviewer.jinan", "supervisor.jinan" })
        {
            await Client.SignInAsync(node, user);
        }

        var checks = new ConcurrentDictionary<int, Guid>();
        await Parallel.ForAsync(0, FlowCases + ClockCases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            if (i >= FlowCases)
            {
                await CommandAsync(node, "officer.jinan", "/api/cases", Start(day.AddDays(16)), $"open-clock-{i}");
                return;
            }

            var opened = await CommandAsync(node, "officer.jinan", "/api/cases", Start(day.AddDays(60)), $"open-flow-{i}");
            var filed = await CommandAsync(node, "officer.jinan", $"/api/cases/{opened.GetProperty("caseId").GetGuid()}/events/filed",
                new { filedOn = NodeSettings.Iso(day), newContractEndsOn = NodeSettings.Iso(day.AddDays(120)) }, $"file-{i}");
            checks[i] = OnlyTask(filed);
        });
        var seeded = run.Elapsed;

        // The burst: every flow case checked then approved, and new cases opened, from many clients at once. Commands the
        // node does not answer are kept, to be sent again after the restart.
        var unanswered = new ConcurrentBag<Pending>();
        var answered = 0;
        var dead = false;
        var work = Enumerable.Range(0, FlowCases).Select(i => (Kind: "flow", Index: i))
            .Concat(Enumerable.Range(0, NewCases).Select(i => (Kind: "new", Index: i)))
            .OrderBy(w => w.Index).ToList();
        async Task<JsonElement?> BurstAsync(Pending command)
        {
            if (Volatile.Read(ref dead))
            {
                unanswered.Add(command with { Sent = false });
                return null;
            }

            var answer = await Client.SendAsync(node, command.User, HttpMethod.Post, command.Path, command.Body, command.Key);
            if (answer.Status is null)
            {
                unanswered.Add(command);
                return null;
            }

            Assert.True(answer.Ok, $"{command.Path} (key {command.Key}): {(int?)answer.Status} {answer.Body}");
            Interlocked.Increment(ref answered);
            return answer.Body;
        }

        var burst = Parallel.ForAsync(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (w, _) =>
        {
            var (kind, i) = work[w];
            if (kind == "new")
            {
                await BurstAsync(new("officer.jinan", "/api/cases", Start(day.AddDays(90)), $"open-new-{i}"));
                return;
            }

            var check = checks[i];
            if (await BurstAsync(CheckOf(check)) is { } checkedCase)
            {
                await BurstAsync(ApproveOf(OnlyTask(checkedCase)));
            }
        });
        while (Volatile.Read(ref answered) < KillAfter && !burst.IsCompleted)
        {
            await Task.Delay(5);
        }

        Volatile.Write(ref dead, true);
        node.Kill();
        await burst;
        var killedAt = run.Elapsed;

        // What the kill left, before anything runs again: whatever it interrupted is either whole or absent, never half applied.
        var afterKill = await AuditAsync(provider, connection, NodeSettings.MorningOf(day));
        Assert.Empty(afterKill.HalfApplied);

        // Two days pass with no node running: the clock cases' deadlines (end of tomorrow) and the approvals' warnings come due.
        var restartedAppNow = NodeSettings.MorningOf(day.AddDays(2));
        List<Guid> overdue;
        await using (var db = ProductDatabases.Open(provider, connection))
        {
            overdue = await db.Timers.Where(t => t.Status == TimerStatus.Pending && t.DueAt <= restartedAppNow).Select(t => t.Id).ToListAsync();
        }

        var restarting = Stopwatch.StartNew();
        node = await StartAsync("node, restarted", NodeSettings.For(provider, connection, NodeSettings.OffsetFor(restartedAppNow)));
        var ready = restarting.Elapsed;

        // The start-up sweep fires every clock that came due while the node was down, once, on the restarted node.
        var watch = new StallWatch(TimeSpan.FromSeconds(90));
        List<WorkflowTimer> fired;
        while (true)
        {
            await using var db = ProductDatabases.Open(provider, connection);
            fired = await db.Timers.AsNoTracking().Where(t => overdue.Contains(t.Id)).ToListAsync();
            if (fired.All(t => t.Status != TimerStatus.Pending))
            {
                break;
            }

            if (watch.Stalled(fired.Count(t => t.Status == TimerStatus.Pending)))
            {
                Assert.Fail(Invariant($"{fired.Count(t => t.Status == TimerStatus.Pending)} of {overdue.Count} overdue clocks still pending, none fired for {watch.Stall.TotalSeconds} s: {await RunAudit.PendingFiguresAsync(db, restartedAppNow)}.\n{node.Tail()}"));
            }

            await Task.Delay(200);
        }

        var swept = restarting.Elapsed;
        Assert.All(fired, t => Assert.Equal((TimerStatus.Fired, LeaseOwnerOf(node)), (t.Status, t.LeaseOwner)));

        // The clients send their unanswered commands again, same keys: each applies once, whether or not it had before the kill.
        foreach (var user in new[] { "officer.jinan", "reviewer.jinan", "supervisor.jinan" })
        {
            await Client.SignInAsync(node, user);
        }

        var replayed = 0;
        var appliedNow = 0;
        foreach (var command in unanswered)
        {
            var (answer, _) = await Client.SendUntilAnsweredAsync([node], 0, _ => true, command.User, HttpMethod.Post, command.Path, command.Body, command.Key, Patience);
            Assert.True(answer.Ok, $"{command.Path} (key {command.Key}) after the restart: {(int?)answer.Status} {answer.Body}");
            if (answer.Replayed)
            {
                replayed++;
            }
            else if (command.Sent)
            {
                appliedNow++;
            }
        }

        var audit = await AuditAsync(provider, connection, await AppNowAsync(node));
        var stuck = await Client.SendAsync(node, "supervisor.jinan", HttpMethod.Get, "/api/supervision/stuck?verifyJournals=true", null, null);
        Assert.True(stuck.Ok, $"{stuck.Status} {stuck.Body}");
        int opened;
        int keys;
        string timers;
        await using (var db = ProductDatabases.Open(provider, connection))
        {
            opened = await db.Cases.CountAsync();
            keys = await db.IdempotencyRecords.CountAsync();
            timers = await RunAudit.TimerFiguresAsync(db);
        }

        Output.WriteLine(Invariant($"{provider}: node ready at {started.TotalSeconds:0.0} s; {FlowCases} flow and {ClockCases} clock cases opened by {seeded.TotalSeconds:0.0} s; burst of {work.Count} work items from {Clients} clients; SIGKILL at {killedAt.TotalSeconds:0.0} s after {KillAfter} answers, with {unanswered.Count(c => c.Sent)} commands in flight (and {unanswered.Count(c => !c.Sent)} not yet sent)."));
        Output.WriteLine(Invariant($"Restarted two days later (app clock): {overdue.Count} clocks overdue ({string.Join(", ", fired.GroupBy(t => t.Kind).Select(g => $"{g.Key}×{g.Count()}"))}); ready {ready.TotalSeconds:0.0} s after the start, all fired by the restarted node {swept.TotalSeconds:0.0} s after the start. {timers}."));
        Output.WriteLine(Invariant($"Sent again with their keys: of the {unanswered.Count(c => c.Sent)} in flight, {replayed} answered from the idempotency record (applied before the kill) and {appliedNow} applied now. Cases {opened}, idempotency records {keys}, tasks completed {audit.TasksCompleted}, journal entries {audit.JournalEntries}; kills 1, duplicates {audit.Duplicates}, lost {audit.Lost}, half applied {afterKill.HalfApplied.Count} after the kill and {audit.HalfApplied.Count} at the end; {run.Elapsed.TotalSeconds:0.0} s."));

        Assert.Empty(audit.Problems);
        Assert.Empty(audit.HalfApplied);
        Assert.Equal((0, 0, 0), (audit.Duplicates, audit.Lost, audit.OverduePending));
        Assert.True(overdue.Count >= ClockCases, $"only {overdue.Count} clocks were overdue at the restart");
        Assert.False(unanswered.IsEmpty, "the kill interrupted nothing");
        Assert.Equal(FlowCases + ClockCases + NewCases, opened);
        // Every command of the burst applied once: its key recorded once, its effect there once.
        Assert.Equal(FlowCases + ClockCases + NewCases + FlowCases /* filings */ + audit.TasksCompleted, keys);
        Assert.Equal(0, stuck.Body.GetProperty("total").GetInt32());
    }

    private sealed record Pending(string User, string Path, object Body, string Key, bool Sent = true);

    private static Pending CheckOf(Guid task) =>
        new("officer.jinan", $"/api/tasks/{task}/complete", new { outcome = "complete", data = new { materialsComplete = true } }, $"check-{task}");

    private static Pending ApproveOf(Guid task) =>
        new("reviewer.jinan", $"/api/tasks/{task}/complete", new { outcome = "approved", data = new { reviewNote = "同意" } }, $"approve-{task}");

    private async Task<JsonElement> CommandAsync(CasesWebProcess node, string user, string path, object body, string key)
    {
        var answer = await Client.SendAsync(node, user, HttpMethod.Post, path, body, key);
        Assert.True(answer.Ok, $"{path} (key {key}): {(int?)answer.Status} {answer.Body}\n{node.Tail()}");
        return answer.Body;
    }

    private static async Task<RunAudit> AuditAsync(TestProvider provider, string connection, DateTimeOffset now)
    {
        await using var db = ProductDatabases.Open(provider, connection);
        return await RunAudit.ReadAsync(db, now);
    }
}
