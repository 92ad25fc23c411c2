using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>project-term-extension — 建设项目工伤保险期限顺延 (第九条), every path, on the 2025 calendar.</summary>
public abstract class ProjectTermExtensionScenarios(AppFixture app) : ProcedureScenario(app)
{
    private static readonly string[] BothPapers = ["extension-application", "contract-extension-proof"];

    private const string Key = "project-term-extension";

    private const string Contractor = "91370100MA3C4E5F61";
    private static int _serial = Random.Shared.Next(1000, 9000);

    private string _projectCode = "";

    // The contract ends Monday 2025-10-20: the application deadline is 2025-10-05, a National Day holiday and a
    // Sunday, and stays there: "至少在到期15日前" is counted back and never moved. Version 3 starts from a project of
    // the register (第九条): each case gets a project of its own, since its approval writes the project's end.
    private async Task<Guid> StartAsync()
    {
        _projectCode = await RegisteredProjectAsync();
        return await StartAsync(Key, new
        {
            projectCode = _projectCode,
            generalContractorCreditCode = Contractor,
            contractStartsOn = "2025-03-01",
            contractEndsOn = "2025-10-20",
        });
    }

    /// <summary>A project of 济南 in the register, contract 2025-03-01 to 2025-10-20; its code.</summary>
    private async Task<string> RegisteredProjectAsync()
    {
        var code = $"JS370100-E{Interlocked.Increment(ref _serial):D5}";
        await App.InDbAsync(async db =>
        {
            db.ConstructionProjects.Add(Cases.Domain.Projects.ConstructionProject.Register(code, "济南市经十路东延综合管廊工程（二标段）",
                Cases.Domain.Parties.CreditCode.Parse(Contractor), Cases.Domain.Parties.City.Jinan, new DateOnly(2025, 3, 1), new DateOnly(2025, 10, 20), 86_000_000m));
            return await db.SaveChangesAsync();
        });
        return code;
    }

    private async Task<JsonElement> ProjectAsync(string code) =>
        await (await (await App.As("officer.jinan")).GetAsync($"/api/projects/{code}")).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task The_application_deadline_shows_among_the_clocks_unshifted_with_the_reminder_ahead_of_it()
    {
        At("2025-09-01 09:00");
        var view = await CaseAsync(await StartAsync());
        Assert.Equal("insured", view.Str("state"));
        var deadline = Timer(view, "milestone");
        Assert.Equal(("2025-10-05", "第九条"), (deadline.Str("dueOn"), deadline.Str("basis")));
        Assert.Equal("2025-09-25", Timer(view, "reminder").Str("dueOn"));
        var end = Timer(view, "transition");
        Assert.Equal(("2025-10-20", "term-ended"), (end.Str("dueOn"), end.Str("targetState")));

        At("2025-09-25 08:00");
        await App.RunDueTimersAsync();
        Assert.Contains(await App.OutboxAsync(view.GetProperty("caseId").GetGuid()), m => m.Template == "project-term-extension-reminder" && m.Recipient == "contractor");
    }

    [Fact]
    public async Task An_application_on_time_goes_to_the_officer_and_approval_re_arms_the_deadline_for_the_new_end()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync();
        var review = Task(await EventOkAsync(caseId, "extension-application", new { receivedOn = "2025-09-29", newContractEndsOn = "2026-01-31", materialsReceived = BothPapers }));
        // 5 working days after Monday 9/29: 9/30, then the holidays, 10/9, 10/10, Saturday 10/11 (make-up), 10/13.
        Assert.Equal(("review-extension", "officer", "2025-10-13"), (review.Str("state"), review.Str("role"), review.Str("dueOn")));

        // Under review the term's end (10/20) stays among the case's clocks (第九条).
        var end = Timer(await CaseAsync(caseId), "milestone", "review-extension");
        Assert.Equal(("2025-10-20", "第九条"), (end.Str("dueOn"), end.Str("basis")));

        var back = await CompleteAsync(review, "approved");
        Assert.Equal("insured", back.Str("state"));
        var view = await CaseAsync(caseId);
        // Approved before the term ended: nothing to restore.
        Assert.DoesNotContain(await App.JournalAsync(caseId), j => j.DataJson.Contains("term-restored", StringComparison.Ordinal));
        Assert.Equal(("2026-01-31", "2026-01-16"), (Data(view, "contractEndsOn"), Data(view, "applicationDeadline")));
        Assert.Equal("2026-01-16", Timer(view, "milestone").Str("dueOn"));
        Assert.Equal("2026-01-31", Timer(view, "transition").Str("dueOn"));
        // Written back to the project register in the approval's transaction (第九条).
        Assert.Equal("2026-01-31", (await ProjectAsync(_projectCode)).GetProperty("term").Str("to"));
        Assert.Contains(await App.JournalAsync(caseId), j => j.Action == "register-updated" && j.DataJson.Contains("2026-01-31", StringComparison.Ordinal));
        // The old clocks went with the old term: on 10/21 nothing ends the case.
        At("2025-10-21 09:00");
        await App.RunDueTimersAsync();
        Assert.Equal("insured", (await CaseAsync(caseId)).Str("state"));
    }

    [Fact]
    public async Task The_deadline_day_itself_is_on_time_the_day_after_is_late_and_a_new_end_must_be_later()
    {
        // 规程 第九条: "于原合同工期到期15日前" — an application received on the deadline (2025-10-05) is on time.
        At("2025-10-06 10:00");
        var onTheDay = await StartAsync();
        await (await EventAsync(onTheDay, "extension-application", new { receivedOn = "2025-10-05", newContractEndsOn = "2025-10-20", materialsReceived = BothPapers }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var review = Task(await EventOkAsync(onTheDay, "extension-application", new { receivedOn = "2025-10-05", newContractEndsOn = "2025-12-31", materialsReceived = BothPapers }));
        Assert.Equal(("review-extension", "officer"), (review.Str("state"), review.Str("role")));

        var dayAfter = await StartAsync();
        var exception = Task(await EventOkAsync(dayAfter, "extension-application", new { receivedOn = "2025-10-06", newContractEndsOn = "2025-12-31", materialsReceived = BothPapers }));
        Assert.Equal(("late-extension-exception", "supervisor"), (exception.Str("state"), exception.Str("role")));
    }

    [Fact]
    public async Task A_late_application_goes_to_a_supervisor_who_may_accept_it_with_a_reason()
    {
        At("2025-10-09 10:00");
        var caseId = await StartAsync();
        var exception = Task(await EventOkAsync(caseId, "extension-application", new { receivedOn = "2025-10-09", newContractEndsOn = "2025-12-31", materialsReceived = BothPapers }));
        // After the deadline (10/05): a supervisor's task, due 5 working days after Thursday 10/9 — 10/10, Saturday
        // 10/11 (make-up), 10/13, 10/14, 10/15.
        Assert.Equal(("late-extension-exception", "supervisor", "2025-10-15"), (exception.Str("state"), exception.Str("role"), exception.Str("dueOn")));
        // 第九条 sets the deadline and no exception: the step says it is the agency's own discretion.
        Assert.Equal("逾期申请例外受理（本机构）", exception.Str("title"));
        Assert.Equal(HttpStatusCode.Forbidden, (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), exception.Id(), "accept", new { exceptionReason = "x" })).StatusCode);
        await (await DemoFiling.CompleteAsync(await App.As("supervisor.jinan"), exception.Id(), "accept", new { })).FieldErrorAsync("data.exceptionReason");

        var before = await LateExceptionsAsync("supervisor.jinan");
        var province = await LateExceptionsAsync("supervisor.province");
        var accepted = await CompleteAsync(exception, "accept", new { exceptionReason = "施工许可延期文件已补齐，确有正当理由" }, "supervisor.jinan");
        Assert.Equal("insured", accepted.Str("state"));
        Assert.Equal("2025-12-31", Data(await CaseAsync(caseId), "contractEndsOn"));
        Assert.Equal("2025-12-31", (await ProjectAsync(_projectCode)).GetProperty("term").Str("to"));

        // Counted on the dashboard of the city (and the province) for 2025, with the reason on the case.
        Assert.Equal((2025, before + 1), await LateExceptionCountAsync("supervisor.jinan"));
        Assert.Equal(province + 1, await LateExceptionsAsync("supervisor.province"));
        Assert.Equal("施工许可延期文件已补齐，确有正当理由", Data(await CaseAsync(caseId), "exceptionReason"));
        var page = await (await (await App.As("supervisor.jinan")).GetAsync("/supervision")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"late-exceptions\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"late-exceptions-count\">{before + 1}<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_may_reject_a_late_application_without_a_reason_and_it_is_not_counted()
    {
        At("2025-10-09 10:00");
        var caseId = await StartAsync();
        var exception = Task(await EventOkAsync(caseId, "extension-application", new { receivedOn = "2025-10-09", newContractEndsOn = "2025-12-31", materialsReceived = BothPapers }));
        var before = await LateExceptionsAsync("supervisor.jinan");
        Assert.Equal("insured", (await CompleteAsync(exception, "reject", new { }, "supervisor.jinan")).Str("state"));
        Assert.Equal(before, await LateExceptionsAsync("supervisor.jinan"));
        Assert.Equal("2025-10-20", Data(await CaseAsync(caseId), "contractEndsOn"));
        Assert.Equal("2025-10-20", (await ProjectAsync(_projectCode)).GetProperty("term").Str("to"));
    }

    [Fact]
    public async Task A_rejected_application_leaves_the_term_as_it_was()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync();
        var review = Task(await EventOkAsync(caseId, "extension-application", new { receivedOn = "2025-09-29", newContractEndsOn = "2026-01-31", materialsReceived = BothPapers }));
        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "rejected", new { })).FieldErrorAsync("data.reviewNote");
        var back = await CompleteAsync(review, "rejected", new { reviewNote = "合同变更材料不全" });
        Assert.Equal("insured", back.Str("state"));
        var view = await CaseAsync(caseId);
        Assert.Equal("2025-10-20", Data(view, "contractEndsOn"));
        Assert.Equal("2025-10-20", Timer(view, "transition").Str("dueOn"));
    }

    [Fact]
    public async Task Early_completion_ends_the_term_that_day_and_a_wrong_date_is_refused()
    {
        At("2025-09-16 10:00");
        var caseId = await StartAsync();
        // Before the contract started: the rule of the event refuses it; a day not yet come is no completion at all.
        await (await EventAsync(caseId, "early-completion", new { completedOn = "2025-02-28" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("「竣工日期」（2025年10月25日）不能晚于今天（2025年9月16日）。",
            await (await EventAsync(caseId, "early-completion", new { completedOn = "2025-10-25" })).FieldErrorAsync("data.completedOn"));
        var done = await EventOkAsync(caseId, "early-completion", new { completedOn = "2025-09-15" });
        Assert.Equal("completed-early", done.Str("endOutcome"));
        Assert.Empty(DemoFiling.PendingTimers(await CaseAsync(caseId)));
        // The register's term ends on the completion day (第九条: 提前竣工的…在工程竣工之日终止).
        var term = (await ProjectAsync(_projectCode)).GetProperty("term");
        Assert.Equal(("2025-09-15", "2025-09-15", "2025-10-20"), (term.Str("completedOn"), term.Str("to"), term.Str("contractEndsOn")));
    }

    [Fact]
    public async Task Nothing_by_the_end_of_the_contract_ends_the_term_and_a_later_application_is_refused()
    {
        At("2025-10-10 10:00");
        var caseId = await StartAsync();
        At("2025-10-21 00:00");
        await App.RunDueTimersAsync();
        Assert.Equal("term-ended", (await CaseAsync(caseId)).Str("endOutcome"));
        var refused = await (await EventAsync(caseId, "extension-application", new { receivedOn = "2025-10-21", newContractEndsOn = "2026-01-31" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("2025年10月20日", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // An event the end does not name is a plain conflict.
        Assert.Equal(HttpStatusCode.Conflict, (await EventAsync(caseId, "early-completion", new { completedOn = "2025-10-01" })).StatusCode);
    }

    [Fact]
    public async Task An_application_without_the_contract_proof_gets_one_notice_and_lapses_back_to_the_old_term()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync();
        var review = Task(await EventOkAsync(caseId, "extension-application", new { receivedOn = "2025-09-29", newContractEndsOn = "2026-01-31", materialsReceived = new[] { "extension-application" } }));
        Assert.Equal("awaiting-materials", (await CompleteAsync(review, "missing-materials", new { reviewNote = "缺工期延长补充协议" })).Str("state"));
        var notice = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice");
        Assert.Equal("contractor", notice.Recipient);
        Assert.Contains("contract-extension-proof", notice.PayloadJson, StringComparison.Ordinal);
        // 15 days (the default) from 9/29: 10/14. Not supplied: the project stays insured on its old term.
        Assert.Equal("2025-10-14", Data(await CaseAsync(caseId), "materialsDeadline"));
        At("2025-10-15 00:00");
        await App.RunDueTimersAsync();
        var view = await CaseAsync(caseId);
        Assert.Equal("insured", view.Str("state"));
        Assert.Equal("2025-10-20", Data(view, "contractEndsOn"));
    }

    [Fact]
    public async Task A_term_that_ends_under_review_is_recorded_as_ended_and_a_later_approval_restores_it_to_the_new_end()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync();
        var review = Task(await EventOkAsync(caseId, "extension-application", new { receivedOn = "2025-09-29", newContractEndsOn = "2026-01-31", materialsReceived = BothPapers }));

        // 24:00 on 10/20: the term ends while the officer reviews; the end is journaled, the review goes on.
        // The review's warning (10/13) is due in the same sweep; a timer that loses a race with another firing on its case
        // releases its lease for the next sweep (TimerFiring), so sweep until nothing is due and look at everything fired.
        At("2025-10-21 00:00");
        var fired = new List<Cases.Workflows.Timers.FiredTimer>();
        for (IReadOnlyList<Cases.Workflows.Timers.FiredTimer> sweep; (sweep = await App.RunDueTimersAsync()).Count > 0;)
        {
            fired.AddRange(sweep);
        }

        Assert.Contains(fired, t => t.CaseId == caseId && t.Kind == Cases.Workflows.Records.TimerKind.Milestone && t.DueOn == new DateOnly(2025, 10, 20));
        var lapsed = await CaseAsync(caseId);
        Assert.Equal(("review-extension", "running"), (lapsed.Str("state"), lapsed.Str("status")));
        Assert.Contains(await App.JournalAsync(caseId), j => j.Action == "milestone-passed" && j.DataJson.Contains("termEndsOn", StringComparison.Ordinal));

        At("2025-10-22 10:00");
        Assert.Equal("insured", (await CompleteAsync(review, "approved")).Str("state"));
        var view = await CaseAsync(caseId);
        Assert.Equal("2026-01-31", Data(view, "contractEndsOn"));
        Assert.Equal("2026-01-31", Timer(view, "transition").Str("dueOn"));
        var restored = Assert.Single(await App.JournalAsync(caseId), j => j.Action == "recorded" && j.DataJson.Contains("term-restored", StringComparison.Ordinal));
        Assert.Contains("2025-10-20", restored.DataJson, StringComparison.Ordinal);
        Assert.Contains("2026-01-31", restored.DataJson, StringComparison.Ordinal);
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "project-term-extended" && m.Recipient == "contractor");
        At("2025-10-23 09:00");
        await App.RunDueTimersAsync();
        Assert.Equal("insured", (await CaseAsync(caseId)).Str("state"));
    }

    [Fact]
    public async Task A_term_that_ends_after_the_materials_came_in_ends_the_insurance_when_the_application_is_then_rejected()
    {
        At("2025-10-05 10:00");
        var caseId = await StartAsync();
        var review = Task(await EventOkAsync(caseId, "extension-application", new { receivedOn = "2025-10-05", newContractEndsOn = "2026-01-31", materialsReceived = new[] { "extension-application" } }));
        Assert.Equal("awaiting-materials", (await CompleteAsync(review, "missing-materials", new { reviewNote = "缺工期延长补充协议" })).Str("state"));
        // Waiting for the papers, the term's end is among the clocks too (the materials are due the same day, 10/20).
        var termEnd = Assert.Single(Timers(await CaseAsync(caseId), "milestone"), t => t.Str("rule") == "on contractEndsOn");
        Assert.Equal(("2025-10-20", "awaiting-materials", "第九条"), (termEnd.Str("dueOn"), termEnd.Str("state"), termEnd.Str("basis")));

        At("2025-10-10 10:00");
        var again = Task(await EventOkAsync(caseId, "resubmitted", new { resubmittedOn = "2025-10-10", materialsReceived = BothPapers }));
        At("2025-10-21 00:00");
        await App.RunDueTimersAsync();
        Assert.Equal("review-extension", (await CaseAsync(caseId)).Str("state"));

        // Rejected after the end: the insurance stays ended (第九条).
        At("2025-10-21 10:00");
        Assert.Equal("insured", (await CompleteAsync(again, "rejected", new { reviewNote = "补充协议未盖章" })).Str("state"));
        await App.RunDueTimersAsync();
        Assert.Equal("term-ended", (await CaseAsync(caseId)).Str("endOutcome"));
    }

    [Fact]
    public async Task Only_a_registered_project_of_the_city_starts_it_and_its_contractor_and_period_come_from_the_register()
    {
        At("2025-09-01 09:00");
        // Unknown, and another city's (the demo project of 青岛): the same refusal naming the field.
        Assert.Contains("须为本市已登记的建设项目", await (await (await App.As("officer.jinan")).PostJsonAsync("/api/cases",
            new { procedure = Key, city = "370100", data = new { projectCode = "JS370100-NOPE" } })).FieldErrorAsync("data.projectCode"), StringComparison.Ordinal);
        await (await (await App.As("officer.jinan")).PostJsonAsync("/api/cases",
            new { procedure = Key, city = "370100", data = new { projectCode = "JS3702002026-D02" } })).FieldErrorAsync("data.projectCode");
        var code = await RegisteredProjectAsync();
        // A period the caller states differently from the register is refused, not replaced.
        await (await (await App.As("officer.jinan")).PostJsonAsync("/api/cases",
            new { procedure = Key, city = "370100", data = new { projectCode = code, contractEndsOn = "2025-12-31" } })).FieldErrorAsync("data.contractEndsOn");

        var caseId = await StartAsync(Key, new { projectCode = code });
        var view = await CaseAsync(caseId);
        Assert.Equal(("2025-03-01", "2025-10-20", Contractor, "济南恒达建材有限公司", "济南市经十路东延综合管廊工程（二标段）"),
            (Data(view, "contractStartsOn"), Data(view, "contractEndsOn"), Data(view, "generalContractorCreditCode"), Data(view, "generalContractorName"), Data(view, "projectName")));
        Assert.Equal("2025-10-05", Timer(view, "milestone").Str("dueOn"));
    }

    // The dashboard's count of late applications accepted as the agency's exception, in the user's scope, this year (China time).
    private async Task<(int Year, int Accepted)> LateExceptionCountAsync(string user)
    {
        var count = await (await (await App.As(user)).GetAsync("/api/supervision/late-exceptions")).JsonAsync(HttpStatusCode.OK);
        return (count.GetProperty("year").GetInt32(), count.GetProperty("accepted").GetInt32());
    }

    private async Task<int> LateExceptionsAsync(string user) => (await LateExceptionCountAsync(user)).Accepted;
}

public sealed class ProjectTermExtensionOnSqlite(SqliteRuntimeApp app) : ProjectTermExtensionScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class ProjectTermExtensionOnPostgres(PostgresRuntimeApp app) : ProjectTermExtensionScenarios(app), IClassFixture<PostgresRuntimeApp>;
