using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Runtime;

/// <summary>Idempotency-Key on commands, and the hash chain of a case's journal.</summary>
public sealed class IdempotencyAndJournalTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string url, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Starting_a_case_twice_with_one_key_opens_one_case_and_answers_the_same()
    {
        var officer = await app.As("officer.jinan");
        var key = $"start-{Guid.NewGuid():N}";
        var before = await app.InDbAsync(db => db.Cases.CountAsync());

        var first = await PostWithKeyAsync(officer, "/api/cases", DemoFiling.StartBody("2026-04-30"), key);
        var second = await PostWithKeyAsync(officer, "/api/cases", DemoFiling.StartBody("2026-04-30"), key);

        var one = await first.JsonAsync(HttpStatusCode.Created);
        var two = await second.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(one.GetProperty("caseId").GetGuid(), two.GetProperty("caseId").GetGuid());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(one.GetRawText()), JsonNode.Parse(two.GetRawText())), $"{one} vs {two}");
        Assert.True(second.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
        Assert.Equal(before + 1, await app.InDbAsync(db => db.Cases.CountAsync()));
        Assert.Equal(1, await app.InDbAsync(db => db.Instances.CountAsync(i => i.CaseId == one.GetProperty("caseId").GetGuid())));

        // The same key for a different request is refused and opens nothing.
        var different = await PostWithKeyAsync(officer, "/api/cases", DemoFiling.StartBody("2026-05-31"), key);
        var problem = await different.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(key, problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.InDbAsync(db => db.Cases.CountAsync()));

        // Keys belong to their user: another officer's same key is a new request.
        var other = await PostWithKeyAsync(await app.As("officer2.jinan"), "/api/cases", DemoFiling.StartBody("2026-04-30"), key);
        Assert.NotEqual(one.GetProperty("caseId").GetGuid(), (await other.JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid());
    }

    [Fact]
    public async Task Completing_a_task_twice_with_one_key_completes_it_once()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(officer);
        var key = $"complete-{Guid.NewGuid():N}";
        var body = new { outcome = "complete", data = new { materialsComplete = true } };

        var first = await PostWithKeyAsync(officer, $"/api/tasks/{task.Id()}/complete", body, key);
        var second = await PostWithKeyAsync(officer, $"/api/tasks/{task.Id()}/complete", body, key);

        var one = await first.JsonAsync(HttpStatusCode.OK);
        var two = await second.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approve", one.Str("state"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(one.GetRawText()), JsonNode.Parse(two.GetRawText())), $"{one} vs {two}");
        var journal = await app.JournalAsync(caseId);
        Assert.Single(journal, j => j.Action == "task-completed");
        Assert.Equal(1, await app.InDbAsync(db => db.Tasks.CountAsync(t => t.CaseId == caseId && t.State == "approve")));

        // Without the key, a repeat is an ordinary second attempt: 409.
        await (await DemoFiling.CompleteAsync(officer, task.Id(), "complete", new { materialsComplete = true })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_refused_late_filing_sent_with_a_key_keeps_its_journal_entry()
    {
        var officer = await app.As("officer.jinan");
        var caseId = await DemoFiling.StartCaseAsync(officer, "2026-03-29");

        var late = await app.OnDayAsync("2026-03-20", () => PostWithKeyAsync(officer, $"/api/cases/{caseId}/events/filed", new { filedOn = "2026-03-20", newContractEndsOn = "2026-06-30" }, $"late-{Guid.NewGuid():N}"));

        await late.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["started", "event-refused"], (await app.JournalAsync(caseId)).Select(j => j.Action));
    }

    [Fact]
    public async Task The_journal_verifies_until_an_entry_is_edited_in_the_database()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(officer);
        await (await DemoFiling.CompleteAsync(officer, task.Id(), "complete", new { materialsComplete = true })).JsonAsync(HttpStatusCode.OK);
        var journal = await app.JournalAsync(caseId);

        var intact = await (await officer.GetAsync($"/api/cases/{caseId}/journal/verify")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ok", intact.Str("status"));
        Assert.Equal(journal.Count, intact.GetProperty("entries").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, intact.GetProperty("firstBrokenSeq").ValueKind);

        // Someone with database access rewrites the filing's data (journal_entries."DataJson" of entry 2).
        var filing = journal.Single(j => j.Action == "event");
        var changed = await app.InDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE journal_entries SET \"DataJson\" = {0} WHERE \"Id\" = {1}",
            filing.DataJson.Replace("2025-09-30", "2025-09-29", StringComparison.Ordinal), filing.Id));
        Assert.Equal(1, changed);

        var broken = await (await officer.GetAsync($"/api/cases/{caseId}/journal/verify")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("broken", broken.Str("status"));
        Assert.Equal(filing.Seq, broken.GetProperty("firstBrokenSeq").GetInt32());
        Assert.Equal(2, filing.Seq);
        Assert.Contains("hash", broken.Str("reason"), StringComparison.Ordinal);
        // The case itself still reads; the tampered text is what the journal shows.
        var view = await DemoFiling.GetAsync(officer, caseId);
        Assert.Equal("2025-09-29", view.GetProperty("journal")[1].GetProperty("data").GetProperty("data").GetProperty("filedOn").GetString());
    }
}
