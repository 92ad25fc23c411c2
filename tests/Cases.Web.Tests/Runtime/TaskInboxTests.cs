using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Runtime;

/// <summary>GET /api/tasks: scopes, keyset paging by due instant, and the 400s for a bad scope or cursor.</summary>
public sealed class TaskInboxTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    // Filing dates spread over the 2025/2026 calendars; two share a day so the cursor's id tie-break is used.
    private static readonly string[] FiledOn = ["2025-12-31", "2025-10-21", "2025-11-03", "2025-10-21", "2026-01-20", "2025-10-31", "2025-12-01"];

    [Fact]
    public async Task Pages_of_three_follow_next_until_null_in_due_order_without_repeats()
    {
        var officer = await app.As("officer.jinan");
        var officer2 = await app.As("officer2.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var mine = new List<Guid>();
        foreach (var filedOn in FiledOn)
        {
            var (_, task) = await app.OnDayAsync(filedOn, () => DemoFiling.AtCheckMaterialsAsync(officer, filedOn: filedOn));
            mine.Add(task.Id());
        }

        var available = await ReadAllAsync(officer2, "scope=available&limit=3");
        Assert.Superset(mine.ToHashSet(), available.Select(DemoFiling.Id).ToHashSet());
        Assert.All(available, t => Assert.Equal("open", t.Str("status")));
        Assert.All(available, t => Assert.Equal("officer", t.Str("role")));

        // officer2 claims four of them: "mine" shows exactly those, paged.
        foreach (var id in mine.Take(4))
        {
            await (await officer2.PostAsync($"/api/tasks/{id}/claim", null)).JsonAsync(HttpStatusCode.OK);
        }

        var claimed = await ReadAllAsync(officer2, "scope=mine&limit=3");
        Assert.Equal(mine.Take(4).Order(), claimed.Select(DemoFiling.Id).Order());
        Assert.All(claimed, t => Assert.Equal("officer2.jinan", t.Str("assignee")));
        Assert.Empty(await ReadAllAsync(officer, "scope=mine&limit=3"));
        var stillAvailable = await ReadAllAsync(officer, "scope=available&limit=3");
        Assert.Superset(mine.Skip(4).ToHashSet(), stillAvailable.Select(DemoFiling.Id).ToHashSet());
        Assert.DoesNotContain(stillAvailable, t => mine.Take(4).Contains(t.Id()));

        var all = await ReadAllAsync(supervisor, "scope=all&limit=3");
        Assert.Superset(mine.ToHashSet(), all.Select(DemoFiling.Id).ToHashSet());
        await (await officer.GetAsync("/api/tasks?scope=all")).ProblemAsync(HttpStatusCode.Forbidden);

        // Another city's inbox does not see them.
        var qingdao = await ReadAllAsync(await app.As("officer.qingdao"), "scope=available&limit=3");
        Assert.DoesNotContain(qingdao, t => mine.Contains(t.Id()));
    }

    [Fact]
    public async Task A_bad_scope_cursor_or_limit_is_400_naming_the_parameter()
    {
        var officer = await app.As("officer.jinan");

        await (await officer.GetAsync("/api/tasks?scope=everything")).FieldErrorAsync("scope");
        await (await officer.GetAsync("/api/tasks?scope=available&after=not-a-cursor")).FieldErrorAsync("after");
        await (await officer.GetAsync("/api/tasks?scope=available&after=MTIzOnh5eg")).FieldErrorAsync("after");
        await (await officer.GetAsync("/api/tasks?scope=available&limit=0")).FieldErrorAsync("limit");
        await (await officer.GetAsync("/api/tasks?scope=available&limit=201")).FieldErrorAsync("limit");
    }

    /// <summary>Follows <c>next</c> from the first page until it is null; checks page sizes, order and distinct ids.</summary>
    private static async Task<List<JsonElement>> ReadAllAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        string? next = null;
        var pages = 0;
        do
        {
            var url = $"/api/tasks?{query}" + (next is null ? "" : $"&after={Uri.EscapeDataString(next)}");
            var page = await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(pageItems.Count <= 3, $"A page of {pageItems.Count} with limit=3");
            next = page.GetProperty("next").GetString();
            if (next is not null)
            {
                Assert.Equal(3, pageItems.Count);
            }

            items.AddRange(pageItems);
            Assert.True(++pages < 100, "next never became null");
        }
        while (next is not null);

        Assert.Equal(items.Count, items.Select(DemoFiling.Id).Distinct().Count());
        var dueAts = items.Select(t => t.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dueAts.Order(), dueAts);
        return items;
    }
}
