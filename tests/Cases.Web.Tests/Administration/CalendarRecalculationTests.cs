using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Administration;

/// <summary>
/// A calendar change lists the pending deadlines it would move, and on confirmation recomputes them from each case's
/// definition (not by shifting), journals each move in the case and re-arms the timers. Each test works
/// in its own months, so the tests of a class share one app without seeing each other's cases move.
/// </summary>
public abstract class CalendarRecalculationScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Rate = "fee-rate-objection";

    private static object RateData(string adjustedOn) => new
    {
        employerCreditCode = TestParties.NewCreditCode(),
        previousRate = 0.005m,
        newRate = 0.0045m,
        effectiveFrom = "2026-01",
        adjustedOn,
    };

    private Task<HttpClient> Admin => App.As("admin");

    private async Task<string> AddWorkingDaysAsync(string from, int days) =>
        (await (await (await Admin).GetAsync($"/api/calendar/working-days/add?from={from}&days={days}")).JsonAsync(HttpStatusCode.OK)).Str("result")!;

    private static JsonElement[] MovesOf(JsonElement answer, Guid caseId) =>
        answer.GetProperty("moved").EnumerateArray().Where(m => m.GetProperty("caseId").GetGuid() == caseId).ToArray();

    [Fact]
    public async Task Marking_a_holiday_previews_the_task_it_moves_then_moves_it_journals_it_and_rearms_its_timers()
    {
        At("2026-03-02 09:00");
        var caseId = await StartAsync(Rate, RateData("2026-03-02"));
        var task = Task(await CaseAsync(caseId));
        Assert.Equal("2026-03-16", task.Str("dueOn"));
        var admin = await Admin;

        var preview = await (await admin.PostJsonAsync("/api/calendar/days/2026-03-10/preview", new { kind = "holiday", name = "临时假日", reason = "省政府通知（测试）" }))
            .JsonAsync(HttpStatusCode.OK);

        var move = Assert.Single(MovesOf(preview, caseId));
        Assert.Equal(("task", "notify-employer", Rate, "第二十二条", "2026-03-16", "2026-03-17"),
            (move.Str("clock"), move.Str("state"), move.Str("procedure"), move.Str("basis"), move.Str("from"), move.Str("to")));
        Assert.Equal("workday", preview.GetProperty("before").Str("kind"));
        Assert.Equal(64, preview.Str("confirmation")!.Length);
        // A preview changes nothing.
        Assert.Equal("2026-03-16", Task(await CaseAsync(caseId)).Str("dueOn"));
        Assert.True((await (await admin.GetAsync("/api/calendar/days/2026-03-10")).JsonAsync(HttpStatusCode.OK)).GetProperty("workingDay").GetBoolean());

        var changed = await (await admin.PutJsonAsync("/api/calendar/days/2026-03-10", new { kind = "holiday", name = "临时假日", reason = "省政府通知（测试）" }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("2026-03-10", false, "holiday", "临时假日"), (changed.Str("date"), changed.GetProperty("workingDay").GetBoolean(), changed.Str("kind"), changed.Str("name")));
        Assert.Equal("2026-03-17", Assert.Single(MovesOf(changed, caseId)).Str("to"));
        var view = await CaseAsync(caseId);
        var moved = Task(view);
        Assert.Equal("2026-03-17", moved.Str("dueOn"));
        // 24:00 of 3/17 in China; the warning at 70% of the time from the task's start to its new deadline.
        var dueAt = new DateTimeOffset(2026, 3, 17, 16, 0, 0, TimeSpan.Zero);
        Assert.Equal(dueAt, moved.GetProperty("dueAt").GetDateTimeOffset());
        var createdAt = moved.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(createdAt + ((dueAt - createdAt) * 0.7), moved.GetProperty("warnAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("2026-03-17", Timer(view, "taskBreach").Str("dueOn"));
        Assert.Equal(dueAt, Timer(view, "taskBreach").GetProperty("dueAt").GetDateTimeOffset());

        var journal = await App.JournalAsync(caseId);
        var entry = journal[^1];
        Assert.Equal(("deadline-moved", "admin"), (entry.Action, entry.Actor));
        var data = JsonNode.Parse(entry.DataJson)!;
        Assert.Equal(("task", "2026-03-16", "2026-03-17", "2026-03-10", "省政府通知（测试）"),
            ((string?)data["clock"], (string?)data["from"], (string?)data["to"], (string?)data["cause"]!["calendarDay"], (string?)data["cause"]!["reason"]));
        var verified = await (await (await App.As("officer.jinan")).GetAsync($"/api/cases/{caseId}/journal/verify")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("ok", journal.Count), (verified.Str("status"), verified.GetProperty("entries").GetInt32()));
    }

    [Fact]
    public async Task A_date_the_state_set_moves_with_its_timer_and_the_rule_that_reads_it_uses_the_new_date()
    {
        At("2026-04-13 09:00");
        var caseId = await StartAsync(Rate, RateData("2026-04-13"));
        At("2026-04-14 10:00");
        await CompleteAsync(Task(await CaseAsync(caseId)), "notified", new { noticeReceivedOn = "2026-04-14" });
        var before = await AddWorkingDaysAsync("2026-04-14", 10);
        Assert.Equal(before, Data(await CaseAsync(caseId), "objectionDeadline"));
        var admin = await Admin;

        var preview = await (await admin.PostJsonAsync("/api/calendar/days/2026-04-20/preview", new { kind = "holiday", name = "地方假日" })).JsonAsync(HttpStatusCode.OK);
        var changed = await (await admin.PutJsonAsync("/api/calendar/days/2026-04-20", new { kind = "holiday", name = "地方假日", reason = "测试" })).JsonAsync(HttpStatusCode.OK);

        var after = await AddWorkingDaysAsync("2026-04-14", 10);
        Assert.NotEqual(before, after);
        foreach (var answer in new[] { preview, changed })
        {
            var moves = MovesOf(answer, caseId).Select(m => (m.Str("clock"), m.Str("field"), m.Str("from"), m.Str("to"))).Order().ToList();
            Assert.Equal([("milestone", "objectionDeadline", before, after), ("transition", null, before, after)], moves);
        }

        var view = await CaseAsync(caseId);
        Assert.Equal(after, Data(view, "objectionDeadline"));
        Assert.Equal(after, Timer(view, "transition").Str("dueOn"));
        Assert.Equal(after, Timer(view, "milestone").Str("dueOn"));
        Assert.Equal(DateOnly.Parse(after, System.Globalization.CultureInfo.InvariantCulture),
            await App.InDbAsync(db => db.CaseValues.Where(v => v.CaseId == caseId && v.Field == "objectionDeadline").Select(v => v.Date).SingleAsync()));
        // An objection on the new last day is on time (第二十二条), although it is after the old one.
        At(after + " 10:00");
        var redetermine = await EventOkAsync(caseId, "objection", new { receivedOn = after, reason = "费率计算有误" });
        Assert.Equal("redetermine", redetermine.Str("state"));
    }

    [Fact]
    public async Task A_change_that_moves_a_deadline_into_a_provisional_year_marks_it_provisional_until_the_years_import_settles_it()
    {
        At("2026-12-17 09:00");
        var caseId = await StartAsync(Rate, RateData("2026-12-17"));
        var before = Task(await CaseAsync(caseId));
        Assert.Equal(("2026-12-31", false), (before.Str("dueOn"), before.GetProperty("provisional").GetBoolean()));
        var admin = await Admin;

        var preview = await (await admin.PostJsonAsync("/api/calendar/days/2026-12-28/preview", new { kind = "holiday", name = "年末假日" })).JsonAsync(HttpStatusCode.OK);
        // 12/29, 12/30, 12/31, then 2027 without its notice: 1/1 元旦 and the weekend, so Monday 1/4, provisionally.
        var previewed = Assert.Single(MovesOf(preview, caseId));
        Assert.Equal(("2026-12-31", "2027-01-04", 2027), (previewed.Str("from"), previewed.Str("to"), previewed.GetProperty("provisionalYear").GetInt32()));
        var changed = await (await admin.PutJsonAsync("/api/calendar/days/2026-12-28", new { kind = "holiday", name = "年末假日", reason = "测试" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2027-01-04", Assert.Single(MovesOf(changed, caseId)).Str("to"));
        var moved = Task(await CaseAsync(caseId));
        Assert.Equal(("2027-01-04", true), (moved.Str("dueOn"), moved.GetProperty("provisional").GetBoolean()));

        var file = new { year = 2027, papers = new[] { "https://example.gov.cn/2027（测试）" }, days = new[] { new { name = "元旦", date = "2027-01-01", isOffDay = true } } };
        var importPreview = await (await admin.PostJsonAsync("/api/calendar/years/preview", new { reason = "2027 年放假通知（测试）", file })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2027, false, true, 1), (importPreview.GetProperty("year").GetInt32(), importPreview.GetProperty("replaces").GetBoolean(),
            importPreview.GetProperty("replacesProvisional").GetBoolean(), importPreview.GetProperty("days").GetInt32()));
        Assert.Empty(MovesOf(importPreview, caseId));
        Assert.Contains(importPreview.GetProperty("settled").EnumerateArray(), m => m.GetProperty("caseId").GetGuid() == caseId && m.Str("clock") == "task");
        Assert.DoesNotContain(2027, await App.InDbAsync(db => db.CalendarYears.Select(y => y.Year).ToListAsync()));

        var imported = await (await admin.PostJsonAsync("/api/calendar/years", new { reason = "2027 年放假通知（测试）", file })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2027, imported.GetProperty("year").GetInt32());
        var year = await App.InDbAsync(db => db.CalendarYears.SingleAsync(y => y.Year == 2027));
        Assert.Equal(("https://example.gov.cn/2027（测试）", "admin"), (year.Source, year.LoadedBy));
        // The notice alone decides: the law's Spring Festival days the file does not list are working days now, journaled.
        Assert.Contains(await App.InDbAsync(db => db.CalendarChanges.Where(c => c.Date == new DateOnly(2027, 2, 8)).ToListAsync()),
            c => c is { Before: Domain.Calendar.DayKind.Holiday, BeforeName: "春节", After: Domain.Calendar.DayKind.Workday, ChangedBy: "admin" });
        var settled = Task(await CaseAsync(caseId));
        Assert.Equal(("2027-01-04", false), (settled.Str("dueOn"), settled.GetProperty("provisional").GetBoolean()));
        Assert.Equal("deadline-settled", (await App.JournalAsync(caseId))[^1].Action);
    }

    [Fact]
    public async Task A_year_file_with_a_mistake_is_refused_naming_the_field_and_changes_nothing()
    {
        var admin = await Admin;
        var before = await App.InDbAsync(async db => (await db.CalendarDays.CountAsync(), await db.CalendarYears.CountAsync(), await db.CalendarChanges.CountAsync()));
        object Day(string date, bool off, string? name = "测试") => new { name, date, isOffDay = off };
        var cases = new (object File, string Field)[]
        {
            (new { year = "二〇二八", days = new[] { Day("2028-01-03", true) } }, "file.year"),
            (new { year = 1999, days = new[] { Day("1999-01-01", true) } }, "file.year"),
            (new { year = 2028, days = new[] { Day("2028-01-03", true), Day("2028-02-30", true) } }, "file.days[1].date"),
            (new { year = 2028, days = new[] { Day("2027-12-31", true) } }, "file.days[0].date"),
            (new { year = 2028, days = new[] { Day("2028-01-04", false) } }, "file.days[0].isOffDay"),
            (new { year = 2028, days = new[] { Day("2028-01-03", true, null) } }, "file.days[0].name"),
            (new { year = 2028, days = new[] { Day("2028-01-03", true), Day("2028-01-03", true) } }, "file.days"),
            (new { year = 2028, days = Array.Empty<object>() }, "file.days"),
        };

        foreach (var (file, field) in cases)
        {
            await (await admin.PostJsonAsync("/api/calendar/years/preview", new { reason = "测试", file })).FieldErrorAsync(field);
            await (await admin.PostJsonAsync("/api/calendar/years", new { reason = "测试", file })).FieldErrorAsync(field);
        }

        await (await admin.PostJsonAsync("/api/calendar/years", new { file = new { year = 2028, days = new[] { Day("2028-01-03", true) } } })).FieldErrorAsync("reason");
        await (await admin.PostJsonAsync("/api/calendar/years", new { reason = "测试" })).FieldErrorAsync("file");
        Assert.Equal(before, await App.InDbAsync(async db => (await db.CalendarDays.CountAsync(), await db.CalendarYears.CountAsync(), await db.CalendarChanges.CountAsync())));
    }

    [Fact]
    public async Task Importing_a_held_year_again_replaces_it_and_moves_the_deadlines_its_new_days_move()
    {
        At("2026-06-08 09:00");
        var caseId = await StartAsync(Rate, RateData("2026-06-08"));
        var from = Task(await CaseAsync(caseId)).Str("dueOn");
        var shipped = typeof(Workflows.Calendar.HolidayYearFile).Assembly.GetManifestResourceStream("Calendar.Data.cn-2026.json")!;
        var file = (await JsonNode.ParseAsync(shipped))!.AsObject();
        file.Remove("$schema");
        file.Remove("$id");
        file["days"]!.AsArray().Add(new JsonObject { ["name"] = "地方假日", ["date"] = "2026-06-10", ["isOffDay"] = true });
        var admin = await Admin;

        var preview = await (await admin.PostJsonAsync("/api/calendar/years/preview", new { reason = "更正（测试）", file })).JsonAsync(HttpStatusCode.OK);
        Assert.True(preview.GetProperty("replaces").GetBoolean());
        Assert.Contains(preview.GetProperty("changes").EnumerateArray(), c => c.Str("date") == "2026-06-10" && c.Str("before") == "workday" && c.Str("after") == "holiday");
        var previewed = Assert.Single(MovesOf(preview, caseId));
        Assert.Equal(from, Task(await CaseAsync(caseId)).Str("dueOn"));

        var imported = await (await admin.PostJsonAsync("/api/calendar/years", new { reason = "更正（测试）", file })).JsonAsync(HttpStatusCode.OK);

        Assert.True(imported.GetProperty("replaced").GetBoolean());
        var move = Assert.Single(MovesOf(imported, caseId));
        Assert.Equal((from, previewed.Str("to")), (move.Str("from"), move.Str("to")));
        Assert.Equal(await AddWorkingDaysAsync("2026-06-08", 10), move.Str("to"));
        Assert.Equal(move.Str("to"), Task(await CaseAsync(caseId)).Str("dueOn"));
        Assert.Equal("deadline-moved", (await App.JournalAsync(caseId))[^1].Action);
    }
}

public sealed class CalendarRecalculationOnSqlite(SqliteRuntimeApp app) : CalendarRecalculationScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class CalendarRecalculationOnPostgres(PostgresRuntimeApp app) : CalendarRecalculationScenarios(app), IClassFixture<PostgresRuntimeApp>;
