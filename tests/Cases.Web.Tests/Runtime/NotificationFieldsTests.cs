using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Web.Tests.Support;
using Cases.Workflows.Records;

namespace Cases.Web.Tests.Runtime;

/// <summary>
/// A reminder carries the case data its definition names (<c>fields</c>), as a notification on entering a state does:
/// the letter states the date it reminds of. The clock moves, so the test has an app of its own.
/// </summary>
public sealed class NotificationFieldsTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task A_reminder_published_with_fields_carries_their_values_when_it_goes_out()
    {
        var designer = await app.As("designer");
        var current = (await (await designer.GetAsync("/api/definitions")).JsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Where(d => d.Str("key") == DemoFiling.Key).Max(d => d.GetProperty("version").GetInt32());
        var definition = JsonNode.Parse(await (await designer.GetAsync($"/api/definitions/{DemoFiling.Key}/versions/{current}")).Content.ReadAsStringAsync())!;
        definition["states"]!["await-filing"]!["reminders"]![0]!["notify"]!["fields"] = new JsonArray("contractEndsOn");
        await (await designer.PostRawJsonAsync($"/api/definitions/{DemoFiling.Key}/versions", definition.ToJsonString())).JsonAsync(HttpStatusCode.Created);

        var caseId = await DemoFiling.StartCaseAsync(await app.As("officer.jinan"), "2026-03-29");
        app.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 0, 1, 0, TimeSpan.FromHours(8)).ToUniversalTime());

        Assert.Equal(TimerKind.Reminder, Assert.Single(await app.RunDueTimersAsync()).Kind);
        var message = Assert.Single(await app.OutboxAsync(caseId));
        using var payload = JsonDocument.Parse(message.PayloadJson);
        Assert.Equal(("project-term-extension-reminder", "2026-03-29", "2026-03-04"),
            (message.Template, payload.RootElement.GetProperty("contractEndsOn").GetString(), payload.RootElement.GetProperty("dueOn").GetString()));
    }
}
