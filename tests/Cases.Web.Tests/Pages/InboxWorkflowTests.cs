using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>
/// The inbox without dead ends: filters by party, case number and assignee (the API and the page read the same
/// query), saved filters that keep them, 领取并办理, 办理下一项 after completing, and 工作台 counted from the last visit.
/// </summary>
public sealed class InboxWorkflowTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task Party_case_number_and_assignee_narrow_the_tasks_alike_in_the_API_and_the_inbox()
    {
        var officer = await app.As("officer.jinan");
        var prefix = "滨河" + Guid.NewGuid().ToString("N")[..6];
        var registered = TestParties.NewCreditCode();
        await (await officer.PostJsonAsync("/api/employers", new { creditCode = registered, name = prefix + "机械有限公司", riskClass = 2, city = "370100" })).JsonAsync(HttpStatusCode.Created);
        var (namedCase, named) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17", registered);
        var unregistered = TestParties.NewCreditCode();
        var (_, other) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17", unregistered);

        // The start of a registered employer's name finds its case (the case records only the code); a whole code finds its own.
        var byName = await IdsAsync(officer, $"scope=available&party={Uri.EscapeDataString(prefix)}");
        Assert.Contains(named, byName);
        Assert.DoesNotContain(other, byName);
        Assert.Equal([other], await IdsAsync(officer, $"scope=available&party={unregistered}"));
        // The case number as pages show it, in either case, finds the one case.
        var number = namedCase.ToString("N")[^8..];
        Assert.Equal([named], await IdsAsync(officer, $"scope=available&caseNumber={number.ToUpperInvariant()}"));
        Assert.Equal([named], await IdsAsync(officer, $"scope=available&caseNumber={number}"));

        var inbox = await officer.OpenAsync($"/inbox?tab=available&party={Uri.EscapeDataString(prefix)}");
        Assert.True(inbox.HasRow(named));
        Assert.False(inbox.HasRow(other));
        Assert.Equal(prefix, inbox.QuerySelector("#filter-party")?.GetAttribute("value"));

        // A bad case number: 400 naming the field from the API, the page's own words on the page, and no list.
        await (await officer.GetAsync("/api/tasks?scope=available&caseNumber=XYZ")).FieldErrorAsync("caseNumber");
        var refused = await officer.OpenAsync("/inbox?tab=available&caseNumber=XYZ");
        Assert.Contains("案件编号为 8 位", refused.QuerySelector("[data-testid=filter-problem]").Text(), StringComparison.Ordinal);
        Assert.Empty(refused.QuerySelectorAll("[data-testid=task-row]"));

        // The assignee: the supervisors' 本市在办 lists who holds what; in an officer's own tabs it means nothing and is refused.
        await (await (await app.As("officer2.jinan")).PostAsync($"/api/tasks/{named}/claim", null)).JsonAsync(HttpStatusCode.OK);
        var supervisor = await app.As("supervisor.jinan");
        var held = await IdsAsync(supervisor, $"scope=open&assignee=officer2.jinan&party={Uri.EscapeDataString(prefix)}");
        Assert.Equal([named], held);
        await (await officer.GetAsync("/api/tasks?scope=mine&assignee=officer2.jinan")).FieldErrorAsync("assignee");
        var team = await supervisor.OpenAsync($"/inbox?tab=team&assignee={Uri.EscapeDataString("王芳（济南经办）")}&party={Uri.EscapeDataString(prefix)}");
        Assert.True(team.HasRow(named));
        Assert.Contains("王芳（济南经办）", team.Row(named).QuerySelector("[data-testid=holder]").Text(), StringComparison.Ordinal);
        Assert.Null((await officer.OpenAsync("/inbox?tab=team")).QuerySelector("[data-testid=tab-team]"));
    }

    [Fact]
    public async Task A_saved_filter_keeps_party_case_number_and_assignee_and_refuses_a_case_number_that_is_not_one()
    {
        var officer = await app.As("officer.jinan");
        var saved = await (await officer.PostJsonAsync("/api/inbox/filters", new { name = "滨河 " + Guid.NewGuid().ToString("N")[..6], party = "滨河", caseNumber = "3f2a9c1b", sort = "due" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("sort=due&party=%E6%BB%A8%E6%B2%B3&caseNumber=3F2A9C1B", saved.GetProperty("query").GetString());
        Assert.Equal("3F2A9C1B", saved.GetProperty("filter").GetProperty("caseNumber").GetString());

        await (await officer.PostJsonAsync("/api/inbox/filters", new { name = "坏编号", caseNumber = "12345" })).FieldErrorAsync("caseNumber");
        var inbox = await officer.OpenAsync("/inbox?tab=available");
        using var response = await officer.SubmitAsync(inbox, "[data-testid=save-filter]", [new("name", "坏编号"), new("caseNumber", "12345")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var shown = await officer.OpenAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("「案件编号」须为 8 位数字或字母 A–F", shown.QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_and_open_takes_the_task_and_opens_it_and_next_task_walks_the_same_filter_back_to_the_inbox()
    {
        var officer = await app.As("officer2.jinan");
        var prefix = "顺序" + Guid.NewGuid().ToString("N")[..6];
        var tasks = new List<Guid>();
        foreach (var (suffix, adjustedOn) in new[] { ("甲", "2025-10-10"), ("乙", "2025-10-17") })
        {
            var code = TestParties.NewCreditCode();
            await (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = prefix + suffix + "公司", riskClass = 1, city = "370100" })).JsonAsync(HttpStatusCode.Created);
            tasks.Add((await PageSupport.StartRateCaseAsync(officer, adjustedOn, code)).TaskId);
        }

        // 领取并办理 from the filtered 可领取: claimed and opened in one post, the filter carried on as "mine".
        var available = await officer.OpenAsync($"/inbox?tab=available&party={Uri.EscapeDataString(prefix)}");
        using var opened = await officer.SubmitAsync(available, "#inbox-actions", [new("taskId", tasks[0].ToString())], action: "/inbox/claim-open");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var location = opened.Headers.Location!.OriginalString;
        Assert.StartsWith($"/tasks/{tasks[0]}?from=", location, StringComparison.Ordinal);
        var from = Uri.UnescapeDataString(location[(location.IndexOf("from=", StringComparison.Ordinal) + 5)..]);
        Assert.Equal($"tab=mine&party={Uri.EscapeDataString(prefix)}", from);
        Assert.Equal("officer2.jinan", (await TaskAsync(officer, tasks[0])).GetProperty("assignee").GetString());
        await (await officer.PostAsync($"/api/tasks/{tasks[1]}/claim", null)).JsonAsync(HttpStatusCode.OK);

        // Completing through the task page opened with the filter: the notice offers 办理下一项.
        var taskPage = await officer.OpenAsync(location);
        using var completed = await officer.SubmitAsync(taskPage, "[data-testid=task-form]", [new("outcome", "notified"), new("noticeReceivedOn", "2025-10-20")]);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        var casePage = await officer.OpenAsync(completed.Headers.Location!.OriginalString);
        var next = casePage.QuerySelector("[data-testid=next-task]")?.GetAttribute("href");
        Assert.NotNull(next);

        // The next task of "mine" under that filter is the other one; after it, nothing is left and the inbox says so.
        using var toNext = await officer.GetAsync(new Uri(next, UriKind.Relative));
        Assert.StartsWith($"/tasks/{tasks[1]}?from=", toNext.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await (await officer.PostJsonAsync($"/api/tasks/{tasks[1]}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-20" } })).JsonAsync(HttpStatusCode.OK);
        using var none = await officer.GetAsync(new Uri($"/inbox/next?from={Uri.EscapeDataString(from)}&done={tasks[1]}", UriKind.Relative));
        Assert.Equal(Uri.UnescapeDataString($"/inbox?{from}"), Uri.UnescapeDataString(none.Headers.Location!.OriginalString));
        var back = await officer.OpenAsync(none.Headers.Location!.OriginalString);
        Assert.Contains("此筛选下已没有其他任务", back.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workbench_lists_my_tasks_due_soonest_and_what_others_did_on_my_cases_since_my_last_visit()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-10");
        await (await officer.PostAsync($"/api/tasks/{taskId}/claim", null)).JsonAsync(HttpStatusCode.OK);
        var before = app.Factory.Clock.GetUtcNow();
        try
        {
            var first = await officer.OpenAsync("/");
            Assert.NotNull(first.QuerySelector($"[data-testid=due-task][data-task-id='{taskId}']"));
            Assert.Contains("剩", first.QuerySelector($"[data-testid=due-task][data-task-id='{taskId}']").Text(), StringComparison.Ordinal);

            // The officer completes the task; an hour later a colleague registers the employer's objection on that case;
            // the next morning the officer comes back.
            await (await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-20" } })).JsonAsync(HttpStatusCode.OK);
            app.Factory.Clock.Advance(TimeSpan.FromHours(1));
            var colleague = await app.As("officer2.jinan");
            await (await colleague.PostJsonAsync($"/api/cases/{caseId}/events/objection", new { receivedOn = "2025-10-20", reason = "费率核定有误" })).JsonAsync(HttpStatusCode.OK);
            app.Factory.Clock.Advance(TimeSpan.FromHours(16));
            var back = await officer.OpenAsync("/");
            var changes = back.QuerySelectorAll("[data-testid=change]").Select(c => c.Text()).ToList();
            Assert.Contains(changes, c => c.Contains(caseId.ToString("N")[^8..].ToUpperInvariant(), StringComparison.Ordinal)
                && c.Contains("王芳（济南经办） 登记", StringComparison.Ordinal));
            Assert.DoesNotContain(changes, c => c.Contains("张伟", StringComparison.Ordinal));
            // Reloading is the same visit: the list stays.
            Assert.Equal(changes.Count, (await officer.OpenAsync("/")).QuerySelectorAll("[data-testid=change]").Length);

            // In English, the same workbench in the reader's words (the journal's sentences too).
            var english = await officer.OpenAsync("/?culture=en");
            Assert.Equal("Workbench", english.QuerySelector("h1").Text());
            Assert.Contains("Changes since your last visit", english.QuerySelector("[data-testid=changes]").Text(), StringComparison.Ordinal);
            Assert.Contains("Today", english.Body.Text(), StringComparison.Ordinal);
        }
        finally
        {
            app.Factory.Clock.SetUtcNow(before);
        }
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string query)
    {
        var page = await (await client.GetAsync(new Uri("/api/tasks?" + query, UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];
    }

    private static async Task<JsonElement> TaskAsync(HttpClient client, Guid taskId) =>
        await (await client.GetAsync(new Uri($"/api/tasks?scope=mine&limit=200", UriKind.Relative))).JsonAsync(HttpStatusCode.OK) is var page
            ? page.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId)
            : default;
}
