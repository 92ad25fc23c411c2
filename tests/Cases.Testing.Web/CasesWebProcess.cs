using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cases.Testing;

/// <summary>
/// The product as a real process: <c>dotnet Cases.Web.dll</c> from src/Cases.Web's build output, on a free loopback
/// port, with the given configuration as environment variables. Its output is kept (the last lines, and a file when
/// asked) so a failing test can show what the node said. <see cref="Kill"/> is SIGKILL on this process only.
/// </summary>
public sealed class CasesWebProcess : IAsyncDisposable
{
    private const int TailLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly StreamWriter? _log;

    private CasesWebProcess(string name, Process process, Uri address, StreamWriter? log)
    {
        Name = name;
        _process = process;
        Address = address;
        _log = log;
    }

    public string Name { get; }

    public Uri Address { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the app and waits until <c>/health/ready</c> answers 200; throws with the output's tail when it exits or
    /// is not ready in time. <paramref name="environment"/> uses the <c>__</c> form (<c>Database__Provider</c>).
    /// </summary>
    public static async Task<CasesWebProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment, string? logFile = null, TimeSpan? readyWithin = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var web = Path.Combine(RepositoryRoot(), "src", "Cases.Web");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "Cases.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution in {configuration} first.");
        }

        var port = FreePort().ToString(CultureInfo.InvariantCulture);
        var psi = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["Urls"] = $"http://127.0.0.1:{port}";
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        StreamWriter? log = null;
        if (logFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
            log = new StreamWriter(logFile) { AutoFlush = true };
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var node = new CasesWebProcess(name, process, new Uri($"http://127.0.0.1:{port}"), log);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A test host that dies before its tests dispose their nodes must not leave them running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => node.KillIfRunning();

        try
        {
            await node.WaitReadyAsync(readyWithin ?? TimeSpan.FromMinutes(3));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>SIGKILL: the process ends at once, mid-request and mid-transaction, as in a power cut.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    private void KillIfRunning()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already disposed.
        }
    }

    /// <summary>The last lines the process wrote (stdout and stderr), for a failure message.</summary>
    public string Tail(int lines = 60)
    {
        lock (_tail)
        {
            return $"--- last output of {Name} (pid {Id.ToString(CultureInfo.InvariantCulture)}) ---\n" + string.Join('\n', _tail.Skip(Math.Max(0, _tail.Count - lines)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
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

    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} while starting.\n{Tail()}");
            }

            try
            {
                using var ready = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return;
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

            if (waited.Elapsed > within)
            {
                throw new TimeoutException($"{Name} was not ready within {within.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.\n{Tail()}");
            }

            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }

            _log?.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
