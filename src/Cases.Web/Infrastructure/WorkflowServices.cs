using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;
using Hangfire;
using Hangfire.PostgreSql;

namespace Cases.Web.Infrastructure;

/// <summary>Bound from the <c>Hangfire</c> section.</summary>
public sealed class HangfireSettings
{
    /// <summary>Run a Hangfire server (timer jobs, sweep, outbox) in this process. Web-only nodes set false.</summary>
    public bool Server { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>How often the sweep looks for due timers whose job was lost, as a cron expression.</summary>
    public string SweepCron { get; set; } = "* * * * *";
}

public static class WorkflowServices
{
    /// <summary>
    /// The workflow runtime and its Hangfire: on SQLite, Hangfire keeps its jobs in memory (single node; the
    /// database sweep recovers every timer after a restart); on PostgreSQL and SQL Server it shares the product's
    /// database, which is how several nodes divide the work. See docs/adr/0005.
    /// </summary>
    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWorkflowCore();
        services.AddSingleton<NodeIdentity>();

        var settings = configuration.GetSection("Hangfire").Get<HangfireSettings>() ?? new HangfireSettings();
        services.AddSingleton(settings);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connection = configuration.GetConnectionString("Cases");
        services.AddHangfire((sp, hangfire) =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.Postgres:
                    hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connection), new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        QueuePollInterval = TimeSpan.FromSeconds(1),
                        PrepareSchemaIfNecessary = true,
                        // Hangfire's locks here are rows: one held by a node that dies (SIGKILL, power cut) stays until
                        // this timeout, and while it does the surviving nodes' schedulers neither enqueue due per-timer
                        // jobs nor start the sweep (the default of 10 minutes held a two-node test's deadlines that long).
                        // Its holders keep a lock for one polling round; a round that outlived this and overlapped with
                        // another node's would at worst enqueue a job twice, and a timer job runs safely twice.
                        DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    });
                    break;
                case DatabaseProvider.SqlServer:
                    hangfire.UseSqlServerStorage(connection, new Hangfire.SqlServer.SqlServerStorageOptions { SchemaName = "hangfire", QueuePollInterval = TimeSpan.FromSeconds(1) });
                    break;
                default:
                    hangfire.UseInMemoryStorage();
                    break;
            }
        });
        if (settings.Server)
        {
            services.AddHangfireServer(o =>
            {
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                o.WorkerCount = settings.WorkerCount;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return services;
    }
}
