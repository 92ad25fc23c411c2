using System.Net;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>The officer's inbox page: tabs, columns, filters, sorts, keyset paging, claim, bulk claim and release.</summary>
public sealed class InboxPageTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    // The app's clock: 2025-10-20 09:00 in China, a Monday.
    [Fact]
    public async Task Claimable_tab_shows_case_procedure_step_party_due_date_with_working_days_left_basis_and_SLA_in_words()
    {
        var officer = await app.As("officer.jinan");
        var code = TestParties.NewCreditCode();
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17", code);

        var inbox = await (await app.As("officer2.jinan")).OpenAsync("/inbox?tab=available");

        var row = inbox.Row(taskId);
        var cells = row.QuerySelectorAll("td").Select(c => c.Text()).ToList();
        Assert.Contains(cells, c => c == WorkflowCaseNumber(caseId));
        Assert.Contains("工伤保险费率浮动告知与异议", cells);
        Assert.Contains(cells, c => c.StartsWith("告知用人单位浮动费率", StringComparison.Ordinal));
        Assert.Contains(code, cells);
        // 10 working days after Friday 2025-10-17 is Friday 2025-10-31; from Monday the 20th, 9 working days are left.
        Assert.Contains(cells, c => c.Contains("2025-10-31", StringComparison.Ordinal) && c.Contains("剩 9 个工作日", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.Contains("第二十二条", StringComparison.Ordinal) && c.Contains("10个工作日", StringComparison.Ordinal));
        var sla = row.QuerySelector("[data-testid=sla]")!;
        Assert.Equal("按时", sla.Text());
        Assert.Contains("text-bg-success", sla.ClassList);
        Assert.NotNull(row.QuerySelector($"a[href='/cases/{caseId}']"));
        Assert.NotNull(row.QuerySelector($"a[href^='/tasks/{taskId}?from=tab%3Davailable']"));
        // Every control on the row is labelled for a screen reader.
        Assert.All(row.QuerySelectorAll("input, button"), c => Assert.False(string.IsNullOrWhiteSpace(c.GetAttribute("aria-label")), c.OuterHtml));
        Assert.Equal("可领取", inbox.QuerySelector("[data-testid=tab-available]").Text());
        Assert.Equal("page", inbox.QuerySelector("[data-testid=tab-available]")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task An_overdue_task_is_breached_in_red_and_in_words_and_the_SLA_filter_keeps_only_breached_ones()
    {
        var officer = await app.As("officer.jinan");
        var (_, late) = await PageSupport.StartRateCaseAsync(officer, "2025-09-01");
        var (_, onTime) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");

        var all = await officer.OpenAsync("/inbox?tab=available");
        var sla = all.Row(late).QuerySelector("[data-testid=sla]")!;
        Assert.Equal("已超时", sla.Text());
        Assert.Contains("text-bg-danger", sla.ClassList);
        Assert.Contains("已超", all.Row(late).Text(), StringComparison.Ordinal);

        var breached = await officer.OpenAsync("/inbox?tab=available&sla=breached");
        Assert.True(breached.HasRow(late));
        Assert.False(breached.HasRow(onTime));
        Assert.All(breached.QuerySelectorAll("[data-testid=sla]"), b => Assert.Equal("已超时", b.Text()));
        Assert.Equal("breached", breached.QuerySelector("#filter-sla option[selected]")?.GetAttribute("value"));

        var onTimeOnly = await officer.OpenAsync("/inbox?tab=available&sla=onTime");
        Assert.True(onTimeOnly.HasRow(onTime));
        Assert.False(onTimeOnly.HasRow(late));
    }

    [Fact]
    public async Task Due_within_N_working_days_counts_working_days_not_calendar_days()
    {
        var officer = await app.As("officer.jinan");
        // Due 2025-10-31 (9 working days from the 20th) and due 2025-11-03 (10 working days: the weekend does not count).
        var (_, friday) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var (_, monday) = await PageSupport.StartRateCaseAsync(officer, "2025-10-20");

        var nine = await officer.OpenAsync("/inbox?tab=available&within=9");
        Assert.True(nine.HasRow(friday));
        Assert.False(nine.HasRow(monday));

        var ten = await officer.OpenAsync("/inbox?tab=available&within=10");
        Assert.True(ten.HasRow(friday));
        Assert.True(ten.HasRow(monday));
    }

    [Fact]
    public async Task Claim_from_the_row_moves_the_task_to_my_tasks_and_release_gives_it_back()
    {
        var officer = await app.As("officer.jinan");
        var (_, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var officer2 = await app.As("officer2.jinan");

        var available = await officer2.OpenAsync("/inbox?tab=available");
        var claimed = await officer2.SubmitAsync(available, "#inbox-actions", [new("taskId", taskId.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Equal("/inbox?tab=available", claimed.Headers.Location!.OriginalString);
        var back = await officer2.OpenAsync("/inbox?tab=available");
        Assert.Contains("已领取 1 项任务", back.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.False(back.HasRow(taskId));
        var mine = await officer2.OpenAsync("/inbox?tab=mine");
        Assert.True(mine.HasRow(taskId));
        Assert.False((await officer.OpenAsync("/inbox?tab=available")).HasRow(taskId));

        var released = await officer2.SubmitAsync(mine, "#inbox-actions", [new("taskId", taskId.ToString())], "/inbox/release");
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        Assert.False((await officer2.OpenAsync("/inbox?tab=mine")).HasRow(taskId));
        Assert.True((await officer.OpenAsync("/inbox?tab=available")).HasRow(taskId));
    }

    [Fact]
    public async Task Bulk_claim_takes_every_selected_task_and_names_the_one_someone_else_got_first()
    {
        var officer = await app.As("officer.jinan");
        var (_, first) = await PageSupport.StartRateCaseAsync(officer, "2025-10-16");
        var (_, second) = await PageSupport.StartRateCaseAsync(officer, "2025-10-16");
        var (_, taken) = await PageSupport.StartRateCaseAsync(officer, "2025-10-16");
        var officer2 = await app.As("officer2.jinan");
        var page = await officer2.OpenAsync("/inbox?tab=available");
        // Between loading the page and pressing the button, officer.jinan claims one of them.
        await (await officer.PostAsync(new Uri($"/api/tasks/{taken}/claim", UriKind.Relative), null)).JsonAsync(HttpStatusCode.OK);

        var response = await officer2.SubmitAsync(page, "#inbox-actions", [new("selected", first.ToString()), new("selected", second.ToString()), new("selected", taken.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await officer2.OpenAsync("/inbox?tab=available");
        Assert.Contains("已领取 2 项任务", after.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Contains("已由 张伟（济南经办） 领取办理，您的操作未被执行", after.QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);
        var mine = await officer2.OpenAsync("/inbox?tab=mine");
        Assert.True(mine.HasRow(first));
        Assert.True(mine.HasRow(second));
        Assert.False(mine.HasRow(taken));
    }

    [Fact]
    public async Task The_inbox_is_in_English_after_the_switch_and_Chinese_by_default()
    {
        using var client = app.Anonymous();
        var login = await client.OpenAsync("/account/login");
        Assert.Equal("zh-CN", login.DocumentElement.GetAttribute("lang"));
        var officer = await app.As("reviewer.jinan");
        var home = await officer.OpenAsync("/inbox");
        Assert.Equal("待办", home.QuerySelector("h1").Text());

        var switched = await officer.SubmitAsync(home, "[data-testid=culture-switch]", []);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await officer.OpenAsync("/inbox");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Inbox", english.QuerySelector("h1").Text());
        Assert.Equal("My tasks", english.QuerySelector("[data-testid=tab-mine]").Text());

        var chinese = await officer.SubmitAsync(english, "[data-testid=culture-switch]", []);
        Assert.Equal(HttpStatusCode.Redirect, chinese.StatusCode);
        Assert.Equal("我的待办", (await officer.OpenAsync("/inbox")).QuerySelector("[data-testid=tab-mine]").Text());
    }

    [Fact]
    public async Task A_filter_the_application_layer_refuses_is_said_on_the_page_and_the_API_names_the_field()
    {
        var officer = await app.As("officer.jinan");

        var page = await officer.OpenAsync("/inbox?tab=available&sla=late");
        Assert.Contains("时限状态须为：按时、预警或超时", page.QuerySelector("[data-testid=filter-problem]").Text(), StringComparison.Ordinal);

        await (await officer.GetAsync(new Uri("/api/tasks?scope=available&sort=name", UriKind.Relative))).FieldErrorAsync("sort");
        await (await officer.GetAsync(new Uri("/api/tasks?scope=available&sla=late", UriKind.Relative))).FieldErrorAsync("sla");
        // A cursor made for one sort is refused by another rather than misread.
        await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var first = await (await officer.GetAsync(new Uri("/api/tasks?scope=available&limit=1&sort=due", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        var next = first.GetProperty("next").GetString();
        await (await officer.GetAsync(new Uri($"/api/tasks?scope=available&limit=1&sort=age&after={next}", UriKind.Relative))).FieldErrorAsync("after");
    }

    [Fact]
    public async Task Another_citys_officer_sees_none_of_Jinans_tasks()
    {
        var (_, taskId) = await PageSupport.StartRateCaseAsync(await app.As("officer.jinan"), "2025-10-17");

        var qingdao = await (await app.As("officer.qingdao")).OpenAsync("/inbox?tab=available");

        Assert.False(qingdao.HasRow(taskId));
    }

    private static string WorkflowCaseNumber(Guid caseId) => Web.Texts.WorkflowText.CaseNumber(caseId);
}

/// <summary>Paging has an app of its own: its 27 tasks would push other tests' rows past the first page.</summary>
public sealed class InboxPagingTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task Keyset_paging_walks_every_task_once_in_each_sort()
    {
        var officer = await app.As("officer.jinan");
        var city = "370100";
        var opened = new List<Guid>();
        for (var i = 0; i < 27; i++)
        {
            opened.Add((await PageSupport.StartRateCaseAsync(officer, $"2025-10-{(i % 9) + 10:D2}")).TaskId);
        }

        foreach (var sort in new[] { "due", "priority", "age" })
        {
            var seen = new List<Guid>();
            string? url = $"/inbox?tab=available&sort={sort}";
            var pages = 0;
            while (url is not null)
            {
                var page = await officer.OpenAsync(url);
                seen.AddRange(page.QuerySelectorAll("[data-testid=task-row]").Select(r => Guid.Parse(r.GetAttribute("data-task-id")!)));
                url = page.QuerySelector("[data-testid=next-page]")?.GetAttribute("href");
                pages++;
            }

            Assert.True(pages >= 2, $"{sort}: {pages} page(s)");
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Subset(seen.ToHashSet(), opened.ToHashSet());
            var expected = await app.InDbAsync(db => Task.FromResult(db.Tasks.Count(t => t.CityCode == city && t.Role == "officer" && t.Status == Cases.Workflows.Records.HumanTaskStatus.Open)));
            Assert.Equal(expected, seen.Count);
        }
    }
}
