using Cases.Workflows.Timers;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Workflows;

/// <summary>Bound from the <c>Hangfire</c> section.</summary>
public sealed class HangfireSettings
{
    /// <summary>Run a Hangfire server (timer jobs, sweep, outbox) in this process. Web-only nodes set false.</summary>
    public bool Server { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>How often the sweep looks for due timers whose job was lost, as a cron expression.</summary>
    public string SweepCron { get; set; } = "* * * * *";
}

/// <summary>
/// The runtime and its Hangfire, one set-up for every host of a node (the web app, the tests of several nodes): on
/// SQLite, Hangfire keeps its jobs in memory (single node; the database sweep recovers every timer after a restart); on
/// PostgreSQL and SQL Server it shares the product's database, which is how several nodes divide the work. See
/// docs/adr/0005.
/// </summary>
public static class TimerHosting
{
    /// <summary>How often a server looks for scheduled jobs and a queue for work: a timer fires about a second after it is due.</summary>
    public static readonly TimeSpan PollingInterval = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddWorkflowCore();
        services.AddSingleton<NodeIdentity>();

        var settings = configuration.GetSection("Hangfire").Get<HangfireSettings>() ?? new HangfireSettings();
        services.AddSingleton(settings);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connection = configuration.GetConnectionString("Cases");
        services.AddHangfire(hangfire => UseStorage(Configure(hangfire), database.Provider, connection));
        if (settings.Server)
        {
            services.AddHangfireServer(o =>
            {
                o.SchedulePollingInterval = PollingInterval;
                o.WorkerCount = settings.WorkerCount;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return services;
    }

    /// <summary>The process-wide serializer settings every node uses, so jobs written by one are read by all.</summary>
    public static IGlobalConfiguration Configure(IGlobalConfiguration hangfire) =>
        hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();

    /// <summary>The job storage for the provider: the product's own database when several nodes share it, memory on SQLite.</summary>
    public static JobStorage Storage(DatabaseProvider provider, string? connection) => provider switch
    {
        DatabaseProvider.Postgres => new PostgreSqlStorage(new NpgsqlConnectionFactory(connection, PostgresOptions()), PostgresOptions()),
        DatabaseProvider.SqlServer => new SqlServerStorage(connection, SqlServerOptions()),
        _ => new InMemoryStorage(),
    };

    private static IGlobalConfiguration UseStorage(IGlobalConfiguration hangfire, DatabaseProvider provider, string? connection) => provider switch
    {
        DatabaseProvider.Postgres => hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connection), PostgresOptions()),
        DatabaseProvider.SqlServer => hangfire.UseSqlServerStorage(connection, SqlServerOptions()),
        _ => hangfire.UseInMemoryStorage(),
    };

    private static PostgreSqlStorageOptions PostgresOptions() => new()
    {
        SchemaName = "hangfire",
        QueuePollInterval = PollingInterval,
        PrepareSchemaIfNecessary = true,
        // Hangfire's locks here are rows: one held by a node that dies (SIGKILL, power cut) stays until this timeout, and
        // while it does the surviving nodes' schedulers neither enqueue due per-timer jobs nor start the sweep (the
        // default of 10 minutes held a two-node test's deadlines that long). Its holders keep a lock for one polling round;
        // a round that outlived this and overlapped with another node's would at worst enqueue a job twice, and a timer
        // job runs safely twice.
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };

    private static SqlServerStorageOptions SqlServerOptions() => new() { SchemaName = "hangfire", QueuePollInterval = PollingInterval };
}
