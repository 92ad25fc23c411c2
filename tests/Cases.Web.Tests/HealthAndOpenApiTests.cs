using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests;

public sealed class HealthAndOpenApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Health_is_anonymous_and_reports_healthy_and_ready()
    {
        using var client = app.Anonymous();

        var health = await (await client.GetAsync("/health")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("ready").GetBoolean());
        Assert.True(health.GetProperty("live").GetBoolean());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Liveness_is_anonymous_and_answers_200()
    {
        using var client = app.Anonymous();

        var live = await (await client.GetAsync("/health/live")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("healthy", live.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_is_anonymous_and_checks_the_database()
    {
        using var client = app.Anonymous();

        var ready = await (await client.GetAsync("/health/ready")).JsonAsync(HttpStatusCode.OK);

        Assert.True(ready.GetProperty("ready").GetBoolean());
        Assert.True(ready.GetProperty("checks").TryGetProperty("database", out _));
    }

    [Fact]
    public async Task OpenApi_document_is_anonymous_and_lists_the_calendar_and_employer_routes()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/calendar/working-days/add", out var add), "working-days/add is missing");
        Assert.True(add.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/employers", out var employers), "/api/employers is missing");
        Assert.True(employers.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/employers/{creditCode}", out _));
        Assert.True(paths.TryGetProperty("/api/workers", out _));
    }
}
