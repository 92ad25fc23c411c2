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

    [Fact]
    public async Task OpenApi_document_declares_every_failure_as_problem_json_enums_as_strings_the_cookie_and_an_id_per_operation()
    {
        using var client = app.Anonymous();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");

        // A client generated from it is pointed at the server it read it from, signs in with the cookie, and reads
        // every enum as the strings the server writes.
        Assert.False(root.TryGetProperty("servers", out _));
        var cookie = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("cookie");
        Assert.Equal(("apiKey", "cookie", "cases.auth"), (cookie.GetProperty("type").GetString(), cookie.GetProperty("in").GetString(), cookie.GetProperty("name").GetString()));
        foreach (var name in new[] { "SlaState", "DayKind", "HumanTaskStatus" })
        {
            Assert.Equal("string", schemas.GetProperty(name).GetProperty("type").GetString());
        }

        // Numbers are JSON numbers only (strict number handling): an amount is not also declared as a string.
        var advanced = schemas.GetProperty("AdvancePaymentCase").GetProperty("properties").GetProperty("advanced");
        Assert.Equal(("number", "decimal"), (advanced.GetProperty("type").GetString(), advanced.GetProperty("format").GetString()));
        Assert.True(schemas.GetProperty("HttpValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var what = $"{operation.Name} {path.Name}";
                Assert.True(ids.Add(operation.Value.GetProperty("operationId").GetString()!), $"{what}: its operationId is not unique");
                var responses = operation.Value.GetProperty("responses");
                Assert.True(responses.TryGetProperty("503", out var unavailable), $"{what}: no 503");
                Assert.True(unavailable.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{what}: 503 without Retry-After");
                if (operation.Name != "get")
                {
                    Assert.Equal("#/components/schemas/HttpValidationProblemDetails",
                        responses.GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
                    Assert.True(responses.TryGetProperty("409", out _) && responses.TryGetProperty("422", out _), $"{what}: a write without 409/422");
                }

                var anonymous = path.Name is "/api/auth/login";
                Assert.Equal(!anonymous, operation.Value.TryGetProperty("security", out _));
                Assert.Equal(!anonymous, responses.TryGetProperty("401", out _));
            }
        }

        // Every group of operations says what it is for.
        var described = root.GetProperty("tags").EnumerateArray().Where(t => t.TryGetProperty("description", out var d) && d.GetString()!.Length > 0)
            .Select(t => t.GetProperty("name").GetString()).ToHashSet(StringComparer.Ordinal);
        var used = root.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()) : []);
        Assert.All(used, tag => Assert.Contains(tag, described));
        Assert.Contains("postTasksByIdComplete", ids);
        Assert.Contains("getCasesByIdJournal", ids);
    }
}
