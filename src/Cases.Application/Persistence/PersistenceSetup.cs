using Cases.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Application.Persistence;

public static class PersistenceSetup
{
    public const string DefaultSqliteConnection = "Data Source=./data/cases.db";

    /// <summary>Registers <see cref="CasesDb"/> on the configured provider.</summary>
    public static IServiceCollection AddCasesDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Cases");
        services.AddSingleton(options);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = PrepareSqlite(connectionString ?? DefaultSqliteConnection);
                services.AddDbContext<CasesDb, SqliteCasesDb>(o => ConfigureSqlite(o, sqlite));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<CasesDb, PostgresCasesDb>(o => ConfigurePostgres(o, Require(connectionString, options.Provider)));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<CasesDb, SqlServerCasesDb>(o => ConfigureSqlServer(o, Require(connectionString, options.Provider)));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported.");
        }

        // The runtime's unit of work is the same context: its rows and the agency's commit together.
        services.AddScoped<IWorkflowDb>(sp => sp.GetRequiredService<CasesDb>());
        return services;
    }

    /// <summary>
    /// A context on the provider's database configured as the app configures its own (a new one each call, as per
    /// request), for tools and tests that run outside the app's container.
    /// </summary>
    public static CasesDb Open(DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new DbContextOptionsBuilder<SqliteCasesDb>();
                ConfigureSqlite(sqlite, PrepareSqlite(connectionString));
                return new SqliteCasesDb(sqlite.Options);
            case DatabaseProvider.Postgres:
                var pg = new DbContextOptionsBuilder<PostgresCasesDb>();
                ConfigurePostgres(pg, connectionString);
                return new PostgresCasesDb(pg.Options);
            case DatabaseProvider.SqlServer:
                var sqlServer = new DbContextOptionsBuilder<SqlServerCasesDb>();
                ConfigureSqlServer(sqlServer, connectionString);
                return new SqlServerCasesDb(sqlServer.Options);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, s => s.MigrationsHistoryTable("__EFMigrationsHistory")).AddInterceptors(SqliteBusyTimeout.Instance);

    internal static void ConfigurePostgres(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString);

    internal static void ConfigureSqlServer(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlServer(connectionString);

    /// <summary>
    /// Makes sure the SQLite file's folder exists and the connection waits for the one writer instead of failing
    /// at once with "database is locked" (SQLite allows one writer at a time).
    /// </summary>
    public static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        if (builder.Mode is SqliteOpenMode.ReadWriteCreate && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }

    private static string Require(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"Database:Provider is {provider} but ConnectionStrings:Cases is empty.")
            : connectionString;
}
