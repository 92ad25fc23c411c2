using System.Data.Common;
using System.Globalization;
using Cases.Application.Persistence;
using Cases.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cases.Benchmarks;

/// <summary>
/// Where the benchmark's databases live: SQLite files in a folder of their own on disk (not /dev/shm: the commit
/// rate depends on the disk), and one throwaway PostgreSQL cluster (tests/Cases.Testing's PostgresServer) with fsync
/// on unless asked otherwise: durable commits are what the figures are about.
/// </summary>
public sealed class BenchEnvironment(bool fsync) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PostgresServer? _postgres;
    private string? _sqliteFolder;

    private readonly Dictionary<(TestProvider, int), BenchDatabase> _seeded = [];

    public bool Fsync { get; } = fsync;

    /// <summary>
    /// A database with the product's schema, demo users and <paramref name="tasks"/> bulk-seeded tasks; made once per
    /// run and provider and shared by the inbox, dashboard and web scenarios (they only read it).
    /// </summary>
    public async Task<BenchDatabase> SeededAsync(TestProvider provider, int tasks, TextWriter log)
    {
        if (_seeded.TryGetValue((provider, tasks), out var seeded))
        {
            return seeded;
        }

        var database = await CreateDatabaseAsync(provider);
        // The product's own context and migrations make the schema; the app's start (in the scenario, or the web
        // process) adds the rest (calendar, definitions, demo users) on top, as it does on any database.
        await using (CasesDb db = provider == TestProvider.Postgres
            ? new PostgresCasesDb(new DbContextOptionsBuilder<PostgresCasesDb>().UseNpgsql(database.ConnectionString).Options)
            : new SqliteCasesDb(new DbContextOptionsBuilder<SqliteCasesDb>().UseSqlite(database.ConnectionString).Options))
        {
            await db.Database.MigrateAsync();
        }

        var took = await TaskSeeder.SeedAsync(database, tasks, log);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  seeded {tasks:N0} tasks in {took.TotalSeconds:0.0} s"));
        database.SeedTime = took;
        _seeded[(provider, tasks)] = database;
        return database;
    }

    public async Task<BenchDatabase> CreateDatabaseAsync(TestProvider provider)
    {
        await _gate.WaitAsync();
        try
        {
            switch (provider)
            {
                case TestProvider.Postgres:
                    if (_postgres is null)
                    {
                        PostgresServer.RemoveStaleClusters();
                        _postgres = await PostgresServer.StartAsync(Fsync);
                    }

                    return new BenchDatabase(provider, await _postgres.CreateDatabaseAsync());
                default:
                    if (_sqliteFolder is null)
                    {
                        // scripts/test.sh sweeps cases-sqlite-* folders whose owner process is gone.
                        _sqliteFolder = Directory.CreateTempSubdirectory("cases-sqlite-bench-").FullName;
                        await File.WriteAllTextAsync(Path.Combine(_sqliteFolder, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                    }

                    var file = Path.Combine(_sqliteFolder, Guid.NewGuid().ToString("N")[..12] + ".db");
                    return new BenchDatabase(provider, $"Data Source={file}");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }

        _gate.Dispose();
    }
}

/// <summary>One database of a benchmark run, with raw connections for seeding and checking outside the product.</summary>
public sealed class BenchDatabase(TestProvider provider, string connectionString)
{
    public TestProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public Sql Sql { get; } = new(provider);

    /// <summary>How long the bulk seed took, when this database was seeded with tasks.</summary>
    public TimeSpan? SeedTime { get; set; }

    /// <summary>A raw connection. Unpooled ones are for connection settings that must not leak into later users of a pool.</summary>
    public async Task<DbConnection> OpenAsync(bool pooled = true)
    {
        DbConnection connection = Provider == TestProvider.Postgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { DefaultTimeout = 60, Pooling = pooled }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public async Task<int> ExecuteAsync(string sql, int timeoutSeconds = 3600)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The query plan of <paramref name="sql"/> as text (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite).</summary>
    public async Task<string> ExplainAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (Provider == TestProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(Provider == TestProvider.Postgres ? reader.GetString(0) : reader.GetString(reader.FieldCount - 1));
        }

        return string.Join('\n', lines);
    }
}

/// <summary>The few SQL spellings that differ between SQLite (as the product maps it) and PostgreSQL.</summary>
public sealed class Sql(TestProvider provider)
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    public bool IsPostgres { get; } = provider == TestProvider.Postgres;

    /// <summary>A deterministic GUID from a kind and a number, spelled as the provider stores GUIDs (SQLite: upper-case text).</summary>
    public string NewId(int kind, string number) => IsPostgres
        ? $"('{kind:X8}-0000-4000-8000-' || lpad(to_hex({number}), 12, '0'))::uuid"
        : $"printf('{kind:X8}-0000-4000-8000-%012X', {number})";

    public string GuidLiteral(Guid id) => IsPostgres ? $"'{id}'::uuid" : $"'{id.ToString().ToUpperInvariant()}'";

    /// <summary>An instant <paramref name="seconds"/> (an SQL expression) after <paramref name="at"/>: timestamptz, or UTC ticks on SQLite.</summary>
    public string Instant(DateTimeOffset at, string seconds) => IsPostgres
        ? $"(timestamptz '{at.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00' + ({seconds}) * interval '1 second')"
        : $"({at.UtcTicks.ToString(CultureInfo.InvariantCulture)} + ({seconds}) * 10000000)";

    public string InstantLiteral(DateTimeOffset at) => Instant(at, "0");

    /// <summary>The Asia/Shanghai date of an instant expression made by <see cref="Instant"/>.</summary>
    public string ShanghaiDate(string instant) => IsPostgres
        ? $"(({instant}) AT TIME ZONE 'Asia/Shanghai')::date"
        : $"date((({instant}) - {Epoch.UtcTicks.ToString(CultureInfo.InvariantCulture)}) / 10000000 + 28800, 'unixepoch')";

    public string Bool(bool value) => IsPostgres ? (value ? "true" : "false") : (value ? "1" : "0");

    public string Pad3(string number) => IsPostgres ? $"lpad(({number})::text, 3, '0')" : $"printf('%03d', {number})";

    public string Null(string pgType) => IsPostgres ? $"NULL::{pgType}" : "NULL";

    /// <summary>
    /// INSERT … SELECT over the numbers first..last (column <c>i</c> of a source named <c>s</c>): generate_series, or a
    /// recursive CTE on SQLite. <paramref name="from"/> is the FROM clause, with <c>{series}</c> where the numbers go.
    /// </summary>
    public string InsertSeries(string table, string columns, string select, long first, long last, string from = "{series}")
    {
        var a = first.ToString(CultureInfo.InvariantCulture);
        var b = last.ToString(CultureInfo.InvariantCulture);
        return IsPostgres
            ? $"INSERT INTO {table} ({columns}) SELECT {select} FROM {from.Replace("{series}", $"generate_series({a}::bigint, {b}::bigint) AS s(i)", StringComparison.Ordinal)}"
            : $"WITH RECURSIVE s(i) AS (SELECT {a} UNION ALL SELECT i + 1 FROM s WHERE i < {b}) INSERT INTO {table} ({columns}) SELECT {select} FROM {from.Replace("{series}", "s", StringComparison.Ordinal)}";
    }
}
