using System.Net;

namespace Cases.Web.Tests.Security;

/// <summary>
/// Hangfire's dashboard knows no city (规程 第一百四十条): whoever opens it reads every city's timer jobs and can requeue or
/// delete them and the recurring sweep. It is for administrators only; supervisors see their city's clocks on the
/// product's own pages and through GET /api/supervision/stuck.
/// </summary>
public sealed class HangfireDashboardTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    [Theory]
    [InlineData("supervisor.jinan")]
    [InlineData("supervisor.province")]
    [InlineData("officer.jinan")]
    [InlineData("designer")]
    [InlineData("auditor")]
    public async Task The_dashboard_and_its_commands_are_refused_to_everyone_but_administrators(string user)
    {
        foreach (var page in new[] { "/hangfire", "/hangfire/jobs/scheduled", "/hangfire/recurring", "/hangfire/css1" })
        {
            using var read = await app.SendAsync(user, HttpMethod.Get, page);
            Assert.True(read.StatusCode == HttpStatusCode.Forbidden,
                $"{user} GET {page}: {(int)read.StatusCode} {read.Headers.Location}");
        }

        // Requeueing or deleting a timer job, or triggering the sweep, never reaches Hangfire.
        foreach (var command in new[] { "/hangfire/recurring/trigger", "/hangfire/jobs/scheduled/delete", "/hangfire/jobs/scheduled/enqueue" })
        {
            using var post = await app.SendAsync(user, HttpMethod.Post, command, new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "timer-sweep" }));
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden,
                $"{user} POST {command}: {(int)post.StatusCode} {post.Headers.Location}");
        }
    }

    [Fact]
    public async Task An_administrator_opens_the_dashboard()
    {
        // Its stylesheet: it needs no job storage, which another test host in this process may have disposed already.
        using var response = await app.SendAsync("admin", HttpMethod.Get, "/hangfire/css1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("supervisor.jinan")]
    [InlineData("supervisor.province")]
    [InlineData("admin")]
    public async Task No_page_links_to_the_dashboard(string user)
    {
        foreach (var page in new[] { "/", "/supervision", "/inbox" })
        {
            using var response = await app.SendAsync(user, HttpMethod.Get, page);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("href=\"/hangfire", html, StringComparison.Ordinal);
        }
    }
}
