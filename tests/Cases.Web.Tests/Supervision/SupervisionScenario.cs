using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Supervision;

/// <summary>
/// The supervisor dashboard's API on one timeline, the same on SQLite and PostgreSQL: breached, at-risk and on-time
/// tasks counted per procedure and officer, the lists, escalations first, a bulk reassignment through AssignTask
/// (journaled), breaches per week, and time to complete a step in working days against its target.
/// </summary>
internal static class SupervisionScenario
{
    public const string Jinan = "370100";

    /// <summary>A fee-rate case adjusted long ago: its notify-employer task is past its 10 working days from the start.</summary>
    public static async Task<Guid> BreachedTaskAsync(HttpClient officer, string city = Jinan)
    {
        var started = await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "fee-rate-objection",
            city,
            data = new { employerCreditCode = TestParties.NewCreditCode(city), previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2025-06", adjustedOn = "2025-09-01" },
        })).JsonAsync(HttpStatusCode.Created);
        return (await PageSupport.TaskAsync(officer, started.GetProperty("caseId").GetGuid())).Id();
    }

    public static async Task RunAsync(AppFixture app)
    {
        // The app's clock: Monday 2025-10-20 09:00 in China.
        var officer = await app.As("officer.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var breached = new[] { await BreachedTaskAsync(officer), await BreachedTaskAsync(officer), await BreachedTaskAsync(officer) };
        var (_, onTime) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        (await officer.PostJsonAsync($"/api/tasks/{breached[0]}/claim", new { })).EnsureSuccessStatusCode();
        // A demo-filing case filed today: its check-materials task has 3 working days (第十五条), completed below after 2.
        var (_, check) = await DemoFiling.AtCheckMaterialsAsync(officer, "2026-03-29", "2025-10-20");
        await app.RunDueTimersAsync(); // the breach timers of the three late tasks raise their escalations

        var overview = await (await supervisor.GetAsync("/api/supervision/overview")).JsonAsync(HttpStatusCode.OK);
        var rate = Single(overview.GetProperty("byProcedure"), p => p.Str("procedure") == "fee-rate-objection");
        Assert.Equal((1, 0, 3, 4), (rate.GetProperty("onTime").GetInt32(), rate.GetProperty("warning").GetInt32(), rate.GetProperty("breached").GetInt32(), rate.GetProperty("open").GetInt32()));
        var mine = Single(overview.GetProperty("byOfficer"), o => o.Str("assignee") == "officer.jinan");
        Assert.Equal(1, mine.GetProperty("breached").GetInt32());
        var pool = Single(overview.GetProperty("byOfficer"), o => o.GetProperty("assignee").ValueKind == JsonValueKind.Null);
        Assert.Equal((2, 2), (pool.GetProperty("breached").GetInt32(), pool.GetProperty("onTime").GetInt32()));
        var load = Single(overview.GetProperty("workload"), w => w.Str("assignee") == "officer.jinan");
        Assert.Equal((1, 1), (load.GetProperty("claimed").GetInt32(), load.GetProperty("breached").GetInt32()));

        // The breached list is the three late tasks, earliest deadline first; the at-risk list has none of them.
        var late = await (await supervisor.GetAsync($"/api/tasks?scope=open&sla=breached&city={Jinan}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(breached.Order(), late.GetProperty("items").EnumerateArray().Select(t => t.Id()).Order());
        Assert.All(late.GetProperty("items").EnumerateArray(), t => Assert.Equal("breached", t.Str("sla")));
        var atRisk = await (await supervisor.GetAsync("/api/tasks?scope=open&sla=warning")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(atRisk.GetProperty("items").EnumerateArray(), t => breached.Contains(t.Id()));

        // Escalations first: each breach the runtime raised, with its task still open.
        var board = await (await supervisor.GetAsync("/api/supervision/escalations")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(breached.Order(), board.GetProperty("breaches").EnumerateArray().Select(e => e.GetProperty("taskId").GetGuid()).Order());
        var weeks = await (await supervisor.GetAsync("/api/supervision/breaches-per-week")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(12, weeks.GetArrayLength());
        Assert.Equal("2025-10-20", weeks[11].Str("weekOf"));
        Assert.Equal(3, weeks[11].GetProperty("breaches").GetInt32());
        Assert.Equal("2025-08-04", weeks[0].Str("weekOf"));

        // Bulk reassignment: both go to officer2.jinan, each journaled as the supervisor's.
        var reassigned = await (await supervisor.PostJsonAsync("/api/supervision/reassign", new { taskIds = breached[..2], userName = "officer2.jinan" })).JsonAsync(HttpStatusCode.OK);
        Assert.All(reassigned.EnumerateArray(), r => Assert.True(r.GetProperty("assigned").GetBoolean(), r.ToString()));
        var after = await (await supervisor.GetAsync("/api/supervision/overview")).JsonAsync(HttpStatusCode.OK);
        var taken = Single(after.GetProperty("workload"), w => w.Str("assignee") == "officer2.jinan");
        Assert.Equal((2, 2), (taken.GetProperty("claimed").GetInt32(), taken.GetProperty("breached").GetInt32()));
        Assert.DoesNotContain(after.GetProperty("workload").EnumerateArray(), w => w.Str("assignee") == "officer.jinan");
        var caseId = (await (await supervisor.GetAsync($"/api/tasks?scope=open&sla=breached")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(t => t.Id() == breached[0]).GetProperty("caseId").GetGuid();
        var journal = await app.JournalAsync(caseId);
        var assigned = Assert.Single(journal, j => j.Action == "task-assigned");
        Assert.Equal("supervisor.jinan", assigned.Actor);
        Assert.Contains("officer2.jinan", assigned.DataJson, StringComparison.Ordinal);

        // A task of another city, or none at all, is not found: nothing is reassigned.
        await (await supervisor.PostJsonAsync("/api/supervision/reassign", new { taskIds = new[] { breached[2], Guid.NewGuid() }, userName = "officer2.jinan" })).ProblemAsync(HttpStatusCode.NotFound);

        // Two working days later the officer completes the check: 2 working days against the step's 3.
        app.Factory.Clock.Advance(TimeSpan.FromDays(2));
        var done = await (await DemoFiling.CompleteAsync(officer, check.Id(), "complete", new { materialsComplete = true })).JsonAsync(HttpStatusCode.OK);
        var approve = DemoFiling.SingleTask(done).Id();

        // A task that cannot go to that user (approve is a reviewer's) is refused on its own; the other is not held up.
        var mixed = await (await supervisor.PostJsonAsync("/api/supervision/reassign", new { taskIds = new[] { breached[2], approve }, userName = "officer2.jinan" })).JsonAsync(HttpStatusCode.OK);
        Assert.True(mixed[0].GetProperty("assigned").GetBoolean());
        Assert.False(mixed[1].GetProperty("assigned").GetBoolean());
        Assert.Contains("复核人员", mixed[1].Str("problem"), StringComparison.Ordinal);

        var steps = await (await supervisor.GetAsync($"/api/supervision/step-durations?city={Jinan}")).JsonAsync(HttpStatusCode.OK);
        var step = Single(steps, s => s.Str("procedure") == "demo-filing" && s.Str("state") == "check-materials");
        Assert.Equal((1, 2, 2, 3, 1), (step.GetProperty("completed").GetInt32(), step.GetProperty("median").GetInt32(), step.GetProperty("p90").GetInt32(),
            step.GetProperty("target").GetInt32(), step.GetProperty("withinTarget").GetInt32()));
        Assert.Equal(2.0m, step.GetProperty("mean").GetDecimal());
    }

    private static JsonElement Single(JsonElement array, Func<JsonElement, bool> predicate) => Assert.Single(array.EnumerateArray(), e => predicate(e));
}
