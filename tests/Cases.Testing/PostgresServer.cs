using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cases.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: initdb into a temporary folder, pg_ctl start on a free
/// loopback port, and stop and delete on dispose. Needs Debian's postgresql package (scripts/test.sh installs it).
/// Running as root, the server runs as the postgres user (initdb refuses root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly bool _asPostgresUser;

    private PostgresServer(string bin, string dir, int port, bool asPostgresUser)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>The server's options (port, socket folder, durability): a restart must come back where it was.</summary>
    private string Options { get; init; } = "";

    public int Port { get; }

    /// <summary>The cluster's own folder, which its server user may write: where a test puts dumps.</summary>
    public string Folder => _dir;

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PostgresServer> StartAsync(bool fsync = false)
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. Run ./scripts/test.sh, which installs Debian's postgresql package.");
        // The folder is prepared under another name and renamed once it names its owner: another test process cleaning
        // up (RemoveStaleClusters) only looks at "cases-pg-*", so it never sees this cluster without its owner's id.
        var id = Guid.NewGuid().ToString("N")[..12];
        var preparing = Path.Combine(Path.GetTempPath(), "cases-pgnew-" + id);
        var dir = Path.Combine(Path.GetTempPath(), "cases-pg-" + id);
        Directory.CreateDirectory(preparing);
        await File.WriteAllTextAsync(Path.Combine(preparing, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.Move(preparing, dir);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", dir], asUser: null);
        }

        var port = FreePort();
        var server = new PostgresServer(bin, dir, port, asPostgres)
        {
            Options = $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=200" + (fsync ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
        };
        await server.Pg("initdb", ["-D", Path.Combine(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "cases_" + Guid.NewGuid().ToString("N")[..12];
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    /// <summary>Stops the server as an operator would (fast: open sessions are ended, nothing committed is lost).</summary>
    public Task StopAsync() => Pg("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the (stopped) server again on the same port with the same options.</summary>
    public Task StartAgainAsync() => Pg("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-l", Path.Combine(_dir, "server.log"), "-o", Options, "-w", "start"]);

    /// <summary>Runs one of the cluster's client tools (pg_dump, pg_restore …) against it as its superuser, e.g. for backups.</summary>
    public Task ToolAsync(string tool, params string[] args) => Pg(tool, ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", .. args]);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by a test; the folder still goes.
        }

        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// Stops and deletes clusters whose owning test process is gone (killed, or ended before its exit handler
    /// finished). Clusters of test processes still running are left alone.
    /// </summary>
    public static void RemoveStaleClusters()
    {
        var bin = FindBin();
        foreach (var found in Directory.GetDirectories(Path.GetTempPath(), "cases-pg-*"))
        {
            if (OwnerAlive(Path.Combine(found, "owner.pid")))
            {
                continue;
            }

            // Several test processes start at once and may find the same stale cluster: the one whose rename succeeds
            // removes it, the others go on.
            var dir = Path.Combine(Path.GetTempPath(), "cases-pgdead-" + Guid.NewGuid().ToString("N")[..12]);
            try
            {
                Directory.Move(found, dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (bin is not null && File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
            {
                var stop = new PostgresServer(bin, dir, 0, Environment.UserName == "root");
                try
                {
                    stop.Pg("pg_ctl", ["-D", Path.Combine(dir, "data"), "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
                }
                catch (InvalidOperationException)
                {
                    // Not running after all; delete the folder anyway.
                }
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    internal static bool OwnerAlive(string ownerFile)
    {
        if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile), out var pid))
        {
            return false;
        }

        try
        {
            using var owner = Process.GetProcessById(pid);
            return !owner.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private Task Pg(string tool, string[] args) => RunAsync(Path.Combine(_bin, tool), args, _asPostgresUser ? "postgres" : null);

    private static async Task RunAsync(string file, string[] args, string? asUser)
    {
        var psi = asUser is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser", ["-u", asUser, "--", file, .. args]);
        if (asUser is null)
        {
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }
        }

        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
