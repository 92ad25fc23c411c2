using System.Globalization;
using System.Net;
using Cases.Testing;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Runtime;

/// <summary>
/// An app as a demo or training installation runs it: <c>Clock:AllowOverride=true</c> and the app's own adjustable
/// clock (real time plus an offset), not the tests' fake clock.
/// </summary>
public sealed class DevClockApp() : AppFixture(TestProvider.Sqlite,
    new Dictionary<string, string>(RuntimeSettings.NoJobServer) { ["Clock:AllowOverride"] = "true" }, fakeClock: false);

/// <summary>PUT/GET /api/dev/clock and POST /api/dev/timers/run-due.</summary>
public sealed class DevClockTests(DevClockApp app) : IClassFixture<DevClockApp>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static async Task MakeOfficialThroughAsync(HttpClient admin, int lastYear)
    {
        var years = (await (await admin.GetAsync("/api/calendar/years")).JsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Where(y => y.GetProperty("provisional").GetBoolean()).Select(y => y.GetProperty("year").GetInt32()).Where(y => y <= lastYear);
        foreach (var year in years)
        {
            var file = new { year, papers = new[] { "测试：正式年份" }, days = new[] { new { name = "元旦", date = $"{year}-01-01", isOffDay = true } } };
            await (await admin.PostJsonAsync("/api/calendar/years", new { reason = "测试", file })).JsonAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_supervisor_moves_the_clock_and_runs_the_due_timers()
    {
        var officer = await app.As("officer.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(China).DateTime);
        var contractEndsOn = today.AddDays(40);
        var caseId = await DemoFiling.StartCaseAsync(officer, contractEndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var reminderDay = contractEndsOn.AddDays(-25);
        var lastDay = contractEndsOn.AddDays(-15);
        // The clock here is real time: a last day in a year without its holiday notice would be held for a supervisor's
        // confirmation (a provisional year; see ProvisionalCalendarTests). This test is about the dev clock, so the
        // years it reaches are made official first.
        await MakeOfficialThroughAsync(await app.As("admin"), contractEndsOn.Year);

        // Nothing is due now.
        var none = await (await supervisor.PostAsync("/api/dev/timers/run-due", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("fired").GetInt32());

        // Move to 08:00 on the reminder's day: the reminder fires, the case still waits.
        var target = new DateTimeOffset(reminderDay.ToDateTime(new TimeOnly(8, 0)), China);
        var set = await (await supervisor.PutJsonAsync("/api/dev/clock", new { now = target })).JsonAsync(HttpStatusCode.OK);
        AssertNear(target, set.GetProperty("now").GetDateTimeOffset());
        var read = await (await supervisor.GetAsync("/api/dev/clock")).JsonAsync(HttpStatusCode.OK);
        AssertNear(target, read.GetProperty("now").GetDateTimeOffset());

        var first = await (await supervisor.PostAsync("/api/dev/timers/run-due", null)).JsonAsync(HttpStatusCode.OK);
        var reminder = Assert.Single(first.GetProperty("timers").EnumerateArray(), t => t.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal("reminder", reminder.Str("kind"));
        Assert.Equal(reminderDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reminder.Str("dueOn"));
        Assert.Equal("第九条", reminder.Str("basis"));
        Assert.Equal("await-filing", (await DemoFiling.GetAsync(officer, caseId)).Str("state"));

        // Move past the last day to file: the term ends.
        var after = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(new TimeOnly(9, 0)), China);
        await (await supervisor.PutJsonAsync("/api/dev/clock", new { now = after })).JsonAsync(HttpStatusCode.OK);
        var second = await (await supervisor.PostAsync("/api/dev/timers/run-due", null)).JsonAsync(HttpStatusCode.OK);
        var expired = Assert.Single(second.GetProperty("timers").EnumerateArray(), t => t.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal("transition", expired.Str("kind"));
        Assert.Equal("term-ends", expired.Str("movedTo"));
        var view = await DemoFiling.GetAsync(officer, caseId);
        Assert.Equal("term-ends", view.Str("state"));
        Assert.Equal("expired", view.Str("endOutcome"));
        Assert.Equal(["project-term-extension-reminder", "project-term-expired"], (await app.OutboxAsync(caseId)).Select(m => m.Template));

        // A missing time is a 400 naming it.
        await (await supervisor.PutJsonAsync("/api/dev/clock", new { })).FieldErrorAsync("now");
    }

    [Fact]
    public async Task Officers_may_not_touch_the_test_clock()
    {
        var officer = await app.As("officer.jinan");

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/dev/clock")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutJsonAsync("/api/dev/clock", new { now = DateTimeOffset.UtcNow.AddYears(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/api/dev/timers/run-due", null)).StatusCode);
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/dev/clock")).StatusCode);
    }

    private static void AssertNear(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True((actual - expected).Duration() < TimeSpan.FromMinutes(1), $"Expected about {expected:O}, got {actual:O}");
}
