using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Supervision;

/// <summary>
/// A supervisor acknowledges an escalated breach (journaled on the case, once), and the navigation's badges count what
/// is new: tasks arrived in an officer's inbox since the last look, and escalations nobody has acknowledged.
/// </summary>
public sealed class EscalationsAndNotificationsTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private async Task<JsonElement> NotificationsAsync(string user, string? since = null) =>
        await (await (await app.As(user)).GetAsync("/api/notifications" + (since is null ? "" : "?since=" + Uri.EscapeDataString(since)))).JsonAsync(HttpStatusCode.OK);

    private static int Count(JsonElement counts, string name) => counts.GetProperty(name).GetInt32();

    [Fact]
    public async Task A_supervisor_acknowledges_an_escalation_once_and_it_stops_counting_as_new()
    {
        var supervisor = await app.As("supervisor.jinan");
        await app.RunDueTimersAsync(); // whatever another test of this class left due raises its escalation now, not below
        var before = Count(await NotificationsAsync("supervisor.jinan"), "escalations");
        var task = await SupervisionScenario.BreachedTaskAsync(await app.As("officer.jinan"));
        await app.RunDueTimersAsync();

        Assert.Equal(before + 1, Count(await NotificationsAsync("supervisor.jinan"), "escalations"));
        Assert.Equal(before + 1, Count(await NotificationsAsync("supervisor.province"), "escalations"));
        Assert.Equal(0, Count(await NotificationsAsync("officer.jinan"), "escalations"));
        var row = Assert.Single((await (await supervisor.GetAsync("/api/supervision/escalations")).JsonAsync(HttpStatusCode.OK)).GetProperty("breaches").EnumerateArray(),
            e => e.GetProperty("taskId").GetGuid() == task);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("acknowledgedAt").ValueKind);
        var id = row.Id();
        var url = $"/api/supervision/escalations/{id}/acknowledge";

        // Officers may not (another city's supervisor does not find it: the authorization matrix tries that); a bad note
        // is refused naming the field.
        await (await (await app.As("officer.jinan")).PostJsonAsync(url, new { note = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await supervisor.PostJsonAsync(url, new { note = "bad\u0000note" })).FieldErrorAsync("note");
        await (await supervisor.PostJsonAsync(url, new { note = new string('长', 501) })).FieldErrorAsync("note");

        var acknowledged = await (await supervisor.PostJsonAsync(url, new { note = "已电话督促经办人今日办结" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("supervisor.jinan", "已电话督促经办人今日办结"), (acknowledged.Str("acknowledgedBy"), acknowledged.Str("note")));

        // A second acknowledgement (another supervisor, or a resubmitted form) changes nothing and says who did it.
        var again = await (await (await app.As("supervisor.province")).PostJsonAsync(url, new { })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("supervisor.jinan", again.Str("detail"), StringComparison.Ordinal);

        Assert.Equal(before, Count(await NotificationsAsync("supervisor.jinan"), "escalations"));
        var shown = Assert.Single((await (await supervisor.GetAsync("/api/supervision/escalations")).JsonAsync(HttpStatusCode.OK)).GetProperty("breaches").EnumerateArray(),
            e => e.GetProperty("taskId").GetGuid() == task);
        Assert.Equal("supervisor.jinan", shown.Str("acknowledgedBy"));

        // The case's journal says who acknowledged, with the note, once, and its chain still verifies.
        var caseId = shown.GetProperty("caseId").GetGuid();
        var entry = Assert.Single(await app.JournalAsync(caseId), j => j.Action == "escalation-acknowledged");
        Assert.Equal("supervisor.jinan", entry.Actor);
        Assert.Contains("已电话督促经办人今日办结", JsonDocument.Parse(entry.DataJson).RootElement.Str("note"), StringComparison.Ordinal);
        var verify = await (await supervisor.GetAsync($"/api/cases/{caseId}/journal/verify")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ok", verify.Str("status"));

        // The task itself is untouched: still open and breached, for someone to finish.
        var still = await (await supervisor.GetAsync($"/api/tasks?scope=open&sla=breached")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(still.GetProperty("items").EnumerateArray(), t => t.Id() == task);
    }

    [Fact]
    public async Task The_inbox_badge_counts_tasks_that_arrived_since_the_last_look()
    {
        var first = await NotificationsAsync("officer.jinan");
        var seen = first.Str("now")!;
        var quiet = await NotificationsAsync("officer.jinan", seen);
        Assert.Equal((0, 0), (Count(quiet, "newAvailable"), Count(quiet, "newAssigned")));

        // A minute later: a new case gives the city's officers a task to claim; a supervisor hands another to officer.jinan.
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await Pages.PageSupport.StartRateCaseAsync(await app.As("officer.jinan"), "2025-10-17");
        var handed = await SupervisionScenario.BreachedTaskAsync(await app.As("officer2.jinan"));
        (await (await app.As("supervisor.jinan")).PostJsonAsync($"/api/tasks/{handed}/assign", new { userName = "officer.jinan" })).EnsureSuccessStatusCode();

        var now = await NotificationsAsync("officer.jinan", seen);
        // Two cases opened: one task still open for anyone (the rate case), one assigned to officer.jinan.
        Assert.Equal((1, 1), (Count(now, "newAvailable"), Count(now, "newAssigned")));
        Assert.Equal(Count(first, "mine") + 1, Count(now, "mine"));
        Assert.True(Count(now, "mineBreached") >= 1);
        // Qingdao's officers hear nothing of Jinan's tasks.
        Assert.Equal(0, Count(await NotificationsAsync("officer.qingdao", seen), "newAvailable"));
        // Who takes no tasks gets no task badge.
        var designer = await NotificationsAsync("designer");
        Assert.Equal((0, 0, 0), (Count(designer, "newAvailable"), Count(designer, "mine"), Count(designer, "escalations")));
    }

    [Fact]
    public async Task A_since_that_is_not_an_instant_is_refused_naming_the_field()
    {
        var officer = await app.As("officer.jinan");
        await (await officer.GetAsync("/api/notifications?since=yesterday")).FieldErrorAsync("since");
        await (await officer.GetAsync("/api/notifications?since=2025-10-20")).FieldErrorAsync("since");
        await (await app.Anonymous().GetAsync("/api/notifications")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
