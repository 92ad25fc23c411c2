using System.Text.Json;
using Cases.Web.Tests.Support;
using Cases.Workflows.Records;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Runtime;

/// <summary>
/// The statutory clocks of demo-filing firing as time passes. The test moves the app's clock forward, so it has
/// an app of its own: a moved clock cannot be moved back for the next test.
/// </summary>
public sealed class DemoFilingTimerTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // UTC, as TimeProvider.GetUtcNow promises: SQLite stores DateTimeOffset by local ticks, so a +08:00 "now" would misorder.
    private void SetClock(DateTimeOffset at) => app.Factory.Clock.SetUtcNow(at.ToUniversalTime());

    [Fact]
    public async Task The_reminder_goes_out_and_with_no_filing_by_the_last_day_the_term_ends()
    {
        var officer = await app.As("officer.jinan");
        var caseId = await DemoFiling.StartCaseAsync(officer, "2026-03-29");

        // Nothing is due yet.
        Assert.Empty(await app.RunDueTimersAsync());

        // The reminder is sent at the start of 2026-03-04 (25 days before the contract ends).
        SetClock(new DateTimeOffset(2026, 3, 3, 23, 59, 0, China));
        Assert.Empty(await app.RunDueTimersAsync());
        SetClock(new DateTimeOffset(2026, 3, 4, 0, 1, 0, China));
        var reminder = Assert.Single(await app.RunDueTimersAsync());
        Assert.Equal(TimerKind.Reminder, reminder.Kind);
        Assert.Equal(caseId, reminder.CaseId);
        Assert.Null(reminder.MovedTo);
        Assert.Equal("第九条", reminder.Basis);
        var message = Assert.Single(await app.OutboxAsync(caseId));
        Assert.Equal("contractor", message.Recipient);
        Assert.Equal("project-term-extension-reminder", message.Template);
        using (var payload = JsonDocument.Parse(message.PayloadJson))
        {
            Assert.Equal("2026-03-04", payload.RootElement.GetProperty("dueOn").GetString());
            Assert.Equal("第九条", payload.RootElement.GetProperty("basis").GetString());
        }

        var view = await DemoFiling.GetAsync(officer, caseId);
        Assert.Equal("await-filing", view.Str("state"));
        Assert.Equal("reminder-sent", view.GetProperty("journal").EnumerateArray().Last().Str("action"));
        // Running again fires nothing twice.
        Assert.Empty(await app.RunDueTimersAsync());

        // 2026-03-14 is the last day to file: still open at 23:59 that day, closed a minute after midnight.
        SetClock(new DateTimeOffset(2026, 3, 14, 23, 59, 0, China));
        Assert.Empty(await app.RunDueTimersAsync());
        SetClock(new DateTimeOffset(2026, 3, 15, 0, 1, 0, China));
        var expired = Assert.Single(await app.RunDueTimersAsync());
        Assert.Equal(TimerKind.Transition, expired.Kind);
        Assert.Equal("term-ends", expired.MovedTo);
        Assert.Equal(new DateOnly(2026, 3, 14), expired.DueOn);

        view = await DemoFiling.GetAsync(officer, caseId);
        Assert.Equal("term-ends", view.Str("state"));
        Assert.Equal("completed", view.Str("status"));
        Assert.Equal("expired", view.Str("endOutcome"));
        Assert.Empty(DemoFiling.PendingTimers(view));
        var journal = view.GetProperty("journal").EnumerateArray().ToList();
        Assert.Equal(["started", "reminder-sent", "timer-fired", "entered", "ended"], journal.Select(j => j.Str("action")));
        var fired = journal.Single(j => j.Str("action") == "timer-fired");
        Assert.Equal("system:timer", fired.Str("actor"));
        Assert.Equal("第九条", fired.GetProperty("data").GetProperty("basis").GetString());
        Assert.Equal("2026-03-14", fired.GetProperty("data").GetProperty("dueOn").GetString());
        var outbox = await app.OutboxAsync(caseId);
        Assert.Equal(["project-term-extension-reminder", "project-term-expired"], outbox.Select(m => m.Template));
        Assert.Equal("role:supervisor", outbox[^1].Recipient);

        // A filing that arrives after the term ended changes nothing.
        await (await DemoFiling.FileAsync(officer, caseId, "2026-03-14", "2026-06-30")).ProblemAsync(System.Net.HttpStatusCode.Conflict);
        var timers = await app.InDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId == db.Instances.Single(i => i.CaseId == caseId).Id).ToListAsync());
        Assert.Equal(2, timers.Count(t => t.Status == TimerStatus.Fired));
        Assert.All(timers, t => Assert.Equal(1, t.Attempts));
    }
}
