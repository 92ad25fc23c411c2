using System.Text.Json.Nodes;
using Cases.Application.Calendar;
using Cases.Application.Persistence;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Workflows.Calendar;
using Cases.Workflows.Casework;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cases.Workflows.Tests.Timers;

/// <summary>Where a node keeps its Hangfire jobs: as the app does for the provider, or in memory (lost with the node).</summary>
public enum JobStore
{
    /// <summary>As the app: PostgreSQL schema "hangfire" in the product's database on PostgreSQL, in memory on SQLite.</summary>
    AsTheApp,

    /// <summary>In-memory storage owned by this node: its jobs die with it.</summary>
    InMemory,
}

/// <summary>
/// One "node" of the app, as far as timers go: the services <c>CasesServices</c> and <c>WorkflowServices</c>
/// register (CasesDb on the provider, CalendarStore, DefinitionStore, engine with the built-in actions, writer,
/// scheduler, firing, jobs, a node name, the clock, logging, Hangfire storage and client), and on request a
/// Hangfire server whose jobs resolve from a scope per job, as Hangfire.AspNetCore's activator does.
/// </summary>
internal sealed class TimerNode : IAsyncDisposable
{
    public static readonly Actor Officer = new("officer.jinan", "370100", new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });

    private static readonly Lock HangfireGlobals = new();
    private static bool _hangfireConfigured;

    private readonly ServiceProvider _services;
    private BackgroundJobServer? _server;

    private TimerNode(string name, ServiceProvider services, JobStorage storage)
    {
        Name = name;
        _services = services;
        Storage = storage;
    }

    public string Name { get; }

    public JobStorage Storage { get; }

    public IServiceProvider Services => _services;

    public static TimerNode Create(TestDb test, string name, TimeProvider clock, JobStore store = JobStore.AsTheApp)
    {
        ConfigureHangfireGlobals();
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddLogging();
        switch (test.Provider)
        {
            case TestProvider.Sqlite:
                var sqlite = PersistenceSetup.PrepareSqlite(test.ConnectionString);
                services.AddDbContext<CasesDb, SqliteCasesDb>(o => PersistenceSetup.ConfigureSqlite(o, sqlite));
                break;
            case TestProvider.Postgres:
                services.AddDbContext<CasesDb, PostgresCasesDb>(o => PersistenceSetup.ConfigurePostgres(o, test.ConnectionString));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(test));
        }

        services.AddWorkflowCore();
        services.AddSingleton(new NodeIdentity(name));

        JobStorage storage = store == JobStore.AsTheApp && test.Provider == TestProvider.Postgres
            ? PostgresStorage(test.ConnectionString)
            : new InMemoryStorage();
        services.AddSingleton(storage);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage));
        return new TimerNode(name, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), storage);
    }

    /// <summary>What <c>DatabaseStartup</c> does after migrating: the shipped calendar and the definitions in workflows/.</summary>
    public async Task SeedAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await LoadShippedCalendar.RunAsync(db, clock);
        await SeedDefinitions.RunAsync(db, WorkflowsFolder, scope.ServiceProvider.GetRequiredService<WorkflowEngine>().ActionNames, clock, NullLogger.Instance);
    }

    /// <summary>Starts this node's Hangfire server, configured as <c>WorkflowServices</c> does (1 s schedule polling).</summary>
    public void StartServer(int workers)
    {
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = Name,
                WorkerCount = workers,
                SchedulePollingInterval = TimeSpan.FromSeconds(1),
                Activator = new ScopedJobActivator(_services.GetRequiredService<IServiceScopeFactory>()),
                ShutdownTimeout = TimeSpan.FromSeconds(10),
            },
            Storage);
    }

    /// <summary>Opens a case of demo-filing through the StartCase handler, as <c>POST /api/cases</c> does.</summary>
    public async Task<StartedCase> StartFilingCaseAsync(DateOnly contractEndsOn, CancellationToken ct = default)
    {
        await using var scope = _services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var handler = new StartCaseHandler(
            sp.GetRequiredService<CasesDb>(), sp.GetRequiredService<DefinitionStore>(), sp.GetRequiredService<CalendarStore>(), sp.GetRequiredService<WorkflowEngine>(),
            sp.GetRequiredService<ProgressWriter>(), sp.GetRequiredService<TimerScheduler>(), sp.GetRequiredService<TimeProvider>());
        var data = new JsonObject { ["contractEndsOn"] = contractEndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        return await handler.Handle(new StartCase("demo-filing", "370100", data, Officer), ct);
    }

    /// <summary>Records an event on a case through the RecordEvent handler, as <c>POST /api/cases/{id}/events</c> does.</summary>
    public async Task<CaseState> RecordEventAsync(Guid caseId, string @event, JsonObject data, CancellationToken ct = default)
    {
        await using var scope = _services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var handler = new RecordEventCommandHandler(
            sp.GetRequiredService<CasesDb>(), sp.GetRequiredService<DefinitionStore>(), sp.GetRequiredService<CalendarStore>(), sp.GetRequiredService<WorkflowEngine>(),
            sp.GetRequiredService<ProgressWriter>(), sp.GetRequiredService<TimerScheduler>(), sp.GetRequiredService<TimeProvider>());
        return await handler.Handle(new RecordEvent(caseId, @event, data, Officer), ct);
    }

    /// <summary>One run of the sweep job's work in a fresh scope, returning what this node fired.</summary>
    public async Task<IReadOnlyList<FiredTimer>> SweepAsync(CancellationToken ct = default)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TimerFiring>().RunDueAsync(500, ct);
    }

    /// <summary>The per-timer job's work in a fresh scope.</summary>
    public async Task<FiredTimer?> FireAsync(Guid timerId, CancellationToken ct = default)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(timerId, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            _server.SendStop();
            _server.Dispose();
        }

        await _services.DisposeAsync();
        (Storage as IDisposable)?.Dispose();
    }

    private static string WorkflowsFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WorkInjuryCases.sln")))
                {
                    return Path.Combine(dir.FullName, "workflows");
                }
            }

            throw new InvalidOperationException($"WorkInjuryCases.sln was not found above {AppContext.BaseDirectory}.");
        }
    }

    private static PostgreSqlStorage PostgresStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            QueuePollInterval = TimeSpan.FromSeconds(1),
            PrepareSchemaIfNecessary = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    // The same process-wide serializer settings as WorkflowServices' AddHangfire; set once.
    private static void ConfigureHangfireGlobals()
    {
        lock (HangfireGlobals)
        {
            if (!_hangfireConfigured)
            {
                GlobalConfiguration.Configuration.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
                _hangfireConfigured = true;
            }
        }
    }

    /// <summary>A DI scope per job, so each job gets its own CasesDb, as in the app.</summary>
    private sealed class ScopedJobActivator(IServiceScopeFactory scopes) : JobActivator
    {
        public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

        private sealed class Scope(IServiceScope scope) : JobActivatorScope
        {
            public override object Resolve(Type type) => scope.ServiceProvider.GetRequiredService(type);

            public override void DisposeScope() => scope.Dispose();
        }
    }
}
