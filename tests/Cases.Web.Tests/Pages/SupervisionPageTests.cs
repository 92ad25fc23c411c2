using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Supervision;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>The supervisor dashboard page 「督办」: who opens it, escalations first, the lists with reassign, charts with their tables.</summary>
public sealed class SupervisionPageTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task Supervisors_and_administrators_have_the_nav_item_and_the_page_others_neither()
    {
        var officer = await app.As("officer.jinan");
        var home = await officer.OpenAsync("/inbox");
        Assert.Null(home.QuerySelector("[data-testid=nav-supervision]"));
        using var denied = await officer.GetAsync(new Uri("/supervision", UriKind.Relative));
        // Refused where it is: the site's own 403 page, in the layout, with a way back to 工作台.
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var deniedPage = await PageSupport.ParseAsync(denied);
        Assert.Equal("无权访问", deniedPage.QuerySelector("h1").Text());
        Assert.NotNull(deniedPage.QuerySelector("header nav"));
        Assert.NotNull(deniedPage.QuerySelector("main a[href='/']"));

        foreach (var user in new[] { "supervisor.jinan", "supervisor.province", "admin" })
        {
            var page = await (await app.As(user)).OpenAsync("/supervision");
            Assert.Equal("督办", page.QuerySelector("[data-testid=nav-supervision]").Text());
            Assert.Equal("page", page.QuerySelector("[data-testid=nav-supervision]")!.GetAttribute("aria-current"));
        }
    }

    [Fact]
    public async Task Escalations_come_first_then_the_counts_and_the_breached_list_with_its_reassign_controls()
    {
        var officer = await app.As("officer.jinan");
        var task = await SupervisionScenario.BreachedTaskAsync(officer);
        await app.RunDueTimersAsync();

        var page = await (await app.As("supervisor.jinan")).OpenAsync("/supervision");

        var sections = page.QuerySelectorAll("main section[data-testid]").Select(s => s.GetAttribute("data-testid")).ToList();
        Assert.Equal("escalations", sections[0]);
        Assert.True(sections.IndexOf("list-breached") < sections.IndexOf("list-warning"));
        Assert.Contains(page.QuerySelectorAll("[data-testid=escalation-row] a"), a => a.GetAttribute("href") == $"/tasks/{task}");
        Assert.Equal("济南市", page.QuerySelector("[data-testid=scope]").Text());
        Assert.Null(page.QuerySelector("[data-testid=city-picker]"));

        var row = page.Row(task);
        Assert.Equal("（未领取）", row.QuerySelector("[data-testid=assignee]").Text());
        var options = row.QuerySelectorAll("form.reassign-row select option").Select(o => o.GetAttribute("value")).Where(v => v!.Length > 0).ToList();
        Assert.Contains("officer2.jinan", options);
        Assert.DoesNotContain("reviewer.jinan", options); // the task is for officers
        Assert.All(row.QuerySelectorAll("input:not([type=hidden]), select, button"), c => Assert.False(string.IsNullOrWhiteSpace(c.GetAttribute("aria-label")), c.OuterHtml));
        Assert.Equal("bulk-breached", row.QuerySelector("input[name=selected]")!.GetAttribute("form"));
        Assert.NotNull(page.QuerySelector("a[href='/api/supervision/export/breached?city=370100'][download]"));
        Assert.NotNull(page.QuerySelector("label[for=bulk-breached-to]"));
        Assert.Contains(page.QuerySelectorAll("[data-testid=by-procedure] tbody tr"), r => r.Text().Contains("工伤保险费率浮动告知与异议", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_listed_task_names_its_case_s_party_from_the_registers()
    {
        // 济南恒达建材有限公司 is registered (demo data); the case's stored label holds only its credit code.
        var officer = await app.As("officer.jinan");
        var started = await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "fee-rate-objection",
            city = "370100",
            data = new { employerCreditCode = "91370100MA3C4E5F61", previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2025-06", adjustedOn = "2025-09-01" },
        })).JsonAsync(HttpStatusCode.Created);
        var task = (await PageSupport.TaskAsync(officer, started.GetProperty("caseId").GetGuid())).Id();

        var page = await (await app.As("supervisor.jinan")).OpenAsync("/supervision");

        var party = page.Row(task).QuerySelector(".party-name").Text();
        Assert.Equal("济南恒达建材有限公司", party);
    }

    [Fact]
    public async Task Bulk_reassign_gives_the_selected_tasks_to_the_chosen_officer_and_says_so()
    {
        var officer = await app.As("officer.jinan");
        var first = await SupervisionScenario.BreachedTaskAsync(officer);
        var second = await SupervisionScenario.BreachedTaskAsync(officer);
        var supervisor = await app.As("supervisor.jinan");
        var page = await supervisor.OpenAsync("/supervision");

        // First the supervisor is shown what will happen, by name; nothing moves until they confirm.
        using var asked = await supervisor.SubmitAsync(page, "#bulk-breached",
            [new("selected", first.ToString()), new("selected", second.ToString()), new("userName", "officer2.jinan")]);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = await PageSupport.ParseAsync(asked);
        Assert.Equal("将 2 项任务改派给王芳（济南经办）？", confirm.QuerySelector("h1").Text());
        Assert.Contains("「王芳（济南经办）」（经办人员 · 济南市）的「我的待办」", confirm.QuerySelector("[data-testid=reassign-confirm-what]").Text(), StringComparison.Ordinal);
        Assert.Equal(2, confirm.QuerySelectorAll("[data-testid=reassign-confirm-row]").Length);
        Assert.DoesNotContain("officer", confirm.QuerySelector("[data-testid=reassign-confirm-tasks]").Text(), StringComparison.Ordinal);
        Assert.Equal("（未领取）", (await supervisor.OpenAsync("/supervision")).Row(first).QuerySelector("[data-testid=assignee]").Text());

        using var posted = await supervisor.SubmitAsync(confirm, "form[data-testid=reassign-confirm-form]", []);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/supervision", posted.Headers.Location!.OriginalString);
        var after = await supervisor.OpenAsync("/supervision");

        Assert.Equal("已将 2 项任务改派给王芳（济南经办）。", after.QuerySelector("[data-testid=notice]").Text());
        Assert.Equal("王芳（济南经办）", after.Row(first).QuerySelector("[data-testid=assignee]").Text());
        Assert.Equal("王芳（济南经办）", after.Row(second).QuerySelector("[data-testid=assignee]").Text());
        Assert.Contains(after.QuerySelectorAll("[data-testid=workload-row]"), r => r.GetAttribute("data-officer") == "officer2.jinan" && r.Text().Contains("王芳", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reassignment_that_cannot_be_done_is_explained_and_a_non_supervisor_is_sent_to_the_inbox()
    {
        var task = await SupervisionScenario.BreachedTaskAsync(await app.As("officer.jinan"));
        var supervisor = await app.As("supervisor.jinan");
        var page = await supervisor.OpenAsync("/supervision");

        using var none = await supervisor.SubmitAsync(page, "#bulk-breached", [new("userName", "officer2.jinan")]);
        Assert.Equal("请先勾选要改派的任务。", (await supervisor.OpenAsync(none.Headers.Location!.OriginalString)).QuerySelector("[data-testid=problem]").Text());
        using var wrong = await supervisor.SubmitAsync(page, "#bulk-breached", [new("selected", task.ToString()), new("userName", "reviewer.jinan"), new("confirmed", "true")]);
        Assert.StartsWith("任务 ", (await supervisor.OpenAsync(wrong.Headers.Location!.OriginalString)).QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);

        var admin = await app.As("admin");
        var adminPage = await admin.OpenAsync("/supervision");
        Assert.Null(adminPage.QuerySelector("#bulk-breached")); // administrators look; supervisors reassign
        using var refused = await admin.SubmitAsync(adminPage, "form[data-testid=culture-switch]", [new("taskId", task.ToString()), new("userName", "officer2.jinan")], "/supervision/reassign");
        Assert.Equal("/", refused.Headers.Location!.OriginalString);
        Assert.Equal("只有主管可以改派任务。", (await admin.OpenAsync("/")).QuerySelector("[data-testid=problem]").Text());
    }

    [Fact]
    public async Task Provincial_staff_pick_a_city_and_see_only_its_tasks()
    {
        var qingdao = await SupervisionScenario.BreachedTaskAsync(await app.As("officer.qingdao"), "370200");
        var jinan = await SupervisionScenario.BreachedTaskAsync(await app.As("officer.jinan"));
        var province = await app.As("supervisor.province");

        var all = await province.OpenAsync("/supervision");
        Assert.Equal("全省", all.QuerySelector("[data-testid=scope]").Text());
        Assert.Equal(16, all.QuerySelectorAll("#city option").Count(o => o.GetAttribute("value")!.Length > 0));
        Assert.True(all.HasRow(qingdao) && all.HasRow(jinan));

        var picked = await province.OpenAsync("/supervision?city=370200");
        Assert.Equal("青岛市", picked.QuerySelector("[data-testid=scope]").Text());
        Assert.Equal("370200", picked.QuerySelector("#city option[selected]")?.GetAttribute("value"));
        Assert.True(picked.HasRow(qingdao));
        Assert.False(picked.HasRow(jinan));
        Assert.Contains(picked.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == "/api/supervision/export/breached?city=370200");

        var (status, _) = await (await app.As("supervisor.jinan")).PageAsync("/supervision?city=370200");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Each_chart_has_its_data_for_the_script_and_the_same_figures_in_a_table_in_English_too()
    {
        await SupervisionScenario.BreachedTaskAsync(await app.As("officer.jinan"));
        await app.RunDueTimersAsync();
        var page = await (await app.As("supervisor.jinan")).OpenAsync("/supervision?culture=en");

        var weeks = JsonDocument.Parse(page.QuerySelector("#chart-weeks")!.GetAttribute("data-chart")!).RootElement;
        Assert.Equal(12, weeks.GetProperty("labels").GetArrayLength());
        var rows = page.QuerySelectorAll("[data-testid=weeks-table] tbody tr").ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal(weeks.GetProperty("series")[0].GetProperty("data")[11].GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), rows[11].QuerySelector("td").Text());
        Assert.Equal("img", page.QuerySelector("#chart-weeks")!.GetAttribute("role"));
        Assert.Equal(3, JsonDocument.Parse(page.QuerySelector("#chart-steps")!.GetAttribute("data-chart")!).RootElement.GetProperty("series").GetArrayLength());
        Assert.Equal("Supervision", page.QuerySelector("h1")!.FirstChild!.TextContent.Trim());
        Assert.Equal("Breached tasks", page.QuerySelector("#breached-heading").Text());
        Assert.Equal("Breaches per week (last 12 weeks)", page.QuerySelector("#weeks-heading").Text());
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.GetAttribute("src") is null);
    }

    [Fact]
    public async Task A_step_finished_after_its_statutory_due_date_does_not_count_as_met_even_when_it_took_fewer_days_than_the_target()
    {
        // The notice is due 10 working days after the rate was adjusted (第二十二条): adjusted on 9/1, it was due long before
        // the task is done today (Monday 2025-10-20), although the task itself opened and closed the same day.
        var officer = await app.As("officer.jinan");
        var late = await SupervisionScenario.BreachedTaskAsync(officer);
        (await officer.PostJsonAsync($"/api/tasks/{late}/claim", new { })).EnsureSuccessStatusCode();
        (await DemoFiling.CompleteAsync(officer, late, "notified", new { noticeReceivedOn = "2025-10-20" })).EnsureSuccessStatusCode();
        // A case adjusted today, notified today: on time.
        var (_, onTime) = await PageSupport.StartRateCaseAsync(officer, "2025-10-20");
        (await officer.PostJsonAsync($"/api/tasks/{onTime}/claim", new { })).EnsureSuccessStatusCode();
        (await DemoFiling.CompleteAsync(officer, onTime, "notified", new { noticeReceivedOn = "2025-10-20" })).EnsureSuccessStatusCode();

        var page = await (await app.As("supervisor.jinan")).OpenAsync("/supervision");

        var row = page.QuerySelector("[data-testid=step-row][data-step='fee-rate-objection/notify-employer']")!;
        var cells = row.QuerySelectorAll("td").Select(c => c.Text()).ToList();
        Assert.Equal("2", cells[0]); // completed
        Assert.Equal("10", cells[4]); // target, working days
        Assert.Equal("1/2", cells[5]); // met: only the one done by its due date
        var chart = JsonDocument.Parse(page.QuerySelector("#chart-steps")!.GetAttribute("data-chart")!).RootElement;
        Assert.True(chart.GetProperty("horizontal").GetBoolean()); // rows, so the steps' names never overlap
        Assert.Equal(JsonValueKind.Array, chart.GetProperty("labels")[0].ValueKind); // procedure and step on two lines
    }

    [Fact]
    public async Task An_acknowledgement_note_shows_in_its_row_and_in_the_escalations_export()
    {
        var task = await SupervisionScenario.BreachedTaskAsync(await app.As("officer.jinan"));
        await app.RunDueTimersAsync();
        var supervisor = await app.As("supervisor.jinan");
        var page = await supervisor.OpenAsync("/supervision");
        var form = page.QuerySelectorAll("[data-testid=escalation-row]").First(r => r.QuerySelector($"a[href='/tasks/{task}']") is not null).QuerySelector("form")!;
        using var acknowledged = await supervisor.SubmitAsync(page, $"form[action='{form.GetAttribute("action")}']", [new("note", "已电话督促经办人今日办结")]);
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);

        var after = await supervisor.OpenAsync("/supervision");
        var row = after.QuerySelectorAll("[data-testid=escalation-row]").First(r => r.QuerySelector($"a[href='/tasks/{task}']") is not null);
        Assert.Equal("说明：已电话督促经办人今日办结", row.QuerySelector("[data-testid=escalation-note]").Text());
        var csv = await supervisor.GetStringAsync(new Uri("/api/supervision/export/escalations", UriKind.Relative));
        var header = csv.Split('\n')[0];
        Assert.Contains("确认说明", header, StringComparison.Ordinal);
        Assert.Contains(csv.Split('\n'), l => l.Contains("已电话督促经办人今日办结", StringComparison.Ordinal) && l.Contains("刘强（济南主管）", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_locked_user_is_never_offered_for_reassignment_and_giving_them_a_task_is_refused_saying_why()
    {
        var task = await SupervisionScenario.BreachedTaskAsync(await app.As("officer.jinan"));
        var admin = await app.As("admin");
        var created = await (await admin.PostJsonAsync("/api/admin/users", new { userName = "officer.locked", displayName = "锁定测试经办", roles = new[] { "officer" }, city = "370100" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("officer.locked", created.GetProperty("user").Str("userName"));
        var supervisor = await app.As("supervisor.jinan");
        Assert.Contains((await supervisor.OpenAsync("/supervision")).Row(task).QuerySelectorAll("form.reassign-row select option"), o => o.GetAttribute("value") == "officer.locked");

        (await admin.PostAsync(new Uri("/api/admin/users/officer.locked/lock", UriKind.Relative), null)).EnsureSuccessStatusCode();

        var page = await supervisor.OpenAsync("/supervision");
        Assert.DoesNotContain(page.Row(task).QuerySelectorAll("form.reassign-row select option"), o => o.GetAttribute("value") == "officer.locked");
        Assert.DoesNotContain(page.QuerySelectorAll("#bulk-breached-to option"), o => o.GetAttribute("value") == "officer.locked");
        var refused = await (await supervisor.PostJsonAsync($"/api/tasks/{task}/assign", new { userName = "officer.locked" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("officer.locked 已被锁定，不能登录，不能接收待办。请改派给其他人员，或请管理员先解锁。", refused.Str("detail"));
        var english = await (await supervisor.PostJsonAsync($"/api/tasks/{task}/assign?culture=en", new { userName = "officer.locked" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("officer.locked is locked out", english.Str("detail"), StringComparison.Ordinal);
    }
}
