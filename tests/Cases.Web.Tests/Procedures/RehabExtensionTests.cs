using System.Net;
using Microsoft.EntityFrameworkCore;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>rehab-extension — 延长康复 (第四十三、四十四、四十九条), every path, on the 2025 calendar.</summary>
public abstract class RehabExtensionScenarios(AppFixture app) : ProcedureScenario(app)
{
    private static readonly string[] BothPapers = ["application", "institution-opinion"];

    private const string Key = "rehab-extension";

    // The period ends Wednesday 2025-10-15; the 15-day window opens 2025-09-30, just before the National Day holidays.
    // 第四十九条 allows one extension case per injury case: each test opens its own injury case unless it says which.
    private async Task<Guid> StartAsync(string? injuryCaseId = null) => await StartAsync(Key, new
    {
        workerIdNumber = "370102198503120011",
        injuryCaseId = injuryCaseId ?? await NewInjuryCaseAsync(),
        rehabStartsOn = "2025-08-01",
        rehabEndsOn = "2025-10-15",
        institution = "山东省工伤康复医院",
    });

    [Fact]
    public async Task Starting_shows_the_window_the_reminders_and_the_end_of_the_period_with_their_basis()
    {
        At("2025-09-20 09:00");
        var view = await CaseAsync(await StartAsync());
        Assert.Equal("awaiting-application", view.Str("state"));
        Assert.Equal("2025-09-30", Data(view, "windowOpensOn"));
        var window = Timer(view, "milestone");
        Assert.Equal(("2025-09-30", "第四十九条"), (window.Str("dueOn"), window.Str("basis")));
        Assert.All(Timers(view, "reminder"), r => Assert.Equal("2025-09-30", r.Str("dueOn")));
        Assert.Equal(2, Timers(view, "reminder").Length);
        var end = Timer(view, "transition");
        Assert.Equal(("2025-10-15", "第四十四条", "period-ended"), (end.Str("dueOn"), end.Str("basis"), end.Str("targetState")));
    }

    [Fact]
    public async Task An_early_application_is_refused_saying_from_when_it_can_be_filed_and_nothing_moves()
    {
        At("2025-09-25 10:00");
        var caseId = await StartAsync();
        var refused = await (await EventAsync(caseId, "application", new { receivedOn = "2025-09-25", requestedEndsOn = "2025-11-30", institutionOpinion = "继续康复" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("2025年9月30日", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var view = await CaseAsync(caseId);
        Assert.Equal("awaiting-application", view.Str("state"));
        Assert.Equal("event-refused", DemoFiling.Actions(view)[^1]);
    }

    [Fact]
    public async Task When_the_window_opens_the_worker_and_the_institution_are_reminded_once()
    {
        At("2025-09-20 09:00");
        var caseId = await StartAsync();
        At("2025-09-30 00:00");
        await App.RunDueTimersAsync();
        At("2025-09-30 08:00");
        await App.RunDueTimersAsync();
        var outbox = await App.OutboxAsync(caseId);
        Assert.Equal(["institution", "worker"], outbox.Where(m => m.Template == "rehab-extension-window-open").Select(m => m.Recipient).Order());
        // Reminders go at the start of their day; the date itself is journaled as passed at its end.
        Assert.DoesNotContain("milestone-passed", DemoFiling.Actions(await CaseAsync(caseId)));
        At("2025-10-01 00:00");
        await App.RunDueTimersAsync();
        var actions = DemoFiling.Actions(await CaseAsync(caseId));
        Assert.Equal(1, actions.Count(a => a == "milestone-passed"));
        Assert.Equal(2, actions.Count(a => a == "reminder-sent"));
    }

    [Fact]
    public async Task An_application_in_the_window_is_reviewed_with_the_holidays_skipped_then_the_committee_extends_the_period()
    {
        At("2025-09-20 09:00");
        var caseId = await StartAsync();
        At("2025-10-09 09:30");
        var state = await EventOkAsync(caseId, "application", new { receivedOn = "2025-10-09", requestedEndsOn = "2025-11-30", institutionOpinion = "功能仍在恢复，建议延长", materialsReceived = BothPapers });
        var review = Task(state);
        // 5 working days after Thursday 10/9: 10/10, Saturday 10/11 (a make-up working day), 10/13, 10/14, 10/15.
        Assert.Equal(("review-application", "2025-10-15", "第四十九条"), (review.Str("state"), review.Str("dueOn"), review.Str("basis")));
        // Leaving the wait cancels its timer: the period's end no longer ends the case by itself, but it stays among the
        // case's clocks (第四十四条), shown on the review.
        var reviewing = await CaseAsync(caseId);
        Assert.DoesNotContain(DemoFiling.PendingTimers(reviewing), t => t.Str("kind") == "transition");
        var end = Timer(reviewing, "milestone");
        Assert.Equal(("2025-10-15", "第四十四条", "review-application"), (end.Str("dueOn"), end.Str("basis"), end.Str("state")));

        var waiting = await CompleteAsync(review, "forward", new { reviewNote = "材料齐全，提交鉴定委员会" });
        Assert.Equal("committee-decision", waiting.Str("state"));
        At("2025-10-20 10:00");
        var done = await EventOkAsync(caseId, "committee-decision", new { approved = true, newEndsOn = "2025-11-30", decidedOn = "2025-10-20" });
        Assert.Equal(("extended", "extended"), (done.Str("state"), done.Str("endOutcome")));

        var view = await CaseAsync(caseId);
        Assert.Equal("2025-11-30", Data(view, "rehabEndsOn"));
        Assert.Contains("field-set", DemoFiling.Actions(view));
        var outbox = await App.OutboxAsync(caseId);
        Assert.Equal(2, outbox.Count(m => m.Template == "rehab-extension-approved"));
        var verify = await (await (await App.As("officer.jinan")).GetAsync($"/api/cases/{caseId}/journal/verify")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ok", verify.Str("status"));
    }

    [Fact]
    public async Task The_committee_refuses_or_an_approval_without_a_new_date_is_sent_back()
    {
        At("2025-10-01 09:00");
        var caseId = await StartAsync();
        var review = Task(await EventOkAsync(caseId, "application", new { receivedOn = "2025-10-01", requestedEndsOn = "2025-11-30", institutionOpinion = "建议延长", materialsReceived = BothPapers }));
        await CompleteAsync(review, "forward", new { reviewNote = "提交" });

        At("2025-10-14 10:00");
        var noDate = await (await EventAsync(caseId, "committee-decision", new { approved = true, decidedOn = "2025-10-14" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("2025年10月15日", noDate.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Refused before the period's end: the case ends refused (the period still ends on its day, 第四十四条).
        var refused = await EventOkAsync(caseId, "committee-decision", new { approved = false, decidedOn = "2025-10-14" });
        Assert.Equal("refused", refused.Str("endOutcome"));
        Assert.Equal("2025-10-15", Data(await CaseAsync(caseId), "rehabEndsOn"));
        Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "rehab-extension-refused" && m.Recipient == "worker");
    }

    [Fact]
    public async Task With_no_application_the_period_ends_at_its_last_day_and_a_late_application_is_refused_and_journaled()
    {
        At("2025-10-01 09:00");
        var caseId = await StartAsync();
        At("2025-10-15 23:59");
        Assert.DoesNotContain(await App.RunDueTimersAsync(), t => t.CaseId == caseId && t.Kind == Cases.Workflows.Records.TimerKind.Transition);
        At("2025-10-16 00:00");
        await App.RunDueTimersAsync();
        var view = await CaseAsync(caseId);
        Assert.Equal(("period-ended", "completed"), (view.Str("endOutcome"), view.Str("status")));

        var late = await (await EventAsync(caseId, "application", new { receivedOn = "2025-10-16", requestedEndsOn = "2025-11-30", institutionOpinion = "x" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("2025年10月15日", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("event-refused", DemoFiling.Actions(await CaseAsync(caseId))[^1]);
    }

    [Fact]
    public async Task An_application_missing_the_institution_opinion_gets_one_notice_and_returns_to_review_when_supplied()
    {
        At("2025-09-20 09:00");
        var caseId = await StartAsync();
        At("2025-10-09 09:30");
        var review = Task(await EventOkAsync(caseId, "application", new { receivedOn = "2025-10-09", requestedEndsOn = "2025-11-30", institutionOpinion = "口头意见", materialsReceived = new[] { "application" } }));
        var refused = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "forward", new { reviewNote = "x" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第四十九条", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("awaiting-materials", (await CompleteAsync(review, "missing-materials", new { reviewNote = "请协议机构出具书面诊疗意见" })).Str("state"));
        var notice = System.Text.Json.JsonDocument.Parse(Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice").PayloadJson).RootElement;
        Assert.Equal("institution-opinion", Assert.Single(notice.GetProperty("missing").EnumerateArray()).Str("key"));

        At("2025-10-13 10:00");
        var again = Task(await EventOkAsync(caseId, "resubmitted", new { resubmittedOn = "2025-10-13", materialsReceived = BothPapers }));
        Assert.Equal("review-application", again.Str("state"));
        Assert.Equal("committee-decision", (await CompleteAsync(again, "forward", new { reviewNote = "材料齐全" })).Str("state"));
    }

    [Fact]
    public async Task Returning_to_the_wait_after_unsupplied_materials_does_not_send_the_window_reminders_again()
    {
        At("2025-09-20 09:00");
        var caseId = await StartAsync();
        At("2025-09-30 08:00");
        await App.RunDueTimersAsync();
        At("2025-10-09 09:30");
        var review = Task(await EventOkAsync(caseId, "application", new { receivedOn = "2025-10-09", requestedEndsOn = "2025-11-30", institutionOpinion = "口头意见", materialsReceived = new[] { "application" } }));
        Assert.Equal("awaiting-materials", (await CompleteAsync(review, "missing-materials", new { reviewNote = "请协议机构出具书面诊疗意见" })).Str("state"));

        // Nothing supplied: the materials deadline (10/24) takes the case back to the wait, whose reminders (9/30) and
        // end of period (10/15) have passed; the period ends, and the worker is not told again that the window opened.
        At("2025-10-25 09:00");
        await App.RunDueTimersAsync();
        await App.RunDueTimersAsync();
        var view = await CaseAsync(caseId);
        Assert.Equal("period-ended", view.Str("state"));
        Assert.Equal(2, DemoFiling.Actions(view).Count(a => a == "reminder-sent"));
        Assert.Equal(2, (await App.OutboxAsync(caseId)).Count(m => m.Template == "rehab-extension-window-open"));
    }

    private async Task<string> NewInjuryCaseAsync() => await TestInjuries.RegisterAsync(await App.As("officer.jinan"));

    private async Task<Guid> AtCommitteeAsync(string? injuryCaseId = null)
    {
        At("2025-10-09 09:30");
        var caseId = await StartAsync(injuryCaseId);
        var review = Task(await EventOkAsync(caseId, "application", new { receivedOn = "2025-10-09", requestedEndsOn = "2025-11-30", institutionOpinion = "功能仍在恢复，建议延长", materialsReceived = BothPapers }));
        Assert.Equal("committee-decision", (await CompleteAsync(review, "forward", new { reviewNote = "材料齐全，提交鉴定委员会" })).Str("state"));
        return caseId;
    }

    [Fact]
    public async Task While_the_committee_decides_the_period_ends_on_its_day_without_ending_the_case_and_a_later_approval_extends_from_the_old_end()
    {
        var caseId = await AtCommitteeAsync();
        var end = Timer(await CaseAsync(caseId), "milestone", "committee-decision");
        Assert.Equal(("2025-10-15", "第四十四条", "on rehabEndsOn"), (end.Str("dueOn"), end.Str("basis"), end.Str("rule")));

        // 24:00 on 10/15: the period's end is journaled; the committee is still deciding, so the case waits on.
        At("2025-10-16 00:00");
        Assert.Contains(await App.RunDueTimersAsync(), t => t.CaseId == caseId && t.Kind == Cases.Workflows.Records.TimerKind.Milestone && t.MovedTo is null);
        var waiting = await CaseAsync(caseId);
        Assert.Equal(("committee-decision", "running"), (waiting.Str("state"), waiting.Str("status")));
        Assert.Contains("milestone-passed", DemoFiling.Actions(waiting));

        // Confirmed on 10/20: the new period continues from the old end (10/15), not from the decision.
        At("2025-10-20 10:00");
        var done = await EventOkAsync(caseId, "committee-decision", new { approved = true, newEndsOn = "2025-11-30", decidedOn = "2025-10-20" });
        Assert.Equal(("extended", "extended"), (done.Str("state"), done.Str("endOutcome")));
        Assert.Equal("2025-11-30", Data(await CaseAsync(caseId), "rehabEndsOn"));
        var journal = await App.JournalAsync(caseId);
        Assert.Single(journal, j => j.Action == "recorded" && j.DataJson.Contains("extended-after-period-end", StringComparison.Ordinal) && j.DataJson.Contains("2025-10-15", StringComparison.Ordinal));
        var set = Assert.Single(journal, j => j.Action == "field-set");
        Assert.Contains("\"from\":\"2025-10-15\"", set.DataJson, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"2025-11-30\"", set.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_after_the_period_has_ended_ends_the_case_as_period_ended_and_tells_the_worker()
    {
        var caseId = await AtCommitteeAsync();
        At("2025-10-16 00:00");
        await App.RunDueTimersAsync();
        At("2025-10-21 10:00");
        var done = await EventOkAsync(caseId, "committee-decision", new { approved = false, decidedOn = "2025-10-21" });
        Assert.Equal(("period-ended", "period-ended"), (done.Str("state"), done.Str("endOutcome")));
        Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "rehab-extension-refused" && m.Recipient == "worker");
        Assert.Equal("2025-10-15", Data(await CaseAsync(caseId), "rehabEndsOn"));
    }

    [Fact]
    public async Task A_second_extension_case_for_the_same_injury_case_is_refused_naming_the_first()
    {
        var injuryCase = await NewInjuryCaseAsync();
        var first = await AtCommitteeAsync(injuryCase);
        var number = first.ToString("N")[^8..].ToUpperInvariant();

        // While the first is before the committee: 第四十九条 allows one extension, in the first period.
        var officer = await App.As("officer.jinan");
        var body = new { procedure = Key, city = "370100", data = new { workerIdNumber = "370102198503120011", injuryCaseId = injuryCase, rehabStartsOn = "2025-08-01", rehabEndsOn = "2025-11-30", institution = "山东省工伤康复医院" } };
        var again = await (await officer.PostJsonAsync("/api/cases", body)).ProblemAsync(HttpStatusCode.Conflict);
        var detail = again.GetProperty("detail").GetString()!;
        Assert.Contains(number, detail, StringComparison.Ordinal);
        Assert.Contains("第四十九条", detail, StringComparison.Ordinal);
        Assert.Contains(injuryCase, detail, StringComparison.Ordinal);

        // Once extended, the extended period (now ending 11/30) cannot be extended again either.
        At("2025-10-14 10:00");
        Assert.Equal("extended", (await EventOkAsync(first, "committee-decision", new { approved = true, newEndsOn = "2025-11-30", decidedOn = "2025-10-14" })).Str("endOutcome"));
        At("2025-11-20 10:00");
        Assert.Contains(number, (await (await officer.PostJsonAsync("/api/cases", body)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await App.InDbAsync(db => db.CaseValues.CountAsync(v => v.Field == "injuryCaseId" && v.Text == injuryCase)));

        // Another injury case is not affected.
        await StartAsync();
    }

    [Fact]
    public async Task A_period_that_ran_its_course_used_the_one_extension_too()
    {
        var injuryCase = await NewInjuryCaseAsync();
        At("2025-10-01 09:00");
        var first = await StartAsync(injuryCase);
        At("2025-10-16 00:00");
        await App.RunDueTimersAsync();
        Assert.Equal("period-ended", (await CaseAsync(first)).Str("endOutcome"));
        var refused = await (await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new
        {
            procedure = Key, city = "370100",
            data = new { workerIdNumber = "370102198503120011", injuryCaseId = injuryCase, rehabStartsOn = "2025-10-16", rehabEndsOn = "2025-12-31", institution = "山东省工伤康复医院" },
        })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(first.ToString("N")[^8..].ToUpperInvariant(), refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

public sealed class RehabExtensionOnSqlite(SqliteRuntimeApp app) : RehabExtensionScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class RehabExtensionOnPostgres(PostgresRuntimeApp app) : RehabExtensionScenarios(app), IClassFixture<PostgresRuntimeApp>;
