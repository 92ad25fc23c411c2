using System.Text.Json.Nodes;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Workflows.Calendar;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;
using Cases.Workflows.Publishing;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
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
/// register (the runtime's context on the provider, CalendarStore, DefinitionStore, engine with the built-in actions, writer,
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
        services.AddDbContext<WorkflowDb>(o => TestDb.Configure((DbContextOptionsBuilder<WorkflowDb>)o, test.Provider, test.ConnectionString));
        services.AddScoped<IWorkflowDb>(sp => sp.GetRequiredService<WorkflowDb>());

        services.AddWorkflowCore();
        services.AddSingleton(new NodeIdentity(name));

        // The storage the app's set-up gives the provider (TimerHosting), or memory where a test wants no shared one.
        JobStorage storage = store == JobStore.AsTheApp && test.Provider == TestProvider.Postgres
            ? TimerHosting.Storage(DatabaseProvider.Postgres, test.ConnectionString)
            : new InMemoryStorage();
        services.AddSingleton(storage);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage));
        return new TimerNode(name, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), storage);
    }

    /// <summary>What <c>DatabaseStartup</c> does after migrating: the shipped calendar and the definitions in workflows/.</summary>
    public async Task SeedAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IWorkflowDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await LoadShippedCalendar.RunAsync(db, clock);
        await SeedDefinitions.RunAsync(db, WorkflowsFolder, scope.ServiceProvider.GetRequiredService<WorkflowEngine>().Actions, clock, NullLogger.Instance);
    }

    /// <summary>Starts this node's Hangfire server, configured as <c>WorkflowServices</c> does (1 s schedule polling).</summary>
    public void StartServer(int workers)
    {
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = Name,
                WorkerCount = workers,
                SchedulePollingInterval = TimerHosting.PollingInterval,
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
            sp.GetRequiredService<IWorkflowDb>(), sp.GetRequiredService<DefinitionStore>(), sp.GetRequiredService<CalendarStore>(), sp.GetRequiredService<WorkflowEngine>(),
            sp.GetRequiredService<ProgressWriter>(), sp.GetRequiredService<TimerScheduler>(), [], sp.GetRequiredService<TimeProvider>());
        var data = new JsonObject { ["contractEndsOn"] = contractEndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        return await handler.Handle(new StartCase("demo-filing", "370100", data, Officer), ct);
    }

    /// <summary>Records an event on a case through the RecordEvent handler, as <c>POST /api/cases/{id}/events</c> does.</summary>
    public async Task<CaseState> RecordEventAsync(Guid caseId, string @event, JsonObject data, CancellationToken ct = default)
    {
        await using var scope = _services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var handler = new RecordEventCommandHandler(
            sp.GetRequiredService<IWorkflowDb>(), sp.GetRequiredService<DefinitionStore>(), sp.GetRequiredService<CalendarStore>(), sp.GetRequiredService<WorkflowEngine>(),
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

    // The runtime's own procedure (workflows/demo-filing.json, copied beside the tests): it needs no action of the agency's.
    private static string WorkflowsFolder => Path.Combine(AppContext.BaseDirectory, "RuntimeDefinitions");

    // The same process-wide serializer settings as WorkflowServices' AddHangfire; set once.
    private static void ConfigureHangfireGlobals()
    {
        lock (HangfireGlobals)
        {
            if (!_hangfireConfigured)
            {
                TimerHosting.Configure(GlobalConfiguration.Configuration);
                _hangfireConfigured = true;
            }
        }
    }

    /// <summary>A DI scope per job, so each job gets its own context, as in the app.</summary>
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
