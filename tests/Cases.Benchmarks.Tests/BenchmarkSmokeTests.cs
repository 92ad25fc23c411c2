using Cases.Testing;

namespace Cases.Benchmarks.Tests;

/// <summary>
/// Every benchmark scenario at a tiny size, through the same code as the real runs: the figures are not looked at
/// (speed is measured, never asserted); the counts are: every case ended once, no timer fired twice, no request failed.
/// </summary>
public abstract class BenchmarkSmokeTests(TestProvider provider, BenchFixture fixture)
{
    private readonly string _output = fixture.Output;
    private readonly StringWriter _log = new();
    private readonly BenchEnvironment _environment = fixture.Environment;

    [Fact]
    public async Task Commands_end_every_case_they_start_with_no_error_and_write_their_figures()
    {
        var result = await RunAsync("commands", size: 3);
        Assert.Equal(0, result.Checks["errors at 32 clients"]);
        Assert.Equal(0, result.Checks["open tasks left"]);
        Assert.Contains(result.Measures, m => m.Name == "ratio commands/raw, 8 clients" && m.Value > 0);
        Assert.True(File.Exists(Path.Combine(_output, $"commands-{provider.ToString().ToLowerInvariant()}.json")));
    }

    [Fact]
    public async Task Inbox_and_dashboard_queries_see_exactly_the_seeded_tasks()
    {
        var inbox = await RunAsync("inbox", size: 2000);
        Assert.Equal(16, inbox.Checks["cities paged to 50 in order without overlap (of 16)"]);
        var dashboard = await RunAsync("dashboard", size: 2000);
        Assert.True(dashboard.Checks["tasks counted, province"] > 0);
    }

    [Fact]
    public async Task The_payroll_pays_every_entitlement_once_a_month_and_a_repeated_month_changes_nothing()
    {
        var result = await RunAsync("payroll", size: 48);
        Assert.True(result.Passed, string.Join("; ", result.Failures));
        Assert.Equal(48, result.Checks["lines, province"]);
        Assert.Equal(0, result.Checks["runs computed again"]);
        Assert.Equal(48, result.Checks["lines with arrears, province"]);
    }

    [Fact]
    public async Task A_timer_storm_fires_every_timer_exactly_once()
    {
        var result = await RunAsync("timers", size: 40);
        Assert.Equal(40, result.Checks["timers fired"]);
        Assert.Equal(0, result.Checks["duplicate firings"]);
    }

    [Fact]
    public async Task The_web_process_answers_the_inbox_api_and_page_without_errors_and_reports_its_memory()
    {
        var results = await BenchmarkRunner.RunAsync("http", provider, Settings(2000), _log, _environment);
        var http = Assert.Single(results, r => r.Scenario == "http");
        var memory = Assert.Single(results, r => r.Scenario == "memory");
        Assert.True(http.Passed, _log.ToString());
        Assert.Equal(0, http.Checks["errors, inbox API, 128 conns"]);
        Assert.True(memory.Passed, _log.ToString());
        Assert.Contains(memory.Measures, m => m.Name == "peak working set under the HTTP load" && m.Value > 0);
    }

    [Fact]
    public async Task Checking_every_requests_session_is_measured_on_and_off_and_refuses_an_ended_session_only_when_on()
    {
        var result = await RunAsync("sessions", size: 2000);
        Assert.Equal(0, result.Checks["errors, me, stamp read on every request, round 1"]);
        Assert.Equal(0, result.Checks["old cookie refused after the sign-out, off (Identity's 30-minute check), round 1"]);
        Assert.Equal(1, result.Checks["old cookie refused after the sign-out, stamp trusted 5 s (default), round 1"]);
        Assert.Contains(result.Measures, m => m.Name.StartsWith("  => CPU added per request, inbox API", StringComparison.Ordinal));
    }

    private BenchSettings Settings(int size) => new() { Size = size, Smoke = true, Fsync = false, Load = "dotnet", OutputFolder = _output };

    private async Task<BenchResult> RunAsync(string scenario, int size)
    {
        var result = Assert.Single(await BenchmarkRunner.RunAsync(scenario, provider, Settings(size), _log, _environment));
        Assert.True(result.Passed, _log.ToString());
        return result;
    }
}

// One collection, so the two classes run one after the other: Hangfire keeps its job activator in a static, so two
// apps with Hangfire servers in one process at once would run each other's timer jobs.
[Collection("benchmarks")]
public sealed class SqliteBenchmarkSmokeTests(BenchFixture fixture) : BenchmarkSmokeTests(TestProvider.Sqlite, fixture), IClassFixture<BenchFixture>;

[Collection("benchmarks")]
public sealed class PostgresBenchmarkSmokeTests(BenchFixture fixture) : BenchmarkSmokeTests(TestProvider.Postgres, fixture), IClassFixture<BenchFixture>;

/// <summary>
/// One benchmark environment per test class: one PostgreSQL cluster, and the seeded task database shared by the
/// inbox, dashboard and web tests (as in a real run), so the smoke test stays well inside CI's time.
/// </summary>
public sealed class BenchFixture : IAsyncLifetime
{
    public string Output { get; } = Directory.CreateTempSubdirectory("cases-bench-smoke-").FullName;

    // fsync off: correctness does not need durable commits.
    public BenchEnvironment Environment { get; } = new(fsync: false);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Environment.DisposeAsync();
        Directory.Delete(Output, recursive: true);
    }
}
