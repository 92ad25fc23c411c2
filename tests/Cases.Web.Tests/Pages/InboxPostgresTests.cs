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
