using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Cases.Benchmarks;

/// <summary>What a load run saw: requests, errors, throughput and latency percentiles.</summary>
public sealed record LoadResult(long Requests, long Errors, double PerSecond, double P50, double P95, double P99, string Tool, string? FirstError);

/// <summary>
/// Closed-loop HTTP load on a loopback address: N connections kept open, each sending its next request as soon as
/// the last answer has been read. wrk (Debian's package) when it is installed and asked for, else a .NET client.
/// Bounded in time; it stops by itself.
/// </summary>
public static class LoadGenerator
{
    public static bool WrkAvailable() => Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(d => File.Exists(Path.Combine(d, "wrk"))) == true;

    public static Task<LoadResult> RunAsync(Uri url, string cookie, int connections, TimeSpan duration, bool useWrk, Action? sample = null) =>
        useWrk ? WrkAsync(url, cookie, connections, duration) : DotNetAsync(url, cookie, connections, duration, sample);

    private static async Task<LoadResult> DotNetAsync(Uri url, string cookie, int connections, TimeSpan duration, Action? sample)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>[connections];
        long errors = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        using var sampler = sample is null ? null : new Timer(_ => sample(), null, 0, 100);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (watch.Elapsed < duration)
            {
                var t = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Add("Cookie", cookie);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"HTTP {(int)response.StatusCode}", null);
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
                catch (TaskCanceledException e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, "timeout: " + e.Message, null);
                }

                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new LoadResult(all.Count, errors, all.Count / elapsed, Percentiles.Of(all, 50), Percentiles.Of(all, 95), Percentiles.Of(all, 99), ".NET HttpClient", firstError);
    }

    // wrk reports its own percentiles; the script prints them, with non-2xx answers and socket errors, as one JSON line.
    private const string WrkScript = """
        local non2xx = 0
        response = function(status, headers, body)
          if status < 200 or status > 299 then non2xx = non2xx + 1 end
        end
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('{"requests":%d,"seconds":%f,"non2xx":%d,"socket":%d,"p50":%f,"p95":%f,"p99":%f}\n',
            summary.requests, summary.duration / 1e6, non2xx, e.connect + e.read + e.write + e.timeout,
            latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
        end
        """;

    private static async Task<LoadResult> WrkAsync(Uri url, string cookie, int connections, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"cases-bench-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.lua");
        await File.WriteAllTextAsync(script, WrkScript);
        try
        {
            var psi = new ProcessStartInfo("wrk", ["-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{Math.Max(1, (int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s", "--timeout", "30s", "-s", script, "-H", $"Cookie: {cookie}", url.ToString()])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(psi)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var json = output.Split('\n').Last(l => l.StartsWith('{'));
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            var requests = r.GetProperty("requests").GetInt64();
            var errors = r.GetProperty("non2xx").GetInt64() + r.GetProperty("socket").GetInt64();
            return new LoadResult(requests, errors, requests / r.GetProperty("seconds").GetDouble(),
                r.GetProperty("p50").GetDouble(), r.GetProperty("p95").GetDouble(), r.GetProperty("p99").GetDouble(), "wrk", errors > 0 ? "see wrk" : null);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
