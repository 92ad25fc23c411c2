using System.Net;
using System.Text.Json;
using Cases.Testing;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Administration;

/// <summary>
/// An administrator pastes the State Council's notice for a provisional year: the product reads it and shows it beside
/// the provisional year, changing nothing.
/// </summary>
public abstract class NoticeParseScenarios(AppFixture app) : ProcedureScenario(app)
{
    internal const string Notice2027 = SampleNotices.Notice2027;

    private Task<HttpClient> Admin => App.As("admin");

    [Fact]
    public async Task The_notice_text_parses_into_the_year_beside_the_provisional_one_and_parsing_changes_nothing()
    {
        var parsed = await (await (await Admin).PostJsonAsync("/api/calendar/years/parse", new { text = Notice2027 })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((2027, "国务院办公厅关于2027年部分节假日安排的通知", "2026-11-05"), (parsed.GetProperty("year").GetInt32(), parsed.Str("title"), parsed.Str("issuedOn")));
        var file = parsed.GetProperty("file");
        Assert.Equal("国务院办公厅关于2027年部分节假日安排的通知（2026年11月5日）", Assert.Single(file.GetProperty("papers").EnumerateArray()).GetString());
        var days = file.GetProperty("days").EnumerateArray().Select(d => (d.Str("date"), d.GetProperty("isOffDay").GetBoolean(), d.Str("name"))).ToList();
        Assert.Equal(14, days.Count);
        Assert.Contains(("2027-01-09", false, "元旦"), days);
        Assert.Contains(("2027-02-20", false, "春节"), days);

        var sideBySide = parsed.GetProperty("days").EnumerateArray().ToDictionary(d => d.Str("date")!);
        // 1/4 is an ordinary Monday of the provisional year and a holiday in the notice; 2/9 is 第六条's 补假 in both.
        Assert.Equal(("workday", true, "holiday", true), Compare(sideBySide["2027-01-04"]));
        Assert.Equal(("holiday", true, "holiday", false), Compare(sideBySide["2027-02-09"]));
        Assert.Equal(("weekend", true, "makeUpWorkday", true), Compare(sideBySide["2027-01-09"]));
        Assert.False(await App.InDbAsync(db => db.CalendarYears.AnyAsync(y => y.Year == 2027)));

        static (string?, bool, string?, bool) Compare(JsonElement day) =>
            (day.GetProperty("current").Str("kind"), day.GetProperty("current").GetProperty("provisional").GetBoolean(), day.GetProperty("notice").Str("kind"), day.GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task Text_the_parser_cannot_read_is_refused_naming_its_line_in_the_users_language_and_nothing_is_stored()
    {
        var admin = await Admin;
        var broken = Notice2027.Replace("1月1日（周五）", "1月1日（周四）", StringComparison.Ordinal);

        var zh = await (await admin.PostJsonAsync("/api/calendar/years/parse", new { text = broken })).ProblemAsync(HttpStatusCode.BadRequest);
        var message = Assert.Single(zh.GetProperty("errors").GetProperty("text").EnumerateArray()).GetString()!;
        Assert.StartsWith("第7行：", message, StringComparison.Ordinal);
        Assert.Equal(7, Assert.Single(zh.GetProperty("problems").EnumerateArray()).GetProperty("line").GetInt32());

        // The English switch (?culture=en, or its cookie) answers in English.
        var en = await (await admin.PostJsonAsync("/api/calendar/years/parse?culture=en", new { text = broken })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("Line 7: ", Assert.Single(en.GetProperty("errors").GetProperty("text").EnumerateArray()).GetString(), StringComparison.Ordinal);

        await (await admin.PostJsonAsync("/api/calendar/years/parse", new { text = " " })).FieldErrorAsync("text");
        Assert.False(await App.InDbAsync(db => db.CalendarYears.AnyAsync(y => y.Year == 2027)));
    }

}

/// <summary>
/// The import of a pasted notice makes the provisional year official, moving the provisional deadlines it changes
/// (journaled) and taking the 暂定 mark off those whose dates stand. Its own app: the import makes 2027 official for
/// every test after it.
/// </summary>
public abstract class NoticeImportScenarios(AppFixture app) : ProcedureScenario(app)
{
    private Task<HttpClient> Admin => App.As("admin");

    [Fact]
    public async Task Importing_the_notice_moves_the_provisional_deadlines_it_changes_journals_them_and_makes_the_others_official()
    {
        // A: a rate notice due 10 working days after Thursday 12/24 — provisionally 1/8; the notice rests 1/4 and works Saturday 1/9.
        At("2026-12-24 09:00");
        var a = await StartAsync("fee-rate-objection", new
        {
            employerCreditCode = TestParties.NewCreditCode(),
            previousRate = 0.005m,
            newRate = 0.0045m,
            effectiveFrom = "2027-01",
            adjustedOn = "2026-12-24",
        });
        var before = Task(await CaseAsync(a));
        Assert.Equal(("2027-01-08", true), (before.Str("dueOn"), before.GetProperty("provisional").GetBoolean()));

        // B: a one-time notice on 12/15 whose 30 days end on Thursday 2027-01-14 under either calendar.
        At("2026-12-15 10:00");
        var b = await StartAsync("transfer-approval", new
        {
            materialsReceived = new[] { "application" },
            injuryCaseId = await InjuryAsync("IC-2026-1215"),
            workerIdNumber = "370102198503120011",
            employerCreditCode = "91370100MA3C4E5F61",
            appliedOn = "2026-12-15",
            referral = new { hospital = "济南市第四人民医院", issuedOn = "2026-12-14", destinationHospital = "北京积水潭医院", destinationCityCode = "outside-shandong", destinationProvince = "北京市", destinationCity = "北京市", reason = "需行二期骨科手术" },
        });
        await CompleteAsync(Task(await CaseAsync(b)), "missing-materials", new { reviewNote = "请补交转诊意见" });
        Assert.True(Timer(await CaseAsync(b), "transition").GetProperty("provisional").GetBoolean());

        At("2026-12-28 09:00");
        var admin = await Admin;
        var parsed = await (await admin.PostJsonAsync("/api/calendar/years/parse", new { text = NoticeParseScenarios.Notice2027 })).JsonAsync(HttpStatusCode.OK);
        var body = new { reason = "国务院办公厅2027年放假通知", file = parsed.GetProperty("file") };
        var preview = await (await admin.PostJsonAsync("/api/calendar/years/preview", body)).JsonAsync(HttpStatusCode.OK);
        Assert.True(preview.GetProperty("replacesProvisional").GetBoolean());
        Assert.Equal("2027-01-08", Task(await CaseAsync(a)).Str("dueOn"));

        var imported = await (await admin.PostJsonAsync("/api/calendar/years", body)).JsonAsync(HttpStatusCode.OK);

        var moved = Assert.Single(imported.GetProperty("moved").EnumerateArray(), m => m.GetProperty("caseId").GetGuid() == a);
        Assert.Equal(("task", "2027-01-08", "2027-01-09", JsonValueKind.Null), (moved.Str("clock"), moved.Str("from"), moved.Str("to"), moved.GetProperty("provisionalYear").ValueKind));
        var after = Task(await CaseAsync(a));
        Assert.Equal(("2027-01-09", false), (after.Str("dueOn"), after.GetProperty("provisional").GetBoolean()));
        var journaled = (await App.JournalAsync(a))[^1];
        Assert.Equal(("deadline-moved", "admin"), (journaled.Action, journaled.Actor));

        var settled = imported.GetProperty("settled").EnumerateArray().Where(m => m.GetProperty("caseId").GetGuid() == b).Select(m => (m.Str("clock"), m.Str("from"), m.Str("to"))).Order().ToList();
        Assert.Equal([("milestone", "2027-01-14", "2027-01-14"), ("transition", "2027-01-14", "2027-01-14")], settled);
        Assert.All(DemoFiling.PendingTimers(await CaseAsync(b)), t => Assert.False(t.GetProperty("provisional").GetBoolean()));
        Assert.Contains(await App.JournalAsync(b), j => j.Action == "deadline-settled");

        var year = await App.InDbAsync(db => db.CalendarYears.SingleAsync(y => y.Year == 2027));
        Assert.Equal(("国务院办公厅关于2027年部分节假日安排的通知（2026年11月5日）", "admin"), (year.Source, year.LoadedBy));
        var day = await (await admin.GetAsync("/api/calendar/days/2027-01-04")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("holiday", false), (day.Str("kind"), day.GetProperty("provisional").GetBoolean()));
        foreach (var verified in new[] { a, b })
        {
            Assert.Equal("ok", (await (await admin.GetAsync($"/api/cases/{verified}/journal/verify")).JsonAsync(HttpStatusCode.OK)).Str("status"));
        }
    }

}

public sealed class NoticeParseOnSqlite(SqliteRuntimeApp app) : NoticeParseScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class NoticeParseOnPostgres(PostgresRuntimeApp app) : NoticeParseScenarios(app), IClassFixture<PostgresRuntimeApp>;

public sealed class NoticeImportOnSqlite(SqliteRuntimeApp app) : NoticeImportScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class NoticeImportOnPostgres(PostgresRuntimeApp app) : NoticeImportScenarios(app), IClassFixture<PostgresRuntimeApp>;
