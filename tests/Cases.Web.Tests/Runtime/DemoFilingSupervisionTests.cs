using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Web.Tests.Support;
using Cases.Workflows.Outbox;
using Cases.Workflows.Records;
using Cases.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Runtime;

/// <summary>
/// Shared steps of the migration and supervision scenarios. Each scenario class has its own app: a published version
/// and the fake clock belong to one timeline, and the clock never goes back.
/// </summary>
public abstract class DemoFilingScenario(SqliteRuntimeApp app)
{
    protected SqliteRuntimeApp App { get; } = app;

    protected static readonly DateTimeOffset Monday20Oct2025 = new(2025, 10, 20, 1, 0, 0, TimeSpan.Zero);

    protected async Task<Guid> StartAndFileAsync(string filedOn = "2025-10-20")
    {
        var officer = await App.As("officer.jinan");
        var started = await (await officer.PostJsonAsync("/api/cases", new { procedure = "demo-filing", city = "370100", data = new { contractEndsOn = "2025-12-31" } }))
            .JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();
        await (await officer.PostJsonAsync($"/api/cases/{caseId}/events/filed", new { filedOn, newContractEndsOn = "2026-03-31" })).JsonAsync(HttpStatusCode.OK);
        return caseId;
    }

    protected async Task<int> PublishWithReviewDaysAsync(int workingDays)
    {
        var designer = await App.As("designer");
        var v1 = JsonNode.Parse(await designer.GetStringAsync("/api/definitions/demo-filing/versions/1"))!;
        v1["states"]!["check-materials"]!["deadline"]!["workingDays"] = workingDays;
        var published = await (await designer.PostRawJsonAsync("/api/definitions/demo-filing/versions", v1.ToJsonString())).JsonAsync(HttpStatusCode.Created);
        return published.GetProperty("version").GetInt32();
    }

}

public class DryRunAndMigrationTests(SqliteRuntimeApp app) : DemoFilingScenario(app), IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task A_supervisor_sees_a_dry_run_then_migrates_a_running_case_to_the_new_deadline()
    {
        App.Factory.Clock.SetUtcNow(Monday20Oct2025);
        var caseId = await StartAndFileAsync();
        var version = await PublishWithReviewDaysAsync(5);
        var supervisor = await App.As("supervisor.jinan");
        var mapping = new Dictionary<string, string> { ["check-materials"] = "check-materials" };

        var dry = await (await supervisor.PostJsonAsync($"/api/cases/{caseId}/migrate", new { toVersion = version, stateMapping = mapping, dryRun = true })).JsonAsync(HttpStatusCode.OK);
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        // 3 working days after Monday 10/20 is Thursday 10/23; under the new version's 5 it is Monday 10/27.
        Assert.Equal("2025-10-23", dry.GetProperty("tasksCancelled")[0].GetProperty("dueOn").GetString());
        Assert.Equal("2025-10-27", dry.GetProperty("tasksOpened")[0].GetProperty("dueOn").GetString());
        Assert.Equal("第十五条", dry.GetProperty("tasksOpened")[0].GetProperty("basis").GetString());
        var unchanged = await (await supervisor.GetAsync($"/api/cases/{caseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, unchanged.GetProperty("definitionVersion").GetInt32());
        Assert.Equal("2025-10-23", unchanged.GetProperty("openTasks")[0].GetProperty("dueOn").GetString());

        await (await supervisor.PostJsonAsync($"/api/cases/{caseId}/migrate", new { toVersion = version, stateMapping = mapping, dryRun = false })).JsonAsync(HttpStatusCode.OK);
        var migrated = await (await supervisor.GetAsync($"/api/cases/{caseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(version, migrated.GetProperty("definitionVersion").GetInt32());
        Assert.Equal(1, migrated.GetProperty("openTasks").GetArrayLength());
        Assert.Equal("2025-10-27", migrated.GetProperty("openTasks")[0].GetProperty("dueOn").GetString());
        Assert.Contains(migrated.GetProperty("journal").EnumerateArray(), e => e.GetProperty("action").GetString() == "migrated");
        var verify = await (await supervisor.GetAsync($"/api/cases/{caseId}/journal/verify")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ok", verify.GetProperty("status").GetString());

        // The officer can still complete the migrated task: it belongs to the new version.
        var officer = await App.As("officer.jinan");
        var taskId = migrated.GetProperty("openTasks")[0].GetProperty("id").GetGuid();
        var done = await (await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "complete", data = new { materialsComplete = true } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approve", done.GetProperty("state").GetString());
    }
}

public class MigrationRefusalTests(SqliteRuntimeApp app) : DemoFilingScenario(app), IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task Migration_is_refused_without_an_explicit_mapping_to_an_older_version_or_for_an_officer()
    {
        App.Factory.Clock.SetUtcNow(Monday20Oct2025);
        var caseId = await StartAndFileAsync();
        var version = await PublishWithReviewDaysAsync(4);
        var supervisor = await App.As("supervisor.jinan");

        await (await supervisor.PostJsonAsync($"/api/cases/{caseId}/migrate", new { toVersion = version, stateMapping = new Dictionary<string, string>() }))
            .FieldErrorAsync("stateMapping.check-materials");
        await (await supervisor.PostJsonAsync($"/api/cases/{caseId}/migrate", new { toVersion = version, stateMapping = new Dictionary<string, string> { ["check-materials"] = "extended" } }))
            .FieldErrorAsync("stateMapping.check-materials");
        await (await supervisor.PostJsonAsync($"/api/cases/{caseId}/migrate", new { toVersion = 1, stateMapping = new Dictionary<string, string> { ["check-materials"] = "check-materials" } }))
            .FieldErrorAsync("toVersion");
        var officer = await App.As("officer.jinan");
        var forbidden = await officer.PostJsonAsync($"/api/cases/{caseId}/migrate", new { toVersion = version, stateMapping = new Dictionary<string, string> { ["check-materials"] = "check-materials" } });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var still = await (await supervisor.GetAsync($"/api/cases/{caseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, still.GetProperty("definitionVersion").GetInt32());
    }
}

public class SlaBreachTests(SqliteRuntimeApp app) : DemoFilingScenario(app), IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task A_breached_deadline_shows_in_the_SLA_counts_raises_one_escalation_and_notifies_supervisors()
    {
        App.Factory.Clock.SetUtcNow(Monday20Oct2025);
        var caseId = await StartAndFileAsync();
        var supervisor = await App.As("supervisor.jinan");
        static int Sum(JsonElement rows, string procedure, string field) =>
            rows.EnumerateArray().Where(r => r.GetProperty("procedure").GetString() == procedure).Sum(r => r.GetProperty(field).GetInt32());

        var before = await (await supervisor.GetAsync("/api/sla")).JsonAsync(HttpStatusCode.OK);
        var breachedBefore = Sum(before, "demo-filing", "breached");

        // Past 24:00 of Thursday 10/23 (China time) the check-materials task is breached.
        App.Factory.Clock.SetUtcNow(new DateTimeOffset(2025, 10, 23, 16, 0, 1, TimeSpan.Zero));
        // Sign-in cookies expire on the app's clock too: three days on, the supervisor signs in again.
        supervisor = await App.Factory.LoginAsync("supervisor.jinan");
        var after = await (await supervisor.GetAsync("/api/sla")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(breachedBefore + 1, Sum(after, "demo-filing", "breached"));

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var fired = await scope.ServiceProvider.GetRequiredService<TimerFiring>().RunDueAsync(1000, default);
            Assert.Contains(fired, f => f.CaseId == caseId && f.Kind == TimerKind.TaskBreach);
        }

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            // A second sweep finds nothing left for this case: the breach fired once.
            var again = await scope.ServiceProvider.GetRequiredService<TimerFiring>().RunDueAsync(1000, default);
            Assert.DoesNotContain(again, f => f.CaseId == caseId);
        }

        var escalations = await (await supervisor.GetAsync("/api/escalations")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(escalations.EnumerateArray(), e => e.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal(1, await App.InDbAsync(db => db.Outbox.CountAsync(m => m.CaseId == caseId && m.Template == "deadline-breached" && m.Recipient == "role:supervisor")));

        var qingdao = await App.Factory.LoginAsync("officer.qingdao");
        Assert.Equal(HttpStatusCode.Forbidden, (await qingdao.GetAsync("/api/sla")).StatusCode);
        var province = await App.Factory.LoginAsync("supervisor.province");
        var other = await (await province.GetAsync("/api/escalations?city=370200")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(other.EnumerateArray(), e => e.GetProperty("caseId").GetGuid() == caseId);
        // Another city's figures are refused like any other city's records: 403, not a field error.
        await (await supervisor.GetAsync("/api/sla?city=370200")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}

public class OutboxDeliveryTests(SqliteRuntimeApp app) : DemoFilingScenario(app), IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task Outbox_delivery_sends_each_pending_notification_once()
    {
        App.Factory.Clock.SetUtcNow(Monday20Oct2025);
        var officer = await App.As("officer.jinan");
        var started = await (await officer.PostJsonAsync("/api/cases", new { procedure = "demo-filing", city = "370100", data = new { contractEndsOn = "2025-11-20" } }))
            .JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();
        // The reminder (25 days before 11/20 = 10/26) comes due; its notification waits in the outbox.
        App.Factory.Clock.SetUtcNow(new DateTimeOffset(2025, 10, 26, 1, 0, 0, TimeSpan.Zero));
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TimerFiring>().RunDueAsync(1000, default);
        }

        Assert.Equal(1, await App.InDbAsync(db => db.Outbox.CountAsync(m => m.CaseId == caseId && m.Status == OutboxStatus.Pending)));
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverAsync(default) >= 1);
        }

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverAsync(default);
        }

        var message = await App.InDbAsync(db => db.Outbox.SingleAsync(m => m.CaseId == caseId));
        Assert.Equal((OutboxStatus.Sent, 1, "contractor"), (message.Status, message.Attempts, message.Recipient));
        Assert.Equal("2025-10-26", JsonDocument.Parse(message.PayloadJson).RootElement.GetProperty("dueOn").GetString());
    }
}
