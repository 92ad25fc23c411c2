using System.Globalization;
using Cases.Testing;

namespace Cases.Benchmarks.Scenarios;

/// <summary>
/// Scenarios 5 and 6: the web app as its own process on the 1,000,000-task database, under 32 and 128 kept-open
/// connections, signed in as officer.jinan: the inbox API (claimable in my role and city, first page of 50) and the
/// inbox page's claimable tab (「可领取」, 25 rows). Requests/s,
/// latency percentiles, errors; and the web process's working set when started on the seeded database and at its
/// peak under that load.
/// </summary>
public static class HttpScenario
{
    public static async Task<(BenchResult Http, BenchResult Memory)> RunAsync(BenchEnvironment environment, TestProvider provider, BenchSettings settings, TextWriter log, bool memoryOnly = false)
    {
        var size = settings.Size ?? 1_000_000;
        var name = BenchSettings.Label(provider);
        var http = new BenchResult("http", name, size);
        var memory = new BenchResult("memory", name, size);
        var database = await environment.SeededAsync(provider, size, log);
        var logFile = Path.Combine(settings.OutputFolder, $"web-{name}.log");
        await using var web = await WebProcess.StartAsync(database, logFile);
        var cookie = await web.LoginAsync("officer.jinan");
        var started = web.Memory();
        memory.Add("working set after start on the seeded database", started.Current, "MiB");

        var useWrk = settings.Load == "wrk" || (settings.Load == "auto" && LoadGenerator.WrkAvailable());
        var duration = TimeSpan.FromSeconds(settings.Smoke ? 0.5 : settings.HttpSeconds);
        var warmup = TimeSpan.FromSeconds(settings.Smoke ? 0.2 : 3);
        var targets = new[] { ("inbox API", new Uri(web.Address, "/api/tasks?scope=available&limit=50")), ("inbox page", new Uri(web.Address, "/inbox?tab=available")) };
        var levels = memoryOnly ? new[] { 32 } : [32, 128];
        double sampledPeak = 0;
        var tool = "";
        void Sample() => sampledPeak = Math.Max(sampledPeak, web.Memory().Current);

        foreach (var (target, url) in targets)
        {
            foreach (var connections in levels)
            {
                await LoadGenerator.RunAsync(url, cookie, connections, warmup, useWrk);
                var cpuBefore = web.CpuTime();
                var load = await LoadGenerator.RunAsync(url, cookie, connections, duration, useWrk, Sample);
                var cpuPerRequest = (web.CpuTime() - cpuBefore).TotalMilliseconds / Math.Max(1, load.Requests);
                Sample();
                var api = target == "inbox API" && connections == 32;
                http.Add($"{target}, {connections} conns", load.PerSecond, "req/s", api ? "≥ 1,500" : null, api ? load.PerSecond >= 1500 : null);
                http.Add($"  p50, {connections} conns", load.P50, "ms");
                http.Add($"  p95, {connections} conns", load.P95, "ms", api ? "≤ 50 ms" : null, api ? load.P95 <= 50 : null);
                http.Add($"  p99, {connections} conns", load.P99, "ms");
                // CPU per request does not depend on what else the machine is running; 2 cores / it = what 2 idle cores would serve.
                http.Add($"  web process CPU per request, {connections} conns", cpuPerRequest, "ms");
                http.Add($"  => capacity of 2 idle cores, {connections} conns", 2000 / Math.Max(0.001, cpuPerRequest), "req/s");
                http.Check($"errors, {target}, {connections} conns", load.Errors, 0);
                http.CheckAtLeast($"requests, {target}, {connections} conns", load.Requests, 1);
                if (load.FirstError is not null)
                {
                    http.Notes.Add($"{target}, {connections} conns: first error {load.FirstError}");
                }

                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {target}, {connections} conns: {load.PerSecond:0} req/s, p95 {load.P95:0.0} ms, errors {load.Errors} ({load.Tool})"));
                tool = load.Tool;
            }
        }

        var end = web.Memory();
        var peak = Math.Max(end.Peak, sampledPeak);
        memory.Add("peak working set under the HTTP load", peak, "MiB", "≤ 400 MB", peak <= 400 * 1_000_000 / 1024.0 / 1024.0);
        memory.Add("working set after the load", end.Current, "MiB");
        memory.CheckAtLeast("web process sampled", (long)peak, 1);
        http.Notes.Add("the web process runs the product's own build (dotnet Cases.Web.dll, Development for the demo users, no demo cases), its Hangfire server included");
        http.Notes.Add($"officer.jinan's inbox: claimable officer tasks of 济南 among {size:N0} tasks");
        http.Notes.Add("errors are non-2xx answers, socket errors and timeouts (30 s)");
        http.Notes.Add($"load generator: {tool}, {duration.TotalSeconds:0} s per run after {warmup.TotalSeconds:0.#} s of warm-up, on the same 2 cores as the server");
        return (http, memory);
    }
}
