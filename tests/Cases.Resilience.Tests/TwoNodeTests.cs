using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Cases.Domain.Calendar;
using Cases.Testing;
using Cases.Workflows.Records;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Cases.Resilience.Tests;

/// <summary>
/// The product runs on more than one node: two real Cases.Web processes on one PostgreSQL database, each with its Hangfire server; 1,000 demo-filing
/// cases; clocks falling due during the run and a stream of task completions spread over both nodes; one node killed
/// with SIGKILL in the middle; the other finishes everything.
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output) : NodeRun(output)
{
    // Flow cases are filed, then checked (officer) and approved (reviewer): two completions each, the stream. Clock cases
    // wait for a filing that never comes: their reminder is overdue when they open and their filing deadline (第九条)
    // passes at the end of the run's day, as the stream begins.
    private const int FlowCases = 250;
    private const int ClockCases = 750;
    private const int Clients = 8;

    // Guards against a hung run, not speed limits: a shared 2-core machine can be many times slower than an idle one.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(90);

    [Fact]
    [Trait("Category", "Heavy")]
    public async Task Two_nodes_on_one_PostgreSQL_database_lose_and_double_nothing_when_one_is_killed_mid_run()
    {
        var run = Stopwatch.StartNew();
        var connection = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync();
        var day = NodeSettings.Day;
        var settings = NodeSettings.For(TestProvider.Postgres, connection, NodeSettings.OffsetFor(NodeSettings.MorningOf(day)), sweepCron: "*/5 * * * * *");
        // One after the other: the first migrates the empty database and seeds the demo users.
        var a = await StartAsync("node-a", settings);
        var b = await StartAsync("node-b", settings);
        var nodes = new[] { a, b };
        var killed = new ConcurrentDictionary<CasesWebProcess, bool>();
        bool Alive(CasesWebProcess node) => !killed.ContainsKey(node);
        foreach (var user in new[] { "officer.jinan", "reviewer.jinan", "supervisor.jinan", "supervisor.province" })
        {
            await Client.SignInAsync(a, user);
        }

        var started = run.Elapsed;
        var retried = 0;
        var replayed = 0;
        var sent = 0;
        async Task<JsonElement> CommandAsync(string user, string path, object body, string key)
        {
            var (answer, attempts) = await Client.SendUntilAnsweredAsync(nodes, Interlocked.Increment(ref sent) % 2, Alive, user, HttpMethod.Post, path, body, key, Patience);
            Assert.True(answer.Ok, $"{path} (key {key}) on {answer.Node}: {(int?)answer.Status} {answer.Body}");
            if (attempts > 1)
            {
                Interlocked.Increment(ref retried);
            }

            if (answer.Replayed)
            {
                Interlocked.Increment(ref replayed);
            }

            return answer.Body;
        }

        // The flow cases, filed: each waits in check-materials.
        var checks = new ConcurrentDictionary<int, Guid>();
        await Parallel.ForAsync(0, FlowCases, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, _) =>
        {
            var opened = await CommandAsync("officer.jinan", "/api/cases", Start(day.AddDays(60)), $"open-flow-{i}");
            var filed = await CommandAsync("officer.jinan", $"/api/cases/{opened.GetProperty("caseId").GetGuid()}/events/filed",
                new { filedOn = NodeSettings.Iso(day), newContractEndsOn = NodeSettings.Iso(day.AddDays(120)) }, $"file-{i}");
            checks[i] = OnlyTask(filed);
        });
        var seeded = run.Elapsed;

        // Both clocks to shortly before the end of the day, then the clock cases: their deadlines fall due about when the
        // last of them has opened, going by how fast this machine opened the flow cases (two commands each; opening a
        // clock case takes about three quarters of one of those). Moving the two
        // clocks takes one request each: the nodes then read the same time within milliseconds.
        var dueAt = ChinaTime.EndOf(day);
        var lead = TimeSpan.FromSeconds(3) + ((seeded - started) * 0.75 * ClockCases / (2.0 * FlowCases));
        foreach (var node in nodes)
        {
            var moved = await Client.SendAsync(node, "supervisor.jinan", HttpMethod.Put, "/api/dev/clock", new { now = dueAt - lead }, null);
            Assert.True(moved.Ok, $"{node.Name}: {moved.Status} {moved.Body}");
        }

        await Parallel.ForAsync(0, ClockCases, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, _) =>
            await CommandAsync("officer.jinan", "/api/cases", Start(day.AddDays(15)), $"open-clock-{i}"));
        var clocksOpened = run.Elapsed;
        var openedBeforeDue = dueAt - await AppNowAsync(b);

        // The stream: each flow case checked then approved, the commands spread over both nodes; node A is killed when
        // half of them have been answered.
        var completions = 0;
        var killAt = FlowCases; // half of the stream
        var killedAt = TimeSpan.Zero;
        var firedAtKill = 0;
        var killedAfter = 0;
        var stream = Parallel.ForAsync(0, FlowCases, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, _) =>
        {
            var check = checks[i];
            var checkedCase = await CommandAsync("officer.jinan", $"/api/tasks/{check}/complete", new { outcome = "complete", data = new { materialsComplete = true } }, $"check-{check}");
            Interlocked.Increment(ref completions);
            var approve = OnlyTask(checkedCase);
            var approved = await CommandAsync("reviewer.jinan", $"/api/tasks/{approve}/complete", new { outcome = "approved", data = new { reviewNote = "同意" } }, $"approve-{approve}");
            Assert.Equal("extended", approved.GetProperty("state").GetString());
            Interlocked.Increment(ref completions);
        });
        var killer = Task.Run(async () =>
        {
            // Halfway through the stream, and once the deadlines have begun to fire (unless the stream is nearly done):
            // node A dies with commands in flight and clocks being fired.
            while (!stream.IsCompleted)
            {
                var done = Volatile.Read(ref completions);
                if (done >= killAt && (done >= killAt * 9 / 5 || await FiredDeadlinesAsync(connection) > 0))
                {
                    break;
                }

                await Task.Delay(50);
            }

            killed[a] = true;
            a.Kill();
            killedAfter = Volatile.Read(ref completions);
            killedAt = run.Elapsed;
            firedAtKill = await FiredDeadlinesAsync(connection);
        });
        await stream;
        await killer;
        var streamed = run.Elapsed;

        // Node B finishes everything: the deadlines, and the timers node A held a lease on when it died. Those leases last
        // two minutes; rather than wait two real minutes, node B's clock moves past the last of them.
        var deadLeases = 0;
        var watch = new StallWatch(Stall);
        while (true)
        {
            await using var db = Open(connection);
            var now = await AppNowAsync(b);
            var due = await db.Timers.Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now).Select(t => new { t.LeaseOwner, t.LeaseUntil }).ToListAsync();
            if (due.Count == 0 && now > dueAt)
            {
                break;
            }

            var held = due.Where(t => t.LeaseOwner == LeaseOwnerOf(a) && t.LeaseUntil > now).ToList();
            if (held.Count > 0 && held.Count == due.Count)
            {
                deadLeases += held.Count;
                var moved = await Client.SendAsync(b, "supervisor.jinan", HttpMethod.Put, "/api/dev/clock", new { now = held.Max(t => t.LeaseUntil!.Value).AddSeconds(1) }, null);
                Assert.True(moved.Ok, $"{b.Name}: {moved.Status} {moved.Body}");
            }

            if (watch.Stalled(due.Count))
            {
                Assert.Fail(Invariant($"{due.Count} timers due and pending, none fired for {watch.Stall.TotalSeconds} s (node A was {LeaseOwnerOf(a)}): {await RunAudit.PendingFiguresAsync(db, now)}. Hangfire jobs: {await HangfireJobsAsync(connection)}.\n{b.Tail()}"));
            }

            await Task.Delay(250);
        }

        var finished = run.Elapsed;
        RunAudit audit;
        string timerFigures;
        Dictionary<string, int> firedBy;
        await using (var db = Open(connection))
        {
            audit = await RunAudit.ReadAsync(db, await AppNowAsync(b));
            timerFigures = await RunAudit.TimerFiguresAsync(db);
            firedBy = await db.Timers.Where(t => t.Status == TimerStatus.Fired).GroupBy(t => t.LeaseOwner!).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key == LeaseOwnerOf(a) ? "node-a" : g.Key == LeaseOwnerOf(b) ? "node-b" : g.Key, g => g.Count);
            Assert.Equal(FlowCases + ClockCases, await db.IdempotencyRecords.CountAsync(r => r.Key.StartsWith("open-")));
        }

        // The product's own check, as a provincial supervisor would run it after an incident: nothing stuck, every journal intact.
        var stuck = await Client.SendAsync(b, "supervisor.province", HttpMethod.Get, "/api/supervision/stuck?verifyJournals=true&graceMinutes=0", null, null);
        Assert.True(stuck.Ok, $"{stuck.Status} {stuck.Body}");

        Output.WriteLine(Invariant($"Two nodes (PostgreSQL, Hangfire on PostgreSQL, {Environment.ProcessorCount} CPUs): started in {started.TotalSeconds:0.0} s; {FlowCases} flow cases opened and filed by {seeded.TotalSeconds:0.0} s; {ClockCases} clock cases by {clocksOpened.TotalSeconds:0.0} s (lead {lead.TotalSeconds:0.0} s; {openedBeforeDue.TotalSeconds:0.0} s to spare before their deadlines fell due)."));
        Output.WriteLine(Invariant($"Stream: {2 * FlowCases} completions over both nodes; node A (pid {a.Id}) SIGKILLed at {killedAt.TotalSeconds:0.0} s after {killedAfter} answers, with {firedAtKill} of {ClockCases} deadlines fired; stream done at {streamed.TotalSeconds:0.0} s; every due timer fired by {finished.TotalSeconds:0.0} s."));
        Output.WriteLine(Invariant($"Commands re-sent after the kill: {retried}, of which {replayed} answered from the idempotency record (applied on node A before it died). Leases left by node A: {deadLeases}."));
        Output.WriteLine("Timers fired by node: " + string.Join(", ", firedBy.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => Invariant($"{f.Key} {f.Value}"))) + ". " + timerFigures);
        Output.WriteLine(Invariant($"Cases {audit.Cases}, instances ended {audit.CompletedInstances}, journal entries {audit.JournalEntries}, timers fired {audit.TimersFired}, tasks completed {audit.TasksCompleted}; kills 1, duplicates {audit.Duplicates}, lost {audit.Lost}, half applied {audit.HalfApplied.Count}, stuck {stuck.Body.GetProperty("total").GetInt32()}; {run.Elapsed.TotalSeconds:0.0} s."));

        Assert.Empty(audit.Problems);
        Assert.Empty(audit.HalfApplied);
        Assert.Equal((0, 0, 0), (audit.Duplicates, audit.Lost, audit.OverduePending));
        Assert.Equal(FlowCases + ClockCases, audit.Cases);
        Assert.Equal(FlowCases + ClockCases, audit.CompletedInstances);
        Assert.Equal(2 * FlowCases, audit.TasksCompleted);
        Assert.Equal(0, stuck.Body.GetProperty("total").GetInt32());
        Assert.Equal(FlowCases + ClockCases, stuck.Body.GetProperty("journalsChecked").GetInt32());
        Assert.True(firedBy.ContainsKey("node-b"), "node B fired nothing");
    }

    private static Cases.Application.Persistence.CasesDb Open(string connection) => ProductDatabases.Open(TestProvider.Postgres, connection);

    private static async Task<int> FiredDeadlinesAsync(string connection)
    {
        await using var db = Open(connection);
        return await db.Timers.CountAsync(t => t.Status == TimerStatus.Fired && t.Kind == TimerKind.Transition);
    }

    /// <summary>Hangfire's jobs by state and the locks held, from its tables in the same database, for a stall report.</summary>
    private static async Task<string> HangfireJobsAsync(string connection)
    {
        await using var db = new Npgsql.NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT coalesce(statename, '(none)') || ' ' || count(*) FROM hangfire.job GROUP BY statename " +
            "UNION ALL SELECT 'lock ' || resource || ' taken ' || round(extract(epoch FROM now() - acquired)) || ' s ago' FROM hangfire.lock ORDER BY 1", db);
        var states = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states.Add(reader.GetString(0));
        }

        return string.Join(", ", states);
    }
}
