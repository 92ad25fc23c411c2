using System.Net;
using System.Text;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Supervision;

/// <summary>The dashboard's whole timeline on SQLite (its own app: it moves the clock and counts every task).</summary>
public sealed class SupervisionScenarioTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public Task Supervisor_counts_lists_escalations_reassigns_in_bulk_and_measures_steps_in_working_days() => SupervisionScenario.RunAsync(app);
}

/// <summary>The same timeline on PostgreSQL: the step durations' day arithmetic is that provider's own SQL.</summary>
public sealed class SupervisionPostgresTests(PostgresRuntimeApp app) : IClassFixture<PostgresRuntimeApp>
{
    [Fact]
    public Task Supervisor_counts_lists_escalations_reassigns_in_bulk_and_measures_steps_in_working_days_on_PostgreSQL() => SupervisionScenario.RunAsync(app);
}

/// <summary>Who sees which city's figures, what a reassignment refuses, and the CSV exports.</summary>
public sealed class SupervisionApiTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task City_staff_see_their_city_provincial_staff_every_city_or_one_and_others_nothing()
    {
        await SupervisionScenario.BreachedTaskAsync(await app.As("officer.jinan"));
        await SupervisionScenario.BreachedTaskAsync(await app.As("officer.qingdao"), "370200");

        await (await (await app.As("officer.jinan")).GetAsync("/api/supervision/overview")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.As("designer")).GetAsync("/api/supervision/step-durations")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.As("supervisor.jinan")).GetAsync("/api/supervision/overview?city=370200")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.As("supervisor.jinan")).GetAsync("/api/tasks?scope=open&city=370200")).ProblemAsync(HttpStatusCode.Forbidden);

        var jinan = await (await (await app.As("supervisor.jinan")).GetAsync("/api/supervision/overview")).JsonAsync(HttpStatusCode.OK);
        Assert.All(jinan.GetProperty("byOfficer").EnumerateArray(), o => Assert.Equal("370100", o.Str("city")));
        var province = await (await (await app.As("supervisor.province")).GetAsync("/api/supervision/overview")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["370100", "370200"], province.GetProperty("byOfficer").EnumerateArray().Select(o => o.Str("city")!).Distinct().Order());
        var qingdao = await (await (await app.As("admin")).GetAsync("/api/tasks?scope=open&sla=breached&city=370200")).JsonAsync(HttpStatusCode.OK);
        Assert.All(qingdao.GetProperty("items").EnumerateArray(), t => Assert.Equal("370200", t.Str("city")));
        Assert.NotEqual(0, qingdao.GetProperty("items").GetArrayLength());
        await (await (await app.As("supervisor.province")).GetAsync("/api/supervision/overview?city=999999")).FieldErrorAsync("city");
        // The city narrows only the supervisors' scopes; anywhere else it is a mistake to name.
        await (await (await app.As("officer.jinan")).GetAsync("/api/tasks?scope=available&city=370100")).FieldErrorAsync("city");
    }

    [Fact]
    public async Task Only_a_supervisor_reassigns_and_a_request_without_tasks_or_with_an_unknown_user_changes_nothing()
    {
        var task = await SupervisionScenario.BreachedTaskAsync(await app.As("officer.jinan"));
        var supervisor = await app.As("supervisor.jinan");

        await (await (await app.As("admin")).PostJsonAsync("/api/supervision/reassign", new { taskIds = new[] { task }, userName = "officer2.jinan" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await supervisor.PostJsonAsync("/api/supervision/reassign", new { taskIds = Array.Empty<Guid>(), userName = "officer2.jinan" })).FieldErrorAsync("taskIds");
        await (await supervisor.PostJsonAsync("/api/supervision/reassign", new { taskIds = Enumerable.Range(0, 201).Select(_ => Guid.NewGuid()), userName = "officer2.jinan" })).FieldErrorAsync("taskIds");
        await (await supervisor.PostJsonAsync("/api/supervision/reassign", new { taskIds = new[] { task }, userName = "nobody" })).FieldErrorAsync("userName");
        await (await supervisor.PostJsonAsync("/api/supervision/reassign", new { taskIds = new[] { task }, userName = "designer" })).FieldErrorAsync("userName");
        // Of the wrong role for the task: refused for that task, said why.
        var wrongRole = await (await supervisor.PostJsonAsync("/api/supervision/reassign", new { taskIds = new[] { task }, userName = "reviewer.jinan" })).JsonAsync(HttpStatusCode.OK);
        Assert.False(wrongRole[0].GetProperty("assigned").GetBoolean());
        Assert.Contains("经办人员", wrongRole[0].Str("problem"), StringComparison.Ordinal);

        var unchanged = await app.InDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task));
        Assert.Null(unchanged.Assignee);
        // 青岛's task is not found from 济南.
        var qingdao = await SupervisionScenario.BreachedTaskAsync(await app.As("officer.qingdao"), "370200");
        await (await supervisor.PostJsonAsync("/api/supervision/reassign", new { taskIds = new[] { task, qingdao }, userName = "officer2.jinan" })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Null((await app.InDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task))).Assignee);
    }

    [Fact]
    public async Task Assignees_are_the_city_staff_in_task_roles()
    {
        var all = await (await (await app.As("supervisor.jinan")).GetAsync("/api/supervision/assignees")).JsonAsync(HttpStatusCode.OK);
        var names = all.EnumerateArray().Select(a => (a.Str("userName"), a.Str("role"))).ToList();
        Assert.Contains(("officer2.jinan", "officer"), names);
        Assert.Contains(("reviewer.jinan", "reviewer"), names);
        Assert.DoesNotContain(names, n => n.Item1 == "officer.qingdao" || n.Item1 == "designer" || n.Item1 == "admin");
        var officers = await (await (await app.As("supervisor.jinan")).GetAsync("/api/supervision/assignees?role=officer")).JsonAsync(HttpStatusCode.OK);
        Assert.All(officers.EnumerateArray(), a => Assert.Equal("officer", a.Str("role")));
        await (await (await app.As("supervisor.jinan")).GetAsync("/api/supervision/assignees?role=designer")).FieldErrorAsync("role");
    }

    [Fact]
    public async Task Csv_exports_are_utf8_with_a_byte_order_mark_mask_identity_numbers_and_defuse_formulas()
    {
        var officer = await app.As("officer.jinan");
        var task = await SupervisionScenario.BreachedTaskAsync(officer);
        // A stored party label shaped like an identity number (a row older than the masking at start): never in the file,
        // which names the case's party from its data.
        const string idNumber = "370102199001011234";
        await app.InDbAsync(db => db.Tasks.Where(t => t.Id == task).ExecuteUpdateAsync(s => s.SetProperty(t => t.Party, idNumber)));
        // An employer registered under a name that is a spreadsheet formula: the party column holds it defused.
        var code = TestParties.NewCreditCode("370100");
        (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = "=HYPERLINK(\"x\")", riskClass = 1, city = "370100" })).EnsureSuccessStatusCode();
        await PageSupport.StartRateCaseAsync(officer, "2025-09-01", code);

        using var response = await (await app.As("supervisor.jinan")).GetAsync("/api/supervision/export/breached");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("案件,城市,业务,环节,当事人", text, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, text, StringComparison.Ordinal);
        Assert.Contains("HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Contains("济南", text, StringComparison.Ordinal);

        foreach (var list in new[] { "warning", "procedures", "officers", "workload", "escalations", "breaches-per-week", "step-durations" })
        {
            using var other = await (await app.As("supervisor.jinan")).GetAsync($"/api/supervision/export/{list}");
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, (await other.Content.ReadAsByteArrayAsync())[..3]);
        }

        using var unknown = await (await app.As("supervisor.jinan")).GetAsync("/api/supervision/export/passwords");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
