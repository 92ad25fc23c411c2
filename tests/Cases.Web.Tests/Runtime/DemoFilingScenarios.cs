using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Support;
using Cases.Workflows.Records;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Runtime;

/// <summary>
/// Scenarios run on more than one database: the whole extension path of demo-filing, and two simultaneous
/// completions of one task. The app's clock stands at 2025-10-20 09:00 (Asia/Shanghai), a Monday.
/// </summary>
internal static class DemoFilingScenarios
{
    /// <summary>
    /// Filed on 2025-09-30 (the eve of the 2025 National Day holiday, 10-01…10-08 off, 10-11 a make-up Saturday),
    /// missing materials asked for once, resubmitted, checked, approved: the term is extended.
    /// </summary>
    public static async Task FullExtensionPathAsync(AppFixture app)
    {
        var officer = await app.As("officer.jinan");
        var reviewer = await app.As("reviewer.jinan");

        // Start: waiting for the filing, with the 第九条 window (15 days before 2026-03-29, a Saturday, not moved) and its reminder.
        var started = await DemoFiling.StartAsync(officer, "2026-03-29");
        Assert.Equal("await-filing", started.Str("state"));
        Assert.Equal(1, started.GetProperty("definitionVersion").GetInt32());
        var caseId = started.GetProperty("caseId").GetGuid();
        var view = await DemoFiling.GetAsync(officer, caseId);
        Assert.Equal("await-filing", view.Str("state"));
        Assert.Equal("running", view.Str("status"));
        var timers = DemoFiling.PendingTimers(view);
        Assert.Equal(2, timers.Length);
        var reminder = Assert.Single(timers, t => t.Str("kind") == "reminder");
        Assert.Equal("2026-03-04", reminder.Str("dueOn"));
        Assert.Equal("第九条", reminder.Str("basis"));
        var deadline = Assert.Single(timers, t => t.Str("kind") == "transition");
        Assert.Equal("2026-03-14", deadline.Str("dueOn"));
        Assert.Equal(DayOfWeek.Saturday, DateOnly.Parse(deadline.Str("dueOn")!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek);
        Assert.Equal("第九条", deadline.Str("basis"));
        Assert.Equal("term-ends", deadline.Str("targetState"));
        // The window closes at the end of its last day in China (UTC+8).
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 16, 0, 0, TimeSpan.Zero), deadline.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(["started"], DemoFiling.Actions(view));

        // Filed on time, as an extension: the check task counts 3 working days after filedOn across the holiday.
        var filed = await (await DemoFiling.FileAsync(officer, caseId, "2025-09-30", "2026-06-30")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("check-materials", filed.Str("state"));
        var check = DemoFiling.SingleTask(filed);
        Assert.Equal("check-materials", check.Str("state"));
        Assert.Equal("officer", check.Str("role"));
        Assert.Equal("2025-10-11", check.Str("dueOn"));
        Assert.Equal("第十五条", check.Str("basis"));
        Assert.Equal("open", check.Str("status"));
        view = await DemoFiling.GetAsync(officer, caseId);
        // Leaving the wait cancels its window and reminder; only the task's deadline is pending.
        var pending = Assert.Single(DemoFiling.PendingTimers(view));
        Assert.Equal("taskBreach", pending.Str("kind"));
        Assert.Equal("2025-10-11", pending.Str("dueOn"));
        Assert.Equal(["started", "event", "entered", "decided", "entered"], DemoFiling.Actions(view));

        // Incomplete: one notice listing everything missing (第十五条), then wait for the materials.
        const string missing = "施工合同变更协议；监理单位签认的工期顺延证明";
        var incomplete = await (await DemoFiling.CompleteAsync(officer, check.Id(), "incomplete", new { materialsComplete = false, missingMaterials = missing }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("await-materials", incomplete.Str("state"));
        Assert.Empty(incomplete.GetProperty("openTasks").EnumerateArray());
        var notice = Assert.Single(await app.OutboxAsync(caseId));
        Assert.Equal("contractor", notice.Recipient);
        Assert.Equal("one-time-missing-materials-notice", notice.Template);
        Assert.Equal(OutboxStatus.Pending, notice.Status);
        using (var payload = JsonDocument.Parse(notice.PayloadJson))
        {
            Assert.Equal(missing, payload.RootElement.GetProperty("missingMaterials").GetString());
            Assert.Equal(caseId.ToString(), payload.RootElement.GetProperty("caseId").GetString());
        }

        view = await DemoFiling.GetAsync(officer, caseId);
        var termEnd = Assert.Single(DemoFiling.PendingTimers(view));
        Assert.Equal("transition", termEnd.Str("kind"));
        Assert.Equal("2026-03-30", termEnd.Str("dueOn"));
        Assert.Equal("第九条", termEnd.Str("basis"));

        // Resubmitted: a new check task; its deadline still counts from filedOn, as the definition says.
        var resubmitted = await (await officer.PostJsonAsync($"/api/cases/{caseId}/events/resubmitted", new { resubmittedOn = "2025-10-20" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("check-materials", resubmitted.Str("state"));
        var recheck = DemoFiling.SingleTask(resubmitted);
        Assert.NotEqual(check.Id(), recheck.Id());
        Assert.Equal("2025-10-11", recheck.Str("dueOn"));
        Assert.Equal("第十五条", recheck.Str("basis"));

        // Complete: the approval goes to the reviewer, 2 working days from today (Mon 2025-10-20).
        var complete = await (await DemoFiling.CompleteAsync(officer, recheck.Id(), "complete", new { materialsComplete = true })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approve", complete.Str("state"));
        var approve = DemoFiling.SingleTask(complete);
        Assert.Equal("reviewer", approve.Str("role"));
        Assert.Equal("2025-10-22", approve.Str("dueOn"));
        Assert.Equal("第一百二十条", approve.Str("basis"));
        Assert.Equal(2, approve.GetProperty("priority").GetInt32());

        // Approved: the registration is updated and the case ends extended.
        var approved = await (await DemoFiling.CompleteAsync(reviewer, approve.Id(), "approved", new { reviewNote = "同意顺延" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("extended", approved.Str("state"));
        Assert.Equal("completed", approved.Str("status"));
        Assert.Equal("extended", approved.Str("endOutcome"));
        view = await DemoFiling.GetAsync(reviewer, caseId);
        Assert.Empty(DemoFiling.PendingTimers(view));
        Assert.Empty(view.GetProperty("openTasks").EnumerateArray());
        Assert.Equal("2026-06-30", view.GetProperty("data").GetProperty("newContractEndsOn").GetString());
        Assert.Equal("同意顺延", view.GetProperty("data").GetProperty("reviewNote").GetString());
        var journal = view.GetProperty("journal").EnumerateArray().ToList();
        var recorded = Assert.Single(journal, j => j.Str("action") == "recorded");
        Assert.Equal("project-insurance-term", recorded.GetProperty("data").GetProperty("what").GetString());
        Assert.Equal("2026-06-30", recorded.GetProperty("data").GetProperty("newContractEndsOn").GetString());
        var ended = journal[^1];
        Assert.Equal("ended", ended.Str("action"));
        Assert.Equal("extended", ended.GetProperty("data").GetProperty("outcome").GetString());
        Assert.Equal(3, journal.Count(j => j.Str("action") == "task-completed"));
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(j => j.GetProperty("seq").GetInt32()));
        Assert.Equal(["reviewer.jinan"], journal.SkipWhile(j => j.Str("action") != "task-completed" || j.GetProperty("data").GetProperty("outcome").GetString() != "approved").Select(j => j.Str("actor")).Distinct());

        // Every task of the case is stored completed, with its outcome and who completed it.
        var tasks = await app.InDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.CaseId == caseId).ToListAsync());
        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(HumanTaskStatus.Completed, t.Status));
        Assert.Equal(["approved", "complete", "incomplete"], tasks.Select(t => t.Outcome!).Order(StringComparer.Ordinal));
        Assert.Equal("reviewer.jinan", tasks.Single(t => t.State == "approve").CompletedBy);
        var done = await (await officer.GetAsync("/api/tasks?scope=done&limit=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, done.GetProperty("items").EnumerateArray().Count(t => t.GetProperty("caseId").GetGuid() == caseId));

        var outbox = await app.OutboxAsync(caseId);
        // Both written at the same instant (the clock does not move here): compared as a set.
        Assert.Equal(["one-time-missing-materials-notice", "project-term-extended"], outbox.Select(m => m.Template).Order(StringComparer.Ordinal));
        Assert.All(outbox, m => Assert.Equal("370100", m.CityCode));

        var verified = await (await officer.GetAsync($"/api/cases/{caseId}/journal/verify")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ok", verified.Str("status"));
        Assert.Equal(journal.Count, verified.GetProperty("entries").GetInt32());
    }

    /// <summary>One officer sends the same completion twice at once: one wins, the other is told 409, one journal entry.</summary>
    public static async Task SimultaneousCompletionsAsync(AppFixture app)
    {
        var officer = await app.As("officer.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(officer);

        var answers = await DemoFiling.TwiceAtOnceAsync(() => DemoFiling.CompleteAsync(officer, task.Id(), "complete", new { materialsComplete = true }));

        var codes = answers.Select(a => a.StatusCode).Order().ToList();
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.True(codes.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]), $"Expected one 200 and one 409: {string.Join(" | ", bodies)}");
        var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        var problem = await loser.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(task.Id(), problem.GetProperty("current").GetProperty("id").GetGuid());
        Assert.Equal("completed", problem.GetProperty("current").Str("status"));

        var journal = await app.JournalAsync(caseId);
        Assert.Single(journal, j => j.Action == "task-completed");
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(j => j.Seq));
        var approveTasks = await app.InDbAsync(db => db.Tasks.CountAsync(t => t.CaseId == caseId && t.State == "approve"));
        Assert.Equal(1, approveTasks);
        var view = await DemoFiling.GetAsync(officer, caseId);
        Assert.Equal("approve", view.Str("state"));
        Assert.Equal("ok", (await (await officer.GetAsync($"/api/cases/{caseId}/journal/verify")).JsonAsync(HttpStatusCode.OK)).Str("status"));
    }
}
