using System.Globalization;
using System.Net;
using Cases.Testing;

namespace Cases.Benchmarks.Scenarios;

/// <summary>
/// What it costs that every request's sign-in cookie is checked against the user's security stamp (docs/adr/0009): the
/// web app as its own process, signed in as officer.jinan, under 32 kept-open connections, three times —
/// <list type="bullet">
/// <item>off (<c>Security:ValidateSessions=false</c>, Development only): Identity's own check every 30 minutes, as before;</item>
/// <item>the default: a node trusts a stamp it has read for <c>Security:SessionCheckSeconds</c> = 5 s;</item>
/// <item>every request reads the stamp (<c>Security:SessionCheckSeconds=0</c>).</item>
/// </list>
/// Two targets: <c>GET /api/auth/me</c>, which does nothing else (the check is all the database work there is), and the
/// inbox API (claimable tasks, first page of 50). Requests/s, latency and — the figure that least depends on what else the
/// machine runs — the web process's CPU time per request, and its difference to "off". After each run the load's session
/// is ended by a sign-out, and the count checks that the old cookie is then refused exactly where the check is on.
/// </summary>
public static class SessionsScenario
{
    private static readonly (string Name, Dictionary<string, string> Settings, bool Checks)[] Modes =
    [
        ("off (Identity's 30-minute check)", new() { ["Security__ValidateSessions"] = "false" }, false),
        ("stamp trusted 5 s (default)", new(), true),
        ("stamp read on every request", new() { ["Security__SessionCheckSeconds"] = "0" }, true),
    ];

    private static readonly (string Name, string Path)[] Targets = [("me", "/api/auth/me"), ("inbox API", "/api/tasks?scope=available&limit=50")];

    public static async Task<BenchResult> RunAsync(BenchEnvironment environment, TestProvider provider, BenchSettings settings, TextWriter log)
    {
        var size = settings.Size ?? 100_000;
        var name = BenchSettings.Label(provider);
        var result = new BenchResult("sessions", name, size);
        var database = await environment.SeededAsync(provider, size, log);
        var useWrk = settings.Load == "wrk" || (settings.Load == "auto" && LoadGenerator.WrkAvailable());
        var duration = TimeSpan.FromSeconds(settings.Smoke ? 0.5 : settings.HttpSeconds);
        var warmup = TimeSpan.FromSeconds(settings.Smoke ? 0.2 : 10);
        // Every mode twice, in turn, each in a fresh process: the best run of each counts, so that a process that starts
        // while the machine is busier, or JIT and start-up work left in the first run, does not decide the comparison.
        var rounds = settings.Smoke ? 1 : 2;
        const int connections = 32;
        var best = new Dictionary<(string Target, string Mode), (LoadResult Load, double Cpu)>();
        var tool = "";

        for (var round = 1; round <= rounds; round++)
        {
            for (var m = 0; m < Modes.Length; m++)
            {
                var (mode, extra, checks) = Modes[m];
                var logFile = Path.Combine(settings.OutputFolder, string.Create(CultureInfo.InvariantCulture, $"web-sessions-{name}-{round}-{m}.log"));
                await using var web = await WebProcess.StartAsync(database, logFile, extra);
                var cookie = await web.LoginAsync("officer.jinan");
                foreach (var (target, path) in Targets)
                {
                    var url = new Uri(web.Address, path);
                    await LoadGenerator.RunAsync(url, cookie, connections, warmup, useWrk);
                    var cpuBefore = web.CpuTime();
                    var load = await LoadGenerator.RunAsync(url, cookie, connections, duration, useWrk);
                    var cpu = (web.CpuTime() - cpuBefore).TotalMilliseconds / Math.Max(1, load.Requests);
                    if (!best.TryGetValue((target, mode), out var known) || cpu < known.Cpu)
                    {
                        best[(target, mode)] = (load, cpu);
                    }

                    result.Check(string.Create(CultureInfo.InvariantCulture, $"errors, {target}, {mode}, round {round}"), load.Errors, 0);
                    result.CheckAtLeast(string.Create(CultureInfo.InvariantCulture, $"requests, {target}, {mode}, round {round}"), load.Requests, 1);
                    if (load.FirstError is not null)
                    {
                        result.Notes.Add($"{target}, {mode}, round {round}: first error {load.FirstError}");
                    }

                    await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  round {round}, {target}, {mode}: {load.PerSecond:0} req/s, p95 {load.P95:0.0} ms, CPU {cpu:0.000} ms/request, errors {load.Errors} ({load.Tool})"));
                    tool = load.Tool;
                }

                // The check is real: after a sign-out the load's cookie is refused where sessions are checked, still taken where not.
                var signedOut = await web.SignOutAsync(cookie);
                result.Check(string.Create(CultureInfo.InvariantCulture, $"sign-out answered, {mode}, round {round}"), signedOut ? 1 : 0, 1);
                result.Check(string.Create(CultureInfo.InvariantCulture, $"old cookie refused after the sign-out, {mode}, round {round}"),
                    await web.MeAsync(cookie) == HttpStatusCode.Unauthorized ? 1 : 0, checks ? 1 : 0);
            }
        }

        foreach (var (target, _) in Targets)
        {
            var off = best[(target, Modes[0].Name)].Cpu;
            foreach (var (mode, _, _) in Modes)
            {
                var (load, cpu) = best[(target, mode)];
                result.Add($"{target}, {mode}", load.PerSecond, "req/s");
                result.Add($"  p50, {target}, {mode}", load.P50, "ms");
                result.Add($"  p95, {target}, {mode}", load.P95, "ms");
                result.Add($"  web process CPU per request, {target}, {mode}", cpu * 1000, "µs");
                if (mode != Modes[0].Name)
                {
                    result.Add($"  => CPU added per request, {target}, {mode}", (cpu - off) * 1000, "µs");
                }
            }
        }

        result.Notes.Add("the web process runs the product's own build (dotnet Cases.Web.dll, Development for the demo users, no demo cases), in a fresh process per mode and round on the same database");
        result.Notes.Add($"each mode ran {rounds} time(s), in turn; the figures are of its run with the least CPU per request");
        result.Notes.Add("\"CPU added per request\" is the web process's CPU time per request minus that of the check switched off, for the same target");
        result.Notes.Add($"load generator: {tool}, {connections} connections, {duration.TotalSeconds:0.#} s per run after {warmup.TotalSeconds:0.#} s of warm-up, on the same 2 cores as the server");
        return result;
    }
}
