
namespace Cases.Testing;

/// <summary>
/// One PostgreSQL cluster per test process, started on first use and removed when the process exits. Tests take
/// a fresh database each (<see cref="CreateDatabaseAsync"/>), so they can run in parallel without seeing each other.
/// </summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);

    public static async Task<string> CreateDatabaseAsync() => await (await Server.Value).CreateDatabaseAsync();

    public static Task<PostgresServer> GetAsync() => Server.Value;

    private static async Task<PostgresServer> StartAsync()
    {
        PostgresServer.RemoveStaleClusters();
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}

/// <summary>The database engines the persistence tests run on.</summary>
public enum TestProvider
{
    Sqlite,
    Postgres,
}

public static class TestDatabases
{
    // One folder per test process, removed when it exits; folders left by a killed run are removed by the next.
    private static readonly Lazy<string> SqliteFolder = new(() =>
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "cases-sqlite-*").Where(d => !PostgresServer.OwnerAlive(Path.Combine(d, "owner.pid"))))
        {
            Directory.Delete(stale, recursive: true);
        }

        var folder = Directory.CreateTempSubdirectory("cases-sqlite-").FullName;
        File.WriteAllText(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        };
        return folder;
    });

    /// <summary>A new, empty database on the provider, as a connection string.</summary>
    public static async Task<string> CreateAsync(TestProvider provider) => provider switch
    {
        TestProvider.Sqlite => $"Data Source={Path.Combine(SqliteFolder.Value, Guid.NewGuid().ToString("N")[..12] + ".db")}",
        TestProvider.Postgres => await SharedPostgres.CreateDatabaseAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
