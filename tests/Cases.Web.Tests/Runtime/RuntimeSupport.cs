using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Cases.Workflows.Records;
using Cases.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Runtime;

/// <summary>
/// The runtime tests' app settings: no Hangfire server in the test process, so a timer fires only when a test
/// runs the due timers itself (the sweep runs on real minutes against the fake clock and would otherwise race).
/// </summary>
internal static class RuntimeSettings
{
    public static IReadOnlyDictionary<string, string> NoJobServer { get; } = new Dictionary<string, string>
    {
        ["Hangfire:Server"] = "false",
        // Development turns the test clock on (appsettings.Development.json); these apps run without it.
        ["Clock:AllowOverride"] = "false",
    };
}

/// <summary>A runtime app on SQLite, with timers fired by the tests only.</summary>
public sealed class SqliteRuntimeApp() : AppFixture(TestProvider.Sqlite, RuntimeSettings.NoJobServer);

/// <summary>A runtime app on PostgreSQL, with timers fired by the tests only.</summary>
public sealed class PostgresRuntimeApp() : AppFixture(TestProvider.Postgres, RuntimeSettings.NoJobServer);

/// <summary>Drives the demo procedure (workflows/demo-filing.json) through the HTTP API.</summary>
internal static class DemoFiling
{
    public const string Key = "demo-filing";

    public static object StartBody(string contractEndsOn) => new { procedure = Key, city = "370100", data = new { contractEndsOn } };

    /// <summary>Opens a case with the original contract completion date; returns the 201 body.</summary>
    public static async Task<JsonElement> StartAsync(HttpClient client, string contractEndsOn) =>
        await (await client.PostJsonAsync("/api/cases", StartBody(contractEndsOn))).JsonAsync(HttpStatusCode.Created);

    public static async Task<Guid> StartCaseAsync(HttpClient client, string contractEndsOn) =>
        (await StartAsync(client, contractEndsOn)).GetProperty("caseId").GetGuid();

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid caseId) =>
        await (await client.GetAsync($"/api/cases/{caseId}")).JsonAsync(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> FileAsync(HttpClient client, Guid caseId, string filedOn, string newContractEndsOn) =>
        client.PostJsonAsync($"/api/cases/{caseId}/events/filed", new { filedOn, newContractEndsOn });

    public static Task<HttpResponseMessage> CompleteAsync(HttpClient client, Guid taskId, string outcome, object? data = null) =>
        client.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, data });

    /// <summary>A case filed on time as an extension, waiting in check-materials; returns the case and its open task.</summary>
    public static async Task<(Guid CaseId, JsonElement Task)> AtCheckMaterialsAsync(HttpClient officer, string contractEndsOn = "2026-03-29", string filedOn = "2025-09-30")
    {
        var caseId = await StartCaseAsync(officer, contractEndsOn);
        var state = await (await FileAsync(officer, caseId, filedOn, "2026-06-30")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("check-materials", state.GetProperty("state").GetString());
        return (caseId, Assert.Single(state.GetProperty("openTasks").EnumerateArray()));
    }

    public static JsonElement SingleTask(JsonElement caseView) => Assert.Single(caseView.GetProperty("openTasks").EnumerateArray());

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static string? Str(this JsonElement element, string property) => element.GetProperty(property).GetString();

    public static IReadOnlyList<string> Actions(JsonElement caseView) =>
        caseView.GetProperty("journal").EnumerateArray().Select(j => j.Str("action")!).ToList();

    public static JsonElement[] PendingTimers(JsonElement caseView) => caseView.GetProperty("pendingTimers").EnumerateArray().ToArray();

    /// <summary>The case's outbox rows, oldest first, straight from outbox_messages.</summary>
    public static Task<List<OutboxMessage>> OutboxAsync(this AppFixture app, Guid caseId) =>
        app.InDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.CaseId == caseId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());

    public static Task<List<JournalEntry>> JournalAsync(this AppFixture app, Guid caseId) =>
        app.InDbAsync(async db =>
        {
            var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.CaseId == caseId);
            return await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Seq).ToListAsync();
        });

    /// <summary>Fires every due timer as the sweep would, in a scope of its own.</summary>
    public static async Task<IReadOnlyList<FiredTimer>> RunDueTimersAsync(this AppFixture app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TimerFiring>().RunDueAsync(1000, CancellationToken.None);
    }

    /// <summary>Posts the same request twice at the same moment and returns both answers.</summary>
    public static async Task<HttpResponseMessage[]> TwiceAtOnceAsync(Func<Task<HttpResponseMessage>> send)
    {
        using var start = new SemaphoreSlim(0, 2);
        async Task<HttpResponseMessage> One()
        {
            await start.WaitAsync();
            return await send();
        }

        var both = new[] { Task.Run(One), Task.Run(One) };
        start.Release(2);
        return await Task.WhenAll(both);
    }

    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        await client.PutAsJsonAsync(url, body);
}
