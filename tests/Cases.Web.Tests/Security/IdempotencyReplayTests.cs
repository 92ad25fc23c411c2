using System.Net;
using System.Net.Http.Json;
using Cases.Testing;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Security;

/// <summary>
/// A repeated Idempotency-Key (or the case form's one-time key) gets the first answer back only if the caller may still
/// see what it is about: a user moved to another city or role since is answered as a new request would be (404 for
/// another city's record, 403 for a task of another role), and learns nothing of the first answer.
/// </summary>
public sealed class IdempotencyReplayTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("officer", "370200", HttpStatusCode.NotFound)]
    [InlineData("reviewer", "370100", HttpStatusCode.Forbidden)]
    public async Task A_replayed_claim_is_answered_as_a_new_claim_once_the_user_may_no_longer_see_the_task(string role, string city, HttpStatusCode expected)
    {
        var user = await NewOfficerAsync();
        var task = await NewOfficerTaskAsync();
        var key = "claim-" + Guid.NewGuid().ToString("N");
        using (var first = await PostAsync(await app.Factory.LoginAsync(user), $"/api/tasks/{task}/claim", null, key))
        {
            await first.JsonAsync(HttpStatusCode.OK);
        }

        await MoveAsync(user, role, city);
        var after = await app.Factory.LoginAsync(user);

        using var replay = await PostAsync(after, $"/api/tasks/{task}/claim", null, key);

        await replay.ProblemAsync(expected);
        Assert.False(replay.Headers.Contains("Idempotent-Replayed"));
        using var fresh = await PostAsync(after, $"/api/tasks/{task}/claim", null, null);
        Assert.Equal(expected, fresh.StatusCode);
    }

    [Fact]
    public async Task A_replayed_case_opening_is_refused_once_the_case_is_of_another_city_for_the_user()
    {
        var user = await NewOfficerAsync();
        var key = "start-" + Guid.NewGuid().ToString("N");
        var body = new { procedure = "demo-filing", city = "370100", data = new { contractEndsOn = "2026-06-30" } };
        using (var first = await PostAsync(await app.Factory.LoginAsync(user), "/api/cases", body, key))
        {
            await first.JsonAsync(HttpStatusCode.Created);
        }

        await MoveAsync(user, "officer", "370200");
        using var replay = await PostAsync(await app.Factory.LoginAsync(user), "/api/cases", body, key);

        var problem = await replay.ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain("caseId", problem.ToString(), StringComparison.Ordinal);
        Assert.False(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_replay_by_a_user_who_still_may_is_answered_from_the_record()
    {
        var user = await NewOfficerAsync();
        var task = await NewOfficerTaskAsync();
        var key = "claim-" + Guid.NewGuid().ToString("N");
        var client = await app.Factory.LoginAsync(user);
        (await PostAsync(client, $"/api/tasks/{task}/claim", null, key)).EnsureSuccessStatusCode();

        using var replay = await PostAsync(client, $"/api/tasks/{task}/claim", null, key);

        await replay.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
    }

    [Fact]
    public async Task The_case_form_sent_again_after_a_move_to_another_city_neither_opens_a_case_nor_names_the_first()
    {
        var user = await NewOfficerAsync();
        var before = await app.InDbAsync(db => db.Cases.CountAsync());
        var officer = await app.Factory.LoginAsync(user);
        var page = await officer.OpenAsync("/cases/new?procedure=demo-filing");
        var formKey = page.QuerySelector("input[name=formKey]")!.GetAttribute("value")!;
        using (var opened = await officer.SubmitAsync(page, "[data-testid=new-case-form]", [new("contractEndsOn", "2026-06-30")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }

        await MoveAsync(user, "officer", "370200");
        var moved = await app.Factory.LoginAsync(user);
        var again = await moved.OpenAsync("/cases/new?procedure=demo-filing");

        // The same form as first posted: its key, its city and its data.
        using var resent = await moved.SubmitAsync(again, "[data-testid=new-case-form]", [new("contractEndsOn", "2026-06-30"), new("formKey", formKey), new("city", "370100")]);

        Assert.Equal(HttpStatusCode.NotFound, resent.StatusCode);
        Assert.Null(resent.Headers.Location);
        Assert.Equal(before + 1, await app.InDbAsync(db => db.Cases.CountAsync()));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private async Task<string> NewOfficerAsync()
    {
        var name = "replay." + Guid.NewGuid().ToString("N")[..10];
        var created = await (await app.As("admin")).PostAsJsonAsync("/api/admin/users", new
        {
            userName = name, displayName = "重放测试", roles = new[] { "officer" }, city = "370100", password = CasesAppFactory.DemoPassword,
        });
        await created.JsonAsync(HttpStatusCode.Created);
        return name;
    }

    private async Task MoveAsync(string user, string role, string city) =>
        (await (await app.As("admin")).PutAsJsonAsync($"/api/admin/users/{user}", new { displayName = "重放测试", roles = new[] { role }, city })).EnsureSuccessStatusCode();

    /// <summary>An open officer task of 济南: a demo-filing case whose filing came in.</summary>
    private async Task<Guid> NewOfficerTaskAsync()
    {
        var officer = await app.As("officer.jinan");
        var started = await (await officer.PostAsJsonAsync("/api/cases", new { procedure = "demo-filing", city = "370100", data = new { contractEndsOn = "2026-06-30" } })).JsonAsync(HttpStatusCode.Created);
        var filed = await (await officer.PostAsJsonAsync($"/api/cases/{started.GetProperty("caseId").GetGuid()}/events/filed", new { filedOn = "2025-10-20", newContractEndsOn = "2026-09-30" }))
            .JsonAsync(HttpStatusCode.OK);
        return filed.GetProperty("openTasks")[0].GetProperty("id").GetGuid();
    }
}
