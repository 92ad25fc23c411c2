using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cases.Web.Tests.Operations;

/// <summary>The app on a PostgreSQL cluster of its own, which the test stops and starts (never the shared one).</summary>
public sealed class FaultyPostgresApp : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public CasesAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartAsync();
        // A refused connection fails at once; the short timeout only bounds a connection attempt that hangs.
        var connection = await Server.CreateDatabaseAsync() + ";Timeout=5";
        Factory = new CasesAppFactory(TestProvider.Postgres, connection, settings: new Dictionary<string, string> { ["Hangfire:WorkerCount"] = "2" });
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// The database goes away and comes back, and no deadline may be lost for it. While it is away, API calls get 503 ProblemDetails with
/// Retry-After and pages a plain 503 page; readiness turns false and liveness stays true; nothing half-done is kept.
/// When it is back the product recovers by itself: requests succeed on the same process, a refused command retried
/// with its Idempotency-Key is applied once, and the timers that came due meanwhile fire once.
/// </summary>
public sealed class DatabaseFaultTests(FaultyPostgresApp app, ITestOutputHelper output) : IClassFixture<FaultyPostgresApp>
{
    private const string City = "370100";

    [Fact]
    public async Task While_postgres_is_down_requests_get_503_and_afterwards_everything_recovers_without_a_restart()
    {
        var clock = app.Factory.Clock;
        var officer = await app.Factory.LoginAsync("officer.jinan");
        var supervisor = await app.Factory.LoginAsync("supervisor.province");
        using var anonymous = app.Factory.CreateClient(new() { AllowAutoRedirect = false });

        // The 第九条 deadline of a case ending 2026-06-30, learnt from a first case; then a case whose deadline job is
        // due a few seconds from now (real time), so that it comes due while the database is away.
        var probe = await StartAsync(officer, "2026-06-30");
        var dueAt = (await CaseAsync(officer, probe)).GetProperty("pendingTimers").EnumerateArray()
            .Single(t => t.GetProperty("targetState").GetString() == "term-ends").GetProperty("dueAt").GetDateTimeOffset();
        clock.SetUtcNow(dueAt - TimeSpan.FromSeconds(8));
        var timed = await StartAsync(officer, "2026-06-30");
        var jobDue = Stopwatch.StartNew();
        var command = await StartAsync(officer, "2026-11-30");
        var filed = new { filedOn = Cases.Domain.Calendar.ChinaTime.DateOf(clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), newContractEndsOn = "2026-12-31" };

        await app.Server.StopAsync();
        var outage = Stopwatch.StartNew();

        using (var read = await officer.GetAsync(new Uri($"/api/cases/{timed}", UriKind.Relative)))
        {
            await Unavailable(read);
        }

        using (var refused = await PostAsync(officer, $"/api/cases/{command}/events/filed", filed, "fault-filed-1"))
        {
            await Unavailable(refused);
        }

        using (var start = await PostAsync(officer, "/api/cases", new { procedure = "demo-filing", city = City, data = new { contractEndsOn = "2026-09-30" } }, null))
        {
            await Unavailable(start);
        }

        using (var page = await officer.GetAsync(new Uri($"/cases/{timed}", UriKind.Relative)))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.True(page.Headers.RetryAfter is not null, "no Retry-After on the page");
            Assert.Contains("data-testid=\"unavailable\"", html, StringComparison.Ordinal);
            Assert.Contains("服务暂时不可用", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        }

        using (var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.False((await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ready").GetBoolean());
        }

        using (var live = await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        // The timed case's job comes due while the server is away; the app's clock passes its deadline meanwhile.
        var wait = TimeSpan.FromSeconds(10) - jobDue.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        clock.SetUtcNow(dueAt + TimeSpan.FromMinutes(1));
        await app.Server.StartAgainAsync();
        output.WriteLine($"PostgreSQL was down for {outage.Elapsed.TotalSeconds:0.0} s.");

        // Readiness comes back by itself (the probe is what a load balancer polls).
        var recovery = Stopwatch.StartNew();
        while (true)
        {
            using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(recovery.Elapsed < TimeSpan.FromSeconds(30), $"not ready 30 s after the server came back: {await ready.Content.ReadAsStringAsync()}");
            await Task.Delay(250);
        }

        output.WriteLine($"Ready again {recovery.Elapsed.TotalSeconds:0.0} s after the server came back.");

        // The next request of the same process succeeds: no restart, no dead pooled connection handed out.
        Assert.Equal("await-filing", (await CaseAsync(officer, command)).GetProperty("state").GetString());

        // Nothing refused was applied: the case started during the outage does not exist, the event was not recorded.
        Assert.Equal(3, await CountCasesAsync());
        Assert.DoesNotContain("event", Actions(await CaseAsync(officer, command)));

        // The refused command retried with its key is applied once; a third try is answered from the first.
        using (var retried = await PostAsync(officer, $"/api/cases/{command}/events/filed", filed, "fault-filed-1"))
        {
            Assert.Equal("check-materials", (await retried.JsonAsync(HttpStatusCode.OK)).GetProperty("state").GetString());
            Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        }

        using (var again = await PostAsync(officer, $"/api/cases/{command}/events/filed", filed, "fault-filed-1"))
        {
            await again.JsonAsync(HttpStatusCode.OK);
            Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        }

        Assert.Single(Actions(await CaseAsync(officer, command)), a => a == "event");

        // The timers that came due while the database was away fire by themselves once it is back: the one whose
        // Hangfire job came due in the outage, and the one whose job lies months ahead (the app's clock passed it).
        var firing = Stopwatch.StartNew();
        foreach (var id in new[] { timed, probe })
        {
            while ((await CaseAsync(officer, id)).GetProperty("state").GetString() != "term-ends")
            {
                Assert.True(firing.Elapsed < TimeSpan.FromSeconds(90), "a timer due during the outage did not fire within 90 s of recovery");
                await Task.Delay(250);
            }
        }

        output.WriteLine($"The timers due during the outage had fired {firing.Elapsed.TotalSeconds:0.0} s after readiness.");

        // Once: neither the sweep run by hand now nor the timed case's Hangfire job (which runs whenever Hangfire's
        // back-off ends) fires them again.
        using (var runDue = await supervisor.PostAsJsonAsync(new Uri("/api/dev/timers/run-due", UriKind.Relative), new { }))
        {
            await runDue.JsonAsync(HttpStatusCode.OK);
        }

        Assert.Single(Actions(await CaseAsync(officer, timed)), a => a == "timer-fired");
        Assert.Single(Actions(await CaseAsync(officer, probe)), a => a == "timer-fired");
        foreach (var id in new[] { probe, timed, command })
        {
            var verified = await supervisor.GetFromJsonAsync<JsonElement>(new Uri($"/api/cases/{id}/journal/verify", UriKind.Relative));
            Assert.Equal("ok", verified.GetProperty("status").GetString());
        }
    }

    private async Task<int> CountCasesAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Cases.Application.Persistence.CasesDb>();
        return await db.Cases.CountAsync();
    }

    private static async Task Unavailable(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "no Retry-After");
        Assert.Equal("服务暂时不可用", problem.GetProperty("title").GetString());
    }

    private static async Task<Guid> StartAsync(HttpClient officer, string contractEndsOn)
    {
        using var response = await PostAsync(officer, "/api/cases", new { procedure = "demo-filing", city = City, data = new { contractEndsOn } }, null);
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
    }

    private static async Task<JsonElement> CaseAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync(new Uri($"/api/cases/{id}", UriKind.Relative));
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private static List<string> Actions(JsonElement view) => view.GetProperty("journal").EnumerateArray().Select(j => j.GetProperty("action").GetString()!).ToList();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }
}

/// <summary>Which failures mean "the database is away" (503, try again) and which are faults of the product (500).</summary>
public sealed class DatabaseFaultMappingTests
{
    public static TheoryData<string, Exception, bool> Failures => new()
    {
        { "PostgreSQL refuses the connection", new Npgsql.NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)), true },
        { "PostgreSQL is shutting down (57P01)", new Npgsql.PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), true },
        { "PostgreSQL is starting (57P03)", new Npgsql.PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), true },
        { "a unique key (23505)", new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505"), false },
        { "a value too long (22001)", new Npgsql.PostgresException("value too long", "ERROR", "ERROR", "22001"), false },
        { "SQLite busy past its timeout", new Microsoft.Data.Sqlite.SqliteException("database is locked", 5), true },
        { "SQLite table locked", new Microsoft.Data.Sqlite.SqliteException("database table is locked", 6), true },
        { "SQLite constraint", new Microsoft.Data.Sqlite.SqliteException("constraint failed", 19), false },
        { "a save that met a busy database", new Microsoft.EntityFrameworkCore.DbUpdateException("save failed", new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)), true },
        { "a save that broke a constraint", new Microsoft.EntityFrameworkCore.DbUpdateException("save failed", new Microsoft.Data.Sqlite.SqliteException("constraint failed", 19)), false },
        { "a timeout", new TimeoutException(), true },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void The_database_is_away_only_when_the_provider_says_so(string what, Exception failure, bool away) =>
        Assert.True(Infrastructure.DatabaseFaults.IsAway(failure) == away, $"{what}: expected {(away ? "away" : "a fault")}");
}
