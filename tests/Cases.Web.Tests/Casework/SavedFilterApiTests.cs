using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Casework;

/// <summary>The inbox's saved filters through the API: own ones, ones shared with a role of a city, and who may delete which.</summary>
public sealed class SavedFilterApiTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private static string Unique(string name) => name + " " + Guid.NewGuid().ToString("N")[..6];

    private static async Task<JsonElement[]> ListAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/inbox/filters")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToArray();

    [Fact]
    public async Task A_saved_filter_keeps_its_values_as_the_inbox_query_and_saving_the_name_again_replaces_it()
    {
        var officer = await app.As("officer.jinan");
        var name = Unique("本周到期");

        var saved = await (await officer.PostJsonAsync("/api/inbox/filters", new { name, procedure = DemoFiling.Key, sla = "warning", within = 5, sort = "priority" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("procedure=demo-filing&sla=warning&within=5&sort=priority", saved.Str("query"));
        Assert.True(saved.GetProperty("mine").GetBoolean());
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("sharedWithRole").ValueKind);

        var again = await (await officer.PostJsonAsync("/api/inbox/filters", new { name, sla = "breached" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(saved.Id(), again.Id());
        Assert.Equal("sla=breached&sort=due", again.Str("query"));
        Assert.Single(await ListAsync(officer), f => f.Str("name") == name);
    }

    [Fact]
    public async Task Saving_one_name_from_several_tabs_at_once_keeps_one_filter_with_one_of_the_values()
    {
        var tabs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.As("officer.jinan")));
        var name = Unique("同时保存");

        var answers = await Task.WhenAll(tabs.Select((tab, i) => tab.PostJsonAsync("/api/inbox/filters", new { name, within = i + 1 })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var kept = Assert.Single(await ListAsync(tabs[0]), f => f.Str("name") == name);
        Assert.Matches("^within=[1-6]&sort=due$", kept.Str("query"));
        Assert.Equal(1, await app.InDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.SavedFilters, f => f.Name == name)));
    }

    [Fact]
    public async Task A_filter_shared_with_a_role_reaches_that_role_in_the_same_city_only_and_only_its_owner_deletes_it()
    {
        var officer = await app.As("officer.jinan");
        var colleague = await app.As("officer2.jinan");
        var reviewer = await app.As("reviewer.jinan");
        var qingdao = await app.As("officer.qingdao");
        var name = Unique("超时待办");
        var shared = await (await officer.PostJsonAsync("/api/inbox/filters", new { name, sla = "breached", shareWithRole = "officer" })).JsonAsync(HttpStatusCode.Created);

        var seen = Assert.Single(await ListAsync(colleague), f => f.Id() == shared.Id());
        Assert.False(seen.GetProperty("mine").GetBoolean());
        Assert.Equal("officer.jinan", seen.Str("owner"));
        Assert.DoesNotContain(await ListAsync(reviewer), f => f.Id() == shared.Id());
        Assert.DoesNotContain(await ListAsync(qingdao), f => f.Id() == shared.Id());

        await (await colleague.DeleteAsync($"/api/inbox/filters/{shared.Id()}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await qingdao.DeleteAsync($"/api/inbox/filters/{shared.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.DeleteAsync($"/api/inbox/filters/{shared.Id()}")).StatusCode);
        Assert.DoesNotContain(await ListAsync(colleague), f => f.Id() == shared.Id());
        await (await officer.DeleteAsync($"/api/inbox/filters/{shared.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_provincial_supervisor_shares_with_the_role_in_every_city()
    {
        var province = await app.As("supervisor.province");
        var name = Unique("全省超时");
        var shared = await (await province.PostJsonAsync("/api/inbox/filters", new { name, sla = "breached", shareWithRole = "supervisor" })).JsonAsync(HttpStatusCode.Created);

        Assert.Contains(await ListAsync(await app.As("supervisor.jinan")), f => f.Id() == shared.Id());
        Assert.DoesNotContain(await ListAsync(await app.As("officer.jinan")), f => f.Id() == shared.Id());
    }

    [Theory]
    [InlineData("name", "{\"name\":\"  \"}")]
    [InlineData("procedure", "{\"name\":\"x\",\"procedure\":\"no-such-procedure\"}")]
    [InlineData("sla", "{\"name\":\"x\",\"sla\":\"late\"}")]
    [InlineData("within", "{\"name\":\"x\",\"within\":366}")]
    [InlineData("within", "{\"name\":\"x\",\"within\":-1}")]
    [InlineData("sort", "{\"name\":\"x\",\"sort\":\"name\"}")]
    [InlineData("shareWithRole", "{\"name\":\"x\",\"shareWithRole\":\"everyone\"}")]
    public async Task A_bad_value_is_refused_naming_its_field_and_nothing_is_saved(string field, string body)
    {
        var officer = await app.As("reviewer.jinan");
        var before = (await ListAsync(officer)).Length;

        await (await officer.PostRawJsonAsync("/api/inbox/filters", body)).FieldErrorAsync(field);

        Assert.Equal(before, (await ListAsync(officer)).Length);
    }
}
