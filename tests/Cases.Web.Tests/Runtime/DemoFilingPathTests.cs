using System.Net;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Runtime;

/// <summary>Every path of workflows/demo-filing.json through the HTTP API, on SQLite. The clock does not move here.</summary>
public sealed class DemoFilingPathTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public Task Filed_incomplete_resubmitted_checked_and_approved_ends_extended() => DemoFilingScenarios.FullExtensionPathAsync(app);

    [Fact]
    public async Task A_filing_after_the_window_is_422_naming_the_last_day_and_is_journaled_but_not_applied()
    {
        var officer = await app.As("officer.jinan");
        var caseId = await DemoFiling.StartCaseAsync(officer, "2026-03-29");

        var response = await app.OnDayAsync("2026-03-15", () => DemoFiling.FileAsync(officer, caseId, "2026-03-15", "2026-06-30"));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var detail = problem.Str("detail")!;
        Assert.Contains("第九条", detail, StringComparison.Ordinal);
        Assert.Contains("最后一天：2026-03-14", detail, StringComparison.Ordinal);
        var view = await DemoFiling.GetAsync(officer, caseId);
        Assert.Equal("await-filing", view.Str("state"));
        Assert.False(view.GetProperty("data").TryGetProperty("filedOn", out _));
        Assert.Equal(2, DemoFiling.PendingTimers(view).Length);
        var refused = view.GetProperty("journal").EnumerateArray().Last();
        Assert.Equal("event-refused", refused.Str("action"));
        Assert.Equal("officer.jinan", refused.Str("actor"));
        Assert.Equal("filed", refused.GetProperty("data").GetProperty("event").GetString());
        Assert.Equal(detail, refused.GetProperty("data").GetProperty("reason").Str("zh"));
        Assert.Contains("Last day: 2026-03-14", refused.GetProperty("data").GetProperty("reason").Str("en"), StringComparison.Ordinal);
        Assert.Equal("ok", (await (await officer.GetAsync($"/api/cases/{caseId}/journal/verify")).JsonAsync(HttpStatusCode.OK)).Str("status"));

        // The last day itself is still on time.
        var onTime = await (await app.OnDayAsync("2026-03-14", () => DemoFiling.FileAsync(officer, caseId, "2026-03-14", "2026-06-30"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("check-materials", onTime.Str("state"));
    }

    [Fact]
    public async Task A_new_date_not_after_the_original_is_not_an_extension_and_ends_refused()
    {
        var officer = await app.As("officer.jinan");
        var caseId = await DemoFiling.StartCaseAsync(officer, "2026-03-29");

        var state = await (await DemoFiling.FileAsync(officer, caseId, "2025-10-20", "2026-03-29")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("not-an-extension", state.Str("state"));
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("refused", state.Str("endOutcome"));
        Assert.Empty(state.GetProperty("openTasks").EnumerateArray());
        var view = await DemoFiling.GetAsync(officer, caseId);
        Assert.Empty(DemoFiling.PendingTimers(view));
        Assert.Equal(["started", "event", "entered", "decided", "entered", "ended"], DemoFiling.Actions(view));
        var decided = view.GetProperty("journal").EnumerateArray().Single(j => j.Str("action") == "decided");
        Assert.Equal("not-an-extension", decided.Str("to"));
        Assert.Equal("otherwise", decided.GetProperty("data").GetProperty("branch").GetString());
        var message = Assert.Single(await app.OutboxAsync(caseId));
        Assert.Equal("contractor", message.Recipient);
        Assert.Equal("project-term-extension-refused", message.Template);
        Assert.Equal(0, await app.InDbAsync(db => db.Tasks.CountAsync(t => t.CaseId == caseId)));

        // An ended case waits for nothing.
        var again = await DemoFiling.FileAsync(officer, caseId, "2025-10-20", "2026-06-30");
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_reviewer_returns_the_filing_with_a_note_and_a_new_check_task_opens()
    {
        var officer = await app.As("officer.jinan");
        var reviewer = await app.As("reviewer.jinan");
        var (caseId, check) = await DemoFiling.AtCheckMaterialsAsync(officer);
        var approve = DemoFiling.SingleTask(await (await DemoFiling.CompleteAsync(officer, check.Id(), "complete", new { materialsComplete = true })).JsonAsync(HttpStatusCode.OK));

        // Returning needs the reason.
        var withoutNote = await DemoFiling.CompleteAsync(reviewer, approve.Id(), "returned");
        await withoutNote.FieldErrorAsync("data.reviewNote");
        var returned = await (await DemoFiling.CompleteAsync(reviewer, approve.Id(), "returned", new { reviewNote = "顺延证明未盖章" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("check-materials", returned.Str("state"));
        Assert.Equal("running", returned.Str("status"));
        var again = DemoFiling.SingleTask(returned);
        Assert.NotEqual(check.Id(), again.Id());
        Assert.Equal("officer", again.Str("role"));
        var journal = await app.JournalAsync(caseId);
        var completion = journal.Last(j => j.Action == "task-completed");
        Assert.Equal("reviewer.jinan", completion.Actor);
        Assert.Equal("approve", completion.FromState);
        Assert.Equal("check-materials", completion.ToState);
        Assert.Contains("\"returned\"", completion.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filing_on_the_eve_of_National_Day_is_due_on_the_make_up_Saturday()
    {
        var officer = await app.As("officer.jinan");

        var (_, task) = await DemoFiling.AtCheckMaterialsAsync(officer, filedOn: "2025-09-30");

        // 10-01…10-08 are off; 10-09 and 10-10 count, and Saturday 10-11 is a make-up working day: the 3rd.
        Assert.Equal("2025-10-11", task.Str("dueOn"));
        Assert.Equal(new DateTimeOffset(2025, 10, 11, 16, 0, 0, TimeSpan.Zero), task.GetProperty("dueAt").GetDateTimeOffset());
        // Recorded on 2025-10-20, it is already past its deadline.
        Assert.Equal("breached", task.Str("sla"));

        var (_, newYear) = await app.OnDayAsync("2025-12-31", () => DemoFiling.AtCheckMaterialsAsync(officer, filedOn: "2025-12-31"));
        // 2026-01-01…01-03 are off and Sunday 01-04 is a make-up working day: 01-04, 01-05, 01-06.
        Assert.Equal("2026-01-06", newYear.Str("dueOn"));
        Assert.Equal("onTime", newYear.Str("sla"));
    }

    [Fact]
    public async Task Events_that_do_not_fit_the_state_or_the_fields_are_refused()
    {
        var officer = await app.As("officer.jinan");
        var caseId = await DemoFiling.StartCaseAsync(officer, "2026-03-29");

        var wrongEvent = await officer.PostJsonAsync($"/api/cases/{caseId}/events/resubmitted", new { resubmittedOn = "2025-10-20" });
        var conflict = await wrongEvent.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("await-filing", conflict.GetProperty("current").Str("state"));
        await (await officer.PostJsonAsync($"/api/cases/{caseId}/events/filed", new { filedOn = "2025-10-20" })).FieldErrorAsync("data.newContractEndsOn");
        await (await DemoFiling.FileAsync(officer, caseId, "2025-02-30", "2026-06-30")).FieldErrorAsync("data.filedOn");
        await (await officer.PostJsonAsync("/api/cases", new { procedure = DemoFiling.Key, city = "370100", data = new { } })).FieldErrorAsync("data.contractEndsOn");

        var view = await DemoFiling.GetAsync(officer, caseId);
        Assert.Equal(["started"], DemoFiling.Actions(view));
    }

    [Fact]
    public async Task A_case_of_another_city_is_404_and_the_dev_clock_is_not_mapped()
    {
        var officer = await app.As("officer.jinan");
        var qingdao = await app.As("officer.qingdao");
        var supervisor = await app.As("supervisor.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(officer);

        await (await qingdao.GetAsync($"/api/cases/{caseId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await qingdao.GetAsync($"/api/cases/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await qingdao.GetAsync($"/api/cases/{caseId}/journal/verify")).ProblemAsync(HttpStatusCode.NotFound);
        await (await qingdao.PostAsync($"/api/tasks/{task.Id()}/claim", null)).ProblemAsync(HttpStatusCode.NotFound);
        var province = await app.As("supervisor.province");
        Assert.Equal(caseId, (await DemoFiling.GetAsync(province, caseId)).GetProperty("caseId").GetGuid());

        // Without Clock:AllowOverride the test clock does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/dev/clock")).StatusCode);
        // POST and PUT to a path nothing maps answer 405 (Allow: GET, HEAD) in Development, because MapStaticAssets
        // adds a GET-only "{**path:file}" development fallback; either way nothing ran.
        Assert.Contains((await supervisor.PostAsync("/api/dev/timers/run-due", null)).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Contains((await supervisor.PutJsonAsync("/api/dev/clock", new { now = "2026-01-01T00:00:00+08:00" })).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }
}
