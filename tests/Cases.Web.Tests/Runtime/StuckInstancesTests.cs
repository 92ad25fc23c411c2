using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Support;
using Cases.Workflows.Records;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Runtime;

/// <summary>
/// The supervisors' stuck-case check (GET /api/supervision/stuck) on cases broken on purpose, each in one way, next to
/// healthy ones: what it reports, what it leaves alone, the grace period, the optional journal check and city scoping.
/// </summary>
internal static class StuckInstanceScenarios
{
    public static async Task FindsEachKindOfStuckCaseAndNothingElseAsync(AppFixture app)
    {
        var officer = await app.As("officer.jinan");
        var supervisor = await app.As("supervisor.jinan");

        // Healthy: a case waiting for its filing (clocks pending), one in check-materials (an open task).
        var waiting = await DemoFiling.StartCaseAsync(officer, "2026-06-30");
        var (working, _) = await DemoFiling.AtCheckMaterialsAsync(officer, filedOn: "2025-10-20");

        // A case in a task state whose task and clocks are gone (what a half-applied command would leave): nothing moves it.
        var (taskLost, _) = await DemoFiling.AtCheckMaterialsAsync(officer, filedOn: "2025-10-20");
        await app.InDbAsync(async db =>
        {
            var instance = await db.Instances.SingleAsync(i => i.CaseId == taskLost);
            await db.Timers.Where(t => t.InstanceId == instance.Id).ExecuteDeleteAsync();
            return await db.Tasks.Where(t => t.InstanceId == instance.Id).ExecuteDeleteAsync();
        });

        // A case waiting for an event with its clocks gone is not stuck: the filing can still come.
        var waitsForEvent = await DemoFiling.StartCaseAsync(officer, "2026-07-31");
        await app.InDbAsync(async db =>
        {
            var instance = await db.Instances.SingleAsync(i => i.CaseId == waitsForEvent);
            return await db.Timers.Where(t => t.InstanceId == instance.Id).ExecuteDeleteAsync();
        });

        // Opened late: its filing deadline passed on 10/17 and its reminder on 10/07, and no sweep has run since (the test
        // app has no job server). The deadline's firer died holding its lease.
        var overdue = await DemoFiling.StartCaseAsync(officer, "2025-11-01");
        await app.InDbAsync(async db =>
        {
            var instance = await db.Instances.SingleAsync(i => i.CaseId == overdue);
            return await db.Timers.Where(t => t.InstanceId == instance.Id && t.Kind == TimerKind.Transition)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseOwner, "node-gone:4242").SetProperty(t => t.LeaseUntil, new DateTimeOffset(2025, 10, 18, 0, 0, 0, TimeSpan.Zero)));
        });

        // Claimed by someone who has since left: only a supervisor's reassignment frees it.
        var (abandoned, abandonedTask) = await DemoFiling.AtCheckMaterialsAsync(officer, filedOn: "2025-10-20");
        await app.InDbAsync(db => db.Tasks.Where(t => t.Id == abandonedTask.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, HumanTaskStatus.Claimed).SetProperty(t => t.Assignee, "former.officer")));

        // A journal edited behind the product's back.
        var (tampered, _) = await DemoFiling.AtCheckMaterialsAsync(officer, filedOn: "2025-10-20");
        await app.InDbAsync(async db =>
        {
            var instance = await db.Instances.SingleAsync(i => i.CaseId == tampered);
            return await db.Journal.Where(j => j.InstanceId == instance.Id && j.Seq == 1).ExecuteUpdateAsync(s => s.SetProperty(j => j.Actor, "someone.else"));
        });

        var report = await (await supervisor.GetAsync("/api/supervision/stuck")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("370100", report.Str("city"));
        Assert.Equal(5, report.GetProperty("graceMinutes").GetInt32());
        Assert.False(report.GetProperty("journalsVerified").GetBoolean());
        Assert.Equal((1, 2, 1, 0), Counts(report));
        Assert.Equal(
            [("noWayForward", taskLost), ("overdueTimer", overdue), ("overdueTimer", overdue), ("abandonedClaim", abandoned)],
            Items(report).OrderBy(i => i.Reason == "noWayForward" ? 0 : i.Reason == "overdueTimer" ? 1 : 2).ToList());
        var lease = Assert.Single(report.GetProperty("items").EnumerateArray(), i => i.Str("leaseOwner") is not null);
        Assert.Equal("node-gone:4242", lease.Str("leaseOwner"));
        Assert.StartsWith("Transition clock of state 'await-filing' (第九条) was due 2025-10-17", lease.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("check-materials", Assert.Single(report.GetProperty("items").EnumerateArray(), i => i.Str("reason") == "noWayForward").Str("detail"), StringComparison.Ordinal);
        Assert.Contains("former.officer", Assert.Single(report.GetProperty("items").EnumerateArray(), i => i.Str("reason") == "abandonedClaim").Str("detail"), StringComparison.Ordinal);
        var healthy = new[] { waiting, working, waitsForEvent, tampered };
        Assert.DoesNotContain(Items(report), i => healthy.Contains(i.CaseId));

        // A week's grace leaves out the deadline three days overdue, not the reminder thirteen days overdue.
        var lenient = await (await supervisor.GetAsync("/api/supervision/stuck?graceMinutes=10080")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 1, 0), Counts(lenient));
        Assert.Contains("Reminder", Assert.Single(lenient.GetProperty("items").EnumerateArray(), i => i.Str("reason") == "overdueTimer").Str("detail"), StringComparison.Ordinal);

        // Only when asked does it read every journal; then the edited one shows, with the entry that breaks.
        var verified = await (await supervisor.GetAsync("/api/supervision/stuck?verifyJournals=true")).JsonAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("journalsVerified").GetBoolean());
        Assert.Equal((1, 2, 1, 1), Counts(verified));
        Assert.Equal(7, verified.GetProperty("journalsChecked").GetInt32());
        var broken = Assert.Single(verified.GetProperty("items").EnumerateArray(), i => i.Str("reason") == "brokenJournal");
        Assert.Equal((tampered, "journal entry 1: its content does not match its hash"), (broken.GetProperty("caseId").GetGuid(), broken.Str("detail")));
        Assert.Equal(7, verified.GetProperty("runningInstances").GetInt32());

        await (await supervisor.GetAsync("/api/supervision/stuck?graceMinutes=-1")).FieldErrorAsync("graceMinutes");
        await (await supervisor.GetAsync("/api/supervision/stuck?verifyJournals=perhaps")).FieldErrorAsync("verifyJournals");
    }

    public static async Task IsScopedToTheSupervisorsCityAsync(AppFixture app)
    {
        var qingdaoOfficer = await app.As("officer.qingdao");
        var started = await (await qingdaoOfficer.PostJsonAsync("/api/cases", new { procedure = DemoFiling.Key, city = "370200", data = new { contractEndsOn = "2025-11-01" } }))
            .JsonAsync(HttpStatusCode.Created);
        var qingdaoCase = started.GetProperty("caseId").GetGuid();

        var jinan = await (await (await app.As("supervisor.jinan")).GetAsync("/api/supervision/stuck")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(Items(jinan), i => i.CaseId == qingdaoCase);
        await (await (await app.As("supervisor.jinan")).GetAsync("/api/supervision/stuck?city=370200")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.As("officer.qingdao")).GetAsync("/api/supervision/stuck")).ProblemAsync(HttpStatusCode.Forbidden);

        var province = await app.As("supervisor.province");
        var qingdao = await (await province.GetAsync("/api/supervision/stuck?city=370200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([("overdueTimer", qingdaoCase), ("overdueTimer", qingdaoCase)], Items(qingdao));
        var all = await (await province.GetAsync("/api/supervision/stuck")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, all.GetProperty("city").ValueKind);
        Assert.Contains(Items(all), i => i.CaseId == qingdaoCase);
    }

    private static (int NoWayForward, int OverdueTimers, int AbandonedClaims, int BrokenJournals) Counts(JsonElement report) =>
        (report.GetProperty("noWayForward").GetInt32(), report.GetProperty("overdueTimers").GetInt32(),
            report.GetProperty("abandonedClaims").GetInt32(), report.GetProperty("brokenJournals").GetInt32());

    private static List<(string Reason, Guid CaseId)> Items(JsonElement report) =>
        report.GetProperty("items").EnumerateArray().Select(i => (i.Str("reason")!, i.GetProperty("caseId").GetGuid())).ToList();
}

public sealed class SqliteStuckInstancesTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public Task The_stuck_check_finds_each_kind_of_stuck_case_and_leaves_healthy_ones_alone_on_SQLite() =>
        StuckInstanceScenarios.FindsEachKindOfStuckCaseAndNothingElseAsync(app);

    [Fact]
    public Task The_stuck_check_shows_a_city_supervisor_only_their_city_on_SQLite() => StuckInstanceScenarios.IsScopedToTheSupervisorsCityAsync(app);
}

public sealed class PostgresStuckInstancesTests(PostgresRuntimeApp app) : IClassFixture<PostgresRuntimeApp>
{
    [Fact]
    public Task The_stuck_check_finds_each_kind_of_stuck_case_and_leaves_healthy_ones_alone_on_PostgreSQL() =>
        StuckInstanceScenarios.FindsEachKindOfStuckCaseAndNothingElseAsync(app);

    [Fact]
    public Task The_stuck_check_shows_a_city_supervisor_only_their_city_on_PostgreSQL() => StuckInstanceScenarios.IsScopedToTheSupervisorsCityAsync(app);
}
