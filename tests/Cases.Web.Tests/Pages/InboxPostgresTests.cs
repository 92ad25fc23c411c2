using System.Net;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>The inbox's sorts, SLA filter and keyset cursors as PostgreSQL runs them (SQLite compares instants as ticks, PostgreSQL as timestamptz).</summary>
public sealed class InboxPostgresTests(PostgresRuntimeApp app) : IClassFixture<PostgresRuntimeApp>
{
    [Fact]
    public async Task Every_sort_pages_through_every_task_once_and_the_SLA_filter_splits_them()
    {
        var officer = await app.As("officer.jinan");
        var opened = new List<Guid>();
        foreach (var adjustedOn in new[] { "2025-09-01", "2025-09-02", "2025-10-15", "2025-10-16", "2025-10-17" })
        {
            opened.Add((await PageSupport.StartRateCaseAsync(officer, adjustedOn)).TaskId);
        }

        foreach (var sort in new[] { "due", "priority", "age" })
        {
            var seen = new List<Guid>();
            string? next = null;
            do
            {
                var page = await (await officer.GetAsync(new Uri($"/api/tasks?scope=available&limit=2&sort={sort}" + (next is null ? "" : $"&after={next}"), UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
                next = page.GetProperty("next").GetString();
            }
            while (next is not null);

            Assert.Equal(opened.Order(), seen.Order());
        }

        var breached = await (await officer.GetAsync(new Uri("/api/tasks?scope=available&sla=breached", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        var onTime = await (await officer.GetAsync(new Uri("/api/tasks?scope=available&sla=onTime", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(opened.Take(2).Order(), breached.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).Order());
        Assert.Equal(opened.Skip(2).Order(), onTime.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).Order());

        var inbox = await officer.OpenAsync("/inbox?tab=available&sort=priority&within=10");
        Assert.Equal(5, inbox.QuerySelectorAll("[data-testid=task-row]").Length);
    }
}

/// <summary>
/// The inbox's party and case-number filters and 工作台's changes as PostgreSQL runs them (a uuid as lower-case text,
/// LIKE for a name's start, timestamptz). A class of its own: the sorts above count every open task of their database.
/// </summary>
public sealed class InboxFiltersPostgresTests(PostgresRuntimeApp app) : IClassFixture<PostgresRuntimeApp>
{
    [Fact]
    public async Task Party_case_number_and_the_workbench_changes_read_the_same_on_PostgreSQL()
    {
        var officer = await app.As("officer.jinan");
        var prefix = "泉城" + Guid.NewGuid().ToString("N")[..6];
        var code = TestParties.NewCreditCode();
        await (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = prefix + "有限公司", riskClass = 2, city = "370100" })).JsonAsync(HttpStatusCode.Created);
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17", code);
        var (_, other) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");

        async Task<List<Guid>> IdsAsync(string query) =>
            [.. (await (await officer.GetAsync(new Uri("/api/tasks?scope=available&" + query, UriKind.Relative))).JsonAsync(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];

        Assert.Equal([taskId], await IdsAsync("party=" + Uri.EscapeDataString(prefix)));
        Assert.Equal([taskId], await IdsAsync("party=" + code));
        // PostgreSQL writes a uuid in lower case: the number as pages show it (upper case) still finds it.
        Assert.Equal([taskId], await IdsAsync("caseNumber=" + caseId.ToString("N")[^8..].ToUpperInvariant()));
        Assert.DoesNotContain(other, await IdsAsync("party=" + Uri.EscapeDataString(prefix)));

        await (await officer.PostAsync(new Uri($"/api/tasks/{taskId}/claim", UriKind.Relative), null)).JsonAsync(HttpStatusCode.OK);
        var before = app.Factory.Clock.GetUtcNow();
        try
        {
            await officer.OpenAsync("/");
            await (await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-20" } })).JsonAsync(HttpStatusCode.OK);
            app.Factory.Clock.Advance(TimeSpan.FromHours(1));
            await (await (await app.As("officer2.jinan")).PostJsonAsync($"/api/cases/{caseId}/events/objection", new { receivedOn = "2025-10-20", reason = "费率核定有误" }))
                .JsonAsync(HttpStatusCode.OK);
            app.Factory.Clock.Advance(TimeSpan.FromHours(16));
            var back = await officer.OpenAsync("/");
            Assert.Contains(back.QuerySelectorAll("[data-testid=change]"), c => c.Text().Contains("王芳（济南经办） 登记", StringComparison.Ordinal));
        }
        finally
        {
            app.Factory.Clock.SetUtcNow(before);
        }
    }
}
