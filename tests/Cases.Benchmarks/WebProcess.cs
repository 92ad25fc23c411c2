using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Cases.Benchmarks;

/// <summary>
/// The product's web app as its own process (src/Cases.Web's build output, started with <c>dotnet Cases.Web.dll</c>),
/// so that its working set is its own and the load generator does not share its heap. Development environment for
/// the demo users (no demo cases), logging at Warning, on a free loopback port.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private WebProcess(Process process, Uri address, StreamWriter log)
    {
        _process = process;
        Address = address;
        _log = log;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public static async Task<WebProcess> StartAsync(BenchDatabase database, string logFile)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var web = Path.Combine(root, "src", "Cases.Web");
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "Cases.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution in {configuration} first.");
        }

        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";
        psi.Environment["Database__Provider"] = database.Provider.ToString();
        psi.Environment["ConnectionStrings__Cases"] = database.ConnectionString;
        psi.Environment["Seeding__DemoCases"] = "false";
        psi.Environment["Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var web1 = new WebProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), log);

        using var probe = new HttpClient { BaseAddress = web1.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the web process exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}; see {logFile}");
            }

            try
            {
                if ((await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return web1;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                await web1.DisposeAsync();
                throw new TimeoutException($"the web process was not ready within 3 minutes; see {logFile}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Resident set size now and its peak so far (VmRSS, VmHWM), in MiB.</summary>
    public (double Current, double Peak) Memory()
    {
        double current = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = Kb(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kb(line) / 1024.0;
            }
        }

        return (current, peak);
    }

    /// <summary>CPU time the web process has used so far (user + system), from /proc/PID/stat.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>A client signed in as a demo user: the auth cookie as a header value.</summary>
    public async Task<string> LoginAsync(string userName)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var client = new HttpClient(handler) { BaseAddress = Address };
        var response = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName, password = "Demo#2026" });
        response.EnsureSuccessStatusCode();
        return cookies.GetCookieHeader(Address);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WorkInjuryCases.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("WorkInjuryCases.sln not found above the working directory or the program's folder.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
