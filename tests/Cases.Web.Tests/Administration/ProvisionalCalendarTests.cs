using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Administration;

/// <summary>
/// Counting into a year whose State Council notice is not published yet (2027 here: the product ships 2024–2026): the
/// calendar derives the year from 《全国年节及纪念日放假办法》, every deadline counted over it says 暂定, and a wait's timer
/// that would close a party's window on such a date asks a supervisor instead of acting on its own.
/// </summary>
public abstract class ProvisionalCalendarScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Transfer = "transfer-approval";

    private Task<HttpClient> Officer => App.As("officer.jinan");

    private async Task<JsonElement> GetAsync(string url) => await (await (await Officer).GetAsync(url)).JsonAsync(HttpStatusCode.OK);

    /// <summary>A transfer filing with the referral opinion missing, sent back on a one-time notice (第十五条) now.</summary>
    private async Task<Guid> MissingMaterialsAsync(string appliedOn)
    {
        var caseId = await StartAsync(Transfer, new
        {
            materialsReceived = new[] { "application" },
            injuryCaseId = await InjuryAsync("IC-2026-0913"),
            workerIdNumber = "370102198503120011",
            employerCreditCode = "91370100MA3C4E5F61",
            appliedOn,
            referral = new { hospital = "济南市第四人民医院", issuedOn = appliedOn, destinationHospital = "北京积水潭医院", destinationCityCode = "outside-shandong", destinationProvince = "北京市", destinationCity = "北京市", reason = "需行二期骨科手术" },
        });
        var waiting = await CompleteAsync(Task(await CaseAsync(caseId)), "missing-materials", new { reviewNote = "请补交协议机构出具的转诊意见原件" });
        Assert.Equal("awaiting-materials", waiting.Str("state"));
        return caseId;
    }

    [Fact]
    public async Task A_count_into_2027_answers_with_the_date_marked_provisional_instead_of_refusing()
    {
        // 12/25, 12/28–12/31, then 2027: 1/1 元旦 (第二条), 1/4–1/8.
        var added = await GetAsync("/api/calendar/working-days/add?from=2026-12-24&days=10");
        Assert.Equal(("2026-12-24", 10, "2027-01-08", true),
            (added.Str("from"), added.GetProperty("days").GetInt32(), added.Str("result"), added.GetProperty("provisional").GetBoolean()));
        var official = await GetAsync("/api/calendar/working-days/add?from=2026-12-10&days=5");
        Assert.Equal(("2026-12-17", false), (official.Str("result"), official.GetProperty("provisional").GetBoolean()));

        var newYear = await GetAsync("/api/calendar/days/2027-01-01");
        Assert.Equal((false, "holiday", "元旦", true), (newYear.GetProperty("workingDay").GetBoolean(), newYear.Str("kind"), newYear.Str("name"), newYear.GetProperty("provisional").GetBoolean()));
        // 正月初一 2027 is Saturday 2/6 and 初二 Sunday 2/7 (第六条: 补假 on the next working days, after 初三 2/8): 2/9 and 2/10.
        var makeUp = await GetAsync("/api/calendar/days/2027-02-10");
        Assert.Equal((false, "holiday", "春节", true), (makeUp.GetProperty("workingDay").GetBoolean(), makeUp.Str("kind"), makeUp.Str("name"), makeUp.GetProperty("provisional").GetBoolean()));
        // No make-up working days without the notice: a weekend day of a provisional year rests.
        var saturday = await GetAsync("/api/calendar/days/2027-02-20");
        Assert.Equal(("weekend", true), (saturday.Str("kind"), saturday.GetProperty("provisional").GetBoolean()));
        Assert.False((await GetAsync("/api/calendar/days/2026-10-01")).GetProperty("provisional").GetBoolean());

        var years = (await GetAsync("/api/calendar/years")).EnumerateArray().ToList();
        var provisional = Assert.Single(years, y => y.GetProperty("year").GetInt32() == 2027);
        Assert.True(provisional.GetProperty("provisional").GetBoolean());
        Assert.Equal(JsonValueKind.Null, provisional.GetProperty("source").ValueKind);
        Assert.All(years.Where(y => y.GetProperty("year").GetInt32() <= 2026), y => Assert.False(y.GetProperty("provisional").GetBoolean()));

        // The past before the shipped data is never guessed.
        var past = await (await (await Officer).GetAsync("/api/calendar/days/2023-12-29")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2023, past.GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task A_one_time_notice_in_december_sets_a_resubmission_deadline_in_2027_marked_provisional_on_the_case_and_its_clocks()
    {
        At("2026-12-10 10:00");
        var caseId = await MissingMaterialsAsync("2026-12-09");
        var view = await CaseAsync(caseId);

        // 30 days after 12/10 is Saturday 2027-01-09: the period ends on the next working day (民法典 第二百零三条), counted on 2027's provisional days.
        Assert.Equal("2027-01-11", Data(view, "materialsDeadline"));
        var lapse = Timer(view, "transition");
        Assert.Equal(("2027-01-11", 2027), (lapse.Str("dueOn"), lapse.GetProperty("provisionalYear").GetInt32()));
        Assert.True(lapse.GetProperty("provisional").GetBoolean());
        var milestone = Timer(view, "milestone");
        Assert.True(milestone.GetProperty("provisional").GetBoolean());
    }

    [Fact]
    public async Task A_window_closing_on_a_provisional_date_waits_for_a_supervisor_who_confirms_it_and_the_case_lapses()
    {
        At("2026-12-10 11:00");
        var caseId = await MissingMaterialsAsync("2026-12-09");

        At("2027-01-12 09:00");
        var fired = await App.RunDueTimersAsync();
        Assert.Contains(fired, f => f.CaseId == caseId && f.Kind == Cases.Workflows.Records.TimerKind.Transition && f.MovedTo is null);
        var held = await CaseAsync(caseId);
        Assert.Equal("awaiting-materials", held.Str("state"));
        var confirm = Task(held);
        Assert.Equal(("expiryConfirmation", "supervisor", "确认期限届满（暂定日历）", "第十五条", "2027-01-13"),
            (confirm.Str("kind"), confirm.Str("role"), confirm.Str("title"), confirm.Str("basis"), confirm.Str("dueOn")));
        Assert.Contains("expiry-held", DemoFiling.Actions(held));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "expiry-confirmation" && m.Recipient == "role:supervisor");

        // The officer cannot decide it; the city's supervisor does, and the case moves on as the timer would have moved it.
        var refused = await DemoFiling.CompleteAsync(await Officer, confirm.Id(), "confirm");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var lapsed = await CompleteAsync(confirm, "confirm", user: "supervisor.jinan");
        Assert.Equal(("lapsed", "lapsed"), (lapsed.Str("state"), lapsed.Str("endOutcome")));
        var journal = await App.JournalAsync(caseId);
        var entry = Assert.Single(journal, j => j.Action == "expiry-confirmed");
        Assert.Equal(("supervisor.jinan", "awaiting-materials", "lapsed"), (entry.Actor, entry.FromState, entry.ToState));
        Assert.Equal("2027-01-11", (string?)JsonNode.Parse(entry.DataJson)!["held"]!["dueOn"]);
    }

    [Fact]
    public async Task A_supervisor_extends_a_held_period_to_a_date_which_then_ends_it_by_itself_and_the_deadline_field_moves_with_it()
    {
        At("2026-12-10 14:00");
        var caseId = await MissingMaterialsAsync("2026-12-09");
        At("2027-01-12 09:00");
        await App.RunDueTimersAsync();
        var confirm = Task(await CaseAsync(caseId));
        var supervisor = await App.As("supervisor.jinan");

        // Not a date, a date before the held end, and a field that is not the form's are refused naming the field; nothing changes.
        await (await DemoFiling.CompleteAsync(supervisor, confirm.Id(), "extend", new { })).FieldErrorAsync("data.extendTo");
        await (await DemoFiling.CompleteAsync(supervisor, confirm.Id(), "extend", new { extendTo = "2027-01-05" })).FieldErrorAsync("data.extendTo");
        await (await DemoFiling.CompleteAsync(supervisor, confirm.Id(), "extend", new { extendTo = "2027-01-20", reviewNote = "x" })).FieldErrorAsync("data.reviewNote");
        Assert.Equal("open", Task(await CaseAsync(caseId)).Str("status"));

        var extended = await CompleteAsync(confirm, "extend", new { extendTo = "2027-01-20" }, "supervisor.jinan");
        Assert.Equal("awaiting-materials", extended.Str("state"));
        var view = await CaseAsync(caseId);
        Assert.Empty(view.GetProperty("openTasks").EnumerateArray());
        Assert.Equal("2027-01-20", Data(view, "materialsDeadline"));
        var timer = Timer(view, "transition");
        Assert.Equal(("2027-01-20", false), (timer.Str("dueOn"), timer.GetProperty("provisional").GetBoolean()));
        var entry = Assert.Single(await App.JournalAsync(caseId), j => j.Action == "expiry-extended");
        Assert.Equal("supervisor.jinan", entry.Actor);

        // Set by a person, the new end needs no confirmation: it closes the window by itself.
        At("2027-01-21 09:00");
        await App.RunDueTimersAsync();
        Assert.Equal("lapsed", (await CaseAsync(caseId)).Str("state"));
    }

    [Fact]
    public async Task Materials_supplied_while_the_expiry_waits_for_confirmation_cancel_the_confirmation()
    {
        At("2026-12-10 15:00");
        var caseId = await MissingMaterialsAsync("2026-12-09");
        At("2027-01-12 09:00");
        await App.RunDueTimersAsync();
        Assert.Equal("expiryConfirmation", Task(await CaseAsync(caseId)).Str("kind"));

        var resubmitted = await EventOkAsync(caseId, "resubmitted", new { resubmittedOn = "2027-01-12", materialsReceived = new[] { "application", "referral-opinion" } });
        Assert.Equal("review-filing", resubmitted.Str("state"));
        Assert.Equal("step", Task(await CaseAsync(caseId)).Str("kind"));
    }

    [Fact]
    public async Task The_inbox_task_and_case_pages_mark_a_provisional_due_date_with_the_year_and_why()
    {
        At("2026-12-24 09:00");
        var officer = await Officer;
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2026-12-24");
        var task = await PageSupport.TaskAsync(officer, caseId);
        Assert.Equal(("2027-01-08", true, 2027), (task.Str("dueOn"), task.GetProperty("provisional").GetBoolean(), task.GetProperty("provisionalYear").GetInt32()));
        var listed = (await GetAsync("/api/tasks?scope=available&limit=100")).GetProperty("items").EnumerateArray().Single(t => t.Id() == taskId);
        Assert.True(listed.GetProperty("provisional").GetBoolean());

        var inbox = await officer.OpenAsync("/inbox?tab=available");
        var mark = inbox.Row(taskId).QuerySelector("[data-provisional='2027']");
        Assert.Equal("暂定", mark!.ChildNodes[0].TextContent.Trim());
        Assert.Contains("2027年放假安排尚未公布", mark.GetAttribute("title"), StringComparison.Ordinal);
        Assert.NotNull((await officer.OpenAsync($"/tasks/{taskId}")).QuerySelector("[data-testid=task-due] [data-provisional='2027']"));
        Assert.NotNull((await officer.OpenAsync($"/cases/{caseId}")).QuerySelector("[data-testid=open-tasks] [data-provisional='2027']"));
        var english = await officer.OpenAsync($"/tasks/{taskId}?culture=en");
        Assert.Equal("Provisional", english.QuerySelector("[data-testid=task-due] [data-provisional]")!.ChildNodes[0].TextContent.Trim());
    }

    [Fact]
    public async Task A_dry_run_into_2027_reports_its_deadlines_as_provisional()
    {
        var report = await (await (await App.As("designer")).PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", new
        {
            city = "370100",
            start = new
            {
                on = "2026-12-24",
                data = new { employerCreditCode = "91370100MA3C4E5F61", previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2027-01", adjustedOn = "2026-12-24" },
            },
            steps = Array.Empty<object>(),
        })).JsonAsync(HttpStatusCode.OK);

        var task = Assert.Single(report.GetProperty("tasks").EnumerateArray());
        Assert.Equal(("2027-01-08", true), (task.Str("dueOn"), task.GetProperty("provisional").GetBoolean()));
        Assert.All(report.GetProperty("clocks").EnumerateArray(), c => Assert.True(c.GetProperty("provisional").GetBoolean()));
    }
}

public sealed class ProvisionalCalendarOnSqlite(SqliteRuntimeApp app) : ProvisionalCalendarScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class ProvisionalCalendarOnPostgres(PostgresRuntimeApp app) : ProvisionalCalendarScenarios(app), IClassFixture<PostgresRuntimeApp>;
