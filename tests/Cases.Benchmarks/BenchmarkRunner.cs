using System.Globalization;
using Cases.Benchmarks.Scenarios;
using Cases.Testing;

namespace Cases.Benchmarks;

/// <summary>What to run and how big. Sizes default to the goals' (docs/performance.md: 1,000,000 tasks, 100,000 timers, 1,000 cases a level).</summary>
public sealed record BenchSettings
{
    public int? Size { get; init; }

    /// <summary>Tiny durations and sample counts: the CI smoke test checks correctness, not speed.</summary>
    public bool Smoke { get; init; }

    /// <summary>PostgreSQL with fsync on (the default: durable commits are what is measured).</summary>
    public bool Fsync { get; init; } = true;

    /// <summary>Add the database's plan of each inbox and dashboard query to the result's notes.</summary>
    public bool Explain { get; init; }

    /// <summary>auto (wrk when installed), wrk, or dotnet.</summary>
    public string Load { get; init; } = "auto";

    public int HttpSeconds { get; init; } = 15;

    /// <summary>Also measure with the index changes this harness recommends, created by hand and dropped afterwards.</summary>
    public bool TryIndexes { get; init; }

    /// <summary>The provider's name in results and file names.</summary>
    public static string Label(TestProvider provider) => provider.ToString().ToLowerInvariant();

    public string OutputFolder { get; init; } = Path.Combine(WebProcessRoot(), "artifacts", "bench");

    private static string WebProcessRoot()
    {
        try
        {
            return WebProcess.RepositoryRoot();
        }
        catch (InvalidOperationException)
        {
            return Directory.GetCurrentDirectory();
        }
    }
}

/// <summary>Runs scenarios by name on a provider, prints each table and writes its JSON.</summary>
public static class BenchmarkRunner
{
    public static readonly string[] Scenarios = ["commands", "inbox", "dashboard", "timers", "http", "memory", "sessions", "payroll"];

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(string scenario, TestProvider provider, BenchSettings settings, TextWriter log, BenchEnvironment? shared = null)
    {
        var names = scenario == "all" ? Scenarios : scenario.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Any(n => !Scenarios.Contains(n)))
        {
            throw new ArgumentException($"unknown scenario '{scenario}': use one or more of {string.Join(", ", Scenarios)} (comma-separated) or all", nameof(scenario));
        }

        var environment = shared ?? new BenchEnvironment(settings.Fsync);
        var results = new List<BenchResult>();
        try
        {
            foreach (var name in names)
            {
                if (name == "memory" && results.Any(r => r.Scenario == "memory"))
                {
                    continue; // the http run has measured it
                }

                await log.WriteLineAsync($"-> {name} on {provider}");
                var ran = name switch
                {
                    "commands" => [await CommandsScenario.RunAsync(environment, provider, settings, log)],
                    "inbox" => [await InboxScenario.RunAsync(environment, provider, settings, log)],
                    "dashboard" => [await DashboardScenario.RunAsync(environment, provider, settings, log)],
                    "timers" => [await TimerStormScenario.RunAsync(environment, provider, settings, log)],
                    "http" => await Both(HttpScenario.RunAsync(environment, provider, settings, log)),
                    "sessions" => [await SessionsScenario.RunAsync(environment, provider, settings, log)],
                    "payroll" => [await PayrollScenario.RunAsync(environment, provider, settings, log)],
                    _ => [(await HttpScenario.RunAsync(environment, provider, settings, log, memoryOnly: true)).Memory],
                };
                foreach (var result in ran)
                {
                    results.Add(result);
                    await log.WriteAsync(result.ToTable());
                    var path = await result.WriteAsync(settings.OutputFolder);
                    await log.WriteLineAsync($"   written to {path}");
                }
            }
        }
        finally
        {
            if (shared is null)
            {
                await environment.DisposeAsync();
            }
        }

        return results;
    }

    private static async Task<BenchResult[]> Both(Task<(BenchResult Http, BenchResult Memory)> run)
    {
        var (http, memory) = await run;
        return [http, memory];
    }

    /// <summary>The command line: <c>&lt;scenario|all&gt; [--provider sqlite|postgres|both] [--size N] [--smoke] [--explain] [--load wrk|dotnet] [--seconds N] [--no-fsync] [--out DIR]</c>.</summary>
    public static async Task<int> MainAsync(string[] args, TextWriter log)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            await log.WriteLineAsync("usage: dotnet run -c Release --project tests/Cases.Benchmarks -- <" + string.Join("|", Scenarios) + "|all> [--provider sqlite|postgres|both] [--size N] [--smoke] [--explain] [--load auto|wrk|dotnet] [--seconds N] [--no-fsync] [--try-indexes] [--out DIR]");
            return args.Length == 0 ? 2 : 0;
        }

        var settings = new BenchSettings();
        var providers = new List<TestProvider> { TestProvider.Sqlite };
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--provider":
                    providers = Value() switch
                    {
                        "sqlite" => [TestProvider.Sqlite],
                        "postgres" => [TestProvider.Postgres],
                        "both" => [TestProvider.Sqlite, TestProvider.Postgres],
                        var p => throw new ArgumentException($"--provider {p}: use sqlite, postgres or both"),
                    };
                    break;
                case "--size":
                    settings = settings with { Size = int.Parse(Value(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture) };
                    break;
                case "--smoke":
                    settings = settings with { Smoke = true };
                    break;
                case "--explain":
                    settings = settings with { Explain = true };
                    break;
                case "--load":
                    settings = settings with { Load = Value() };
                    break;
                case "--seconds":
                    settings = settings with { HttpSeconds = int.Parse(Value(), CultureInfo.InvariantCulture) };
                    break;
                case "--try-indexes":
                    settings = settings with { TryIndexes = true };
                    break;
                case "--no-fsync":
                    settings = settings with { Fsync = false };
                    break;
                case "--out":
                    settings = settings with { OutputFolder = Path.GetFullPath(Value()) };
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        var failed = false;
        foreach (var provider in providers)
        {
            var results = await RunAsync(args[0], provider, settings, log);
            failed |= results.Any(r => !r.Passed);
        }

        // Speed never fails the run; a broken count (a duplicate firing, an error, a lost row) does.
        return failed ? 1 : 0;
    }
}
