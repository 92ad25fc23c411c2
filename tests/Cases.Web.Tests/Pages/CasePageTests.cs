using System.Net;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>The case workspace: parties, data, open tasks and clocks, the journal as a verified timeline, awaited events as forms.</summary>
public sealed class CasePageTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task The_workspace_shows_open_tasks_and_pending_clocks_with_due_dates_and_basis_and_a_verified_timeline()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        await (await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-17" } })).JsonAsync(HttpStatusCode.OK);

        var page = await officer.OpenAsync($"/cases/{caseId}");

        Assert.Equal("工伤保险费率浮动告知与异议", page.QuerySelector("h1").Text());
        Assert.Contains("当前环节：异议期", page.QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.Contains("当前没有待办任务", page.QuerySelector("[data-testid=open-tasks]").Text(), StringComparison.Ordinal);
        // The objection window: 10 working days after the notice was received on Friday 2025-10-17 → 2025-10-31 (第二十二条).
        var clocks = page.QuerySelector("[data-testid=pending-clocks]").Text();
        Assert.Contains("2025年10月31日", clocks, StringComparison.Ordinal);
        Assert.Contains("第二十二条", clocks, StringComparison.Ordinal);
        Assert.Contains("剩 9 个工作日", clocks, StringComparison.Ordinal);
        Assert.Contains("转入「无异议，执行浮动后费率」", clocks, StringComparison.Ordinal);
        var entries = page.QuerySelectorAll("[data-testid=timeline-entry]").Select(e => e.GetAttribute("data-action")).ToList();
        Assert.Equal("started", entries[0]);
        Assert.Contains("task-completed", entries);
        Assert.Equal($"留痕校验通过（{entries.Count} 条）", page.QuerySelector("[data-testid=journal-verified]").Text());
        var data = page.QuerySelector("[data-testid=case-data]").Text();
        Assert.Contains("异议截止日", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_awaited_event_is_a_form_and_a_late_one_is_refused_with_the_rules_words_and_journaled()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-09-10");
        await (await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-09-12" } })).JsonAsync(HttpStatusCode.OK);
        var page = await officer.OpenAsync($"/cases/{caseId}");
        var form = page.QuerySelector("[data-testid=event-objection]")!;
        Assert.Equal("受理重新核定申请", form.QuerySelector("h3").Text());
        Assert.Equal("date", form.QuerySelector("input[name=receivedOn]")!.GetAttribute("type"));
        Assert.NotNull(form.QuerySelector("textarea[name=reason]"));

        // Empty: both required fields are named at once.
        var empty = await officer.SubmitAsync(page, "[data-testid=event-objection]", []);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyPage = await PageSupport.ParseAsync(empty);
        Assert.Contains("必须填写", emptyPage.QuerySelector("[data-testid=error-receivedOn]").Text(), StringComparison.Ordinal);
        Assert.Contains("必须填写", emptyPage.QuerySelector("[data-testid=error-reason]").Text(), StringComparison.Ordinal);

        // The window closed on 2025-09-26, 10 working days after the notice was received on 2025-09-12.
        var late = await officer.SubmitAsync(page, "[data-testid=event-objection]", [new("receivedOn", "2025-10-20"), new("reason", "费率过高")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        var refused = await PageSupport.ParseAsync(late);
        Assert.Contains("按规程不予受理", refused.QuerySelector("[data-testid=refusal]").Text(), StringComparison.Ordinal);
        Assert.Contains("第二十二条", refused.QuerySelector("[data-testid=refusal]").Text(), StringComparison.Ordinal);
        Assert.Equal("2025-10-20", refused.QuerySelector("[data-testid=event-objection] input[name=receivedOn]")!.GetAttribute("value"));
        var timeline = await officer.OpenAsync($"/cases/{caseId}");
        Assert.NotNull(timeline.QuerySelector("[data-testid=timeline-entry][data-action=event-refused]"));
        Assert.NotNull(timeline.QuerySelector("[data-testid=journal-verified]"));
    }

    [Fact]
    public async Task Recording_an_awaited_event_moves_the_case_and_opens_the_next_task()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-15");
        await (await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-16" } })).JsonAsync(HttpStatusCode.OK);
        var page = await officer.OpenAsync($"/cases/{caseId}");

        var response = await officer.SubmitAsync(page, "[data-testid=event-objection]", [new("receivedOn", "2025-10-20"), new("reason", "行业类别划分有误")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await officer.OpenAsync($"/cases/{caseId}");
        Assert.Contains("已登记「受理重新核定申请」。案件当前环节：重新核定费率", after.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Contains("重新核定费率", after.QuerySelector("[data-testid=open-tasks]").Text(), StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("[data-testid=event-objection]"));
    }

    [Fact]
    public async Task A_stale_event_form_says_the_case_no_longer_waits_for_it()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-15");
        await (await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-16" } })).JsonAsync(HttpStatusCode.OK);
        var page = await officer.OpenAsync($"/cases/{caseId}");
        await (await officer.PostJsonAsync($"/api/cases/{caseId}/events/objection", new { receivedOn = "2025-10-17", reason = "另一位经办人已登记" })).JsonAsync(HttpStatusCode.OK);

        var response = await (await app.As("officer2.jinan")).SubmitAsync(page, "[data-testid=event-objection]", [new("receivedOn", "2025-10-20"), new("reason", "重复登记")]);

        // The form's antiforgery token belongs to officer.jinan's session: officer2 posts with their own page's token instead.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stale = await officer.SubmitAsync(page, "[data-testid=event-objection]", [new("receivedOn", "2025-10-20"), new("reason", "重复登记")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await PageSupport.ParseAsync(stale);
        Assert.Contains("案件当前不在等待此事项", conflict.QuerySelector("[data-testid=refusal]").Text(), StringComparison.Ordinal);
        Assert.Contains("当前环节：重新核定费率", conflict.QuerySelector("main").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_numbers_are_whole_for_officers_and_masked_for_a_supervisor_everywhere_on_the_page()
    {
        var officer = await app.As("officer.jinan");
        var idNumber = TestParties.NewIdNumber();
        var started = await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "rehab-extension",
            city = "370100",
            data = new { workerIdNumber = idNumber, injuryCaseId = await TestInjuries.RegisterWithNewWorkerAsync(officer, idNumber), rehabStartsOn = "2025-08-01", rehabEndsOn = "2025-11-30", institution = "山东省工伤康复医院" },
        })).JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();
        var masked = idNumber[..6] + "********" + idNumber[14..];

        var asOfficer = await officer.OpenAsync($"/cases/{caseId}");
        Assert.Equal(idNumber, asOfficer.QuerySelector("[data-testid=party-number]").Text());
        Assert.Contains("职工", asOfficer.QuerySelector("[data-testid=party]").Text(), StringComparison.Ordinal);

        var supervisor = await app.As("supervisor.jinan");
        var (status, asSupervisor) = await supervisor.PageAsync($"/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(masked, asSupervisor.QuerySelector("[data-testid=party-number]").Text());
        Assert.DoesNotContain(idNumber, asSupervisor.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains(masked, asSupervisor.QuerySelector("[data-testid=case-data]").Text(), StringComparison.Ordinal);
        Assert.Contains(masked, asSupervisor.QuerySelector("[data-testid=timeline]").Text(), StringComparison.Ordinal);
    }
}
