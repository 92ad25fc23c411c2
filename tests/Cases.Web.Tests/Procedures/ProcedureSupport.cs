using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>Drives any procedure through the HTTP API, on a shared app whose clock each test sets for itself.</summary>
public abstract class ProcedureScenario(AppFixture app)
{
    protected AppFixture App { get; } = app;

    /// <summary>Sets the app's clock to a China-time moment, e.g. "2025-09-20 09:00".</summary>
    protected void At(string chinaTime) =>
        App.Factory.Clock.SetUtcNow(DateTimeOffset.ParseExact(chinaTime + " +08:00", "yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());

    protected async Task<Guid> StartAsync(string procedure, object data, string user = "officer.jinan")
    {
        var client = await App.As(user);
        var started = await (await client.PostJsonAsync("/api/cases", new { procedure, city = "370100", data })).JsonAsync(HttpStatusCode.Created);
        return started.GetProperty("caseId").GetGuid();
    }

    /// <summary>
    /// The registered injury case whose recognition decision a test numbers <paramref name="name"/> (e.g. "IC-URGE-1"),
    /// registered on first use in this app: a test that names its own injury case gets one of its own, and the same name
    /// gives the same case.
    /// </summary>
    protected Task<string> InjuryAsync(string name, string worker = TestInjuries.Wang) =>
        Injuries.GetValue(App, _ => new()).GetOrAdd(name, async _ =>
            await TestInjuries.RegisterAsync(await App.As(worker == TestInjuries.Zhao ? "officer.qingdao" : "officer.jinan"), worker, recognitionNumber: name));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFixture, System.Collections.Concurrent.ConcurrentDictionary<string, Task<string>>> Injuries = new();

    protected async Task<JsonElement> CaseAsync(Guid caseId) => await DemoFiling.GetAsync(await App.As("officer.jinan"), caseId);

    protected async Task<HttpResponseMessage> EventAsync(Guid caseId, string eventName, object data, string user = "officer.jinan") =>
        await (await App.As(user)).PostJsonAsync($"/api/cases/{caseId}/events/{eventName}", data);

    protected async Task<JsonElement> EventOkAsync(Guid caseId, string eventName, object data) =>
        await (await EventAsync(caseId, eventName, data)).JsonAsync(HttpStatusCode.OK);

    protected async Task<JsonElement> CompleteAsync(JsonElement task, string outcome, object? data = null, string user = "officer.jinan") =>
        await (await DemoFiling.CompleteAsync(await App.As(user), task.Id(), outcome, data)).JsonAsync(HttpStatusCode.OK);

    protected static JsonElement Task(JsonElement state) => Assert.Single(state.GetProperty("openTasks").EnumerateArray());

    protected static JsonElement Timer(JsonElement caseView, string kind, string? stateFilter = null) =>
        Assert.Single(DemoFiling.PendingTimers(caseView), t => t.Str("kind") == kind && (stateFilter is null || t.Str("state") == stateFilter));

    protected static JsonElement[] Timers(JsonElement caseView, string kind) =>
        DemoFiling.PendingTimers(caseView).Where(t => t.Str("kind") == kind).ToArray();

    protected static string? Data(JsonElement caseView, string field) =>
        caseView.GetProperty("data").TryGetProperty(field, out var v) ? v.ToString() : null;
}
