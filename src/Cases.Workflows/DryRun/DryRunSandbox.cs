using Cases.Domain.Calendar;
using Cases.Workflows.Instances;
using Cases.Workflows.Publishing;
using Cases.Workflows.Runtime;
using Cases.Workflows.Tasks;
using Cases.Workflows.Timers;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Workflows.DryRun;

/// <summary>
/// A throwaway copy of the runtime for one dry run: an in-memory SQLite database holding only the definition and the
/// working-day calendar, its own fixed clock, and the product's handlers (StartCase, RecordEvent, CompleteTask) and
/// TimerFiring resolved from its own container, as a node of the app would. Timers are fired by moving the clock to
/// each due instant in turn, which is what Hangfire does in real time. Disposed with the connection, the data goes.
/// </summary>
internal sealed class DryRunSandbox : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly ServiceProvider _services;
    private readonly FixedClock _clock;

    private DryRunSandbox(SqliteConnection connection, ServiceProvider services, FixedClock clock)
    {
        _connection = connection;
        _services = services;
        _clock = clock;
    }

    /// <summary>A step's instant: 09:00 of its day in China Standard Time, when the office opens.</summary>
    public static DateTimeOffset At(DateOnly day) => ChinaTime.StartOf(day).AddHours(9);

    /// <summary>What the runtime refuses an input with (400, 403, 404, 409, 422); anything else is a fault and propagates.</summary>
    public static bool IsRefusal(Exception e) => e is DomainValidationException or DomainRuleException or ConflictException or ForbiddenException
        or NotFoundException or CalendarYearMissingException;

    public static async Task<DryRunSandbox> CreateAsync(WorkflowEngine engine, WorkflowDefinition definition, string json,
        IReadOnlyList<CalendarYear> years, IReadOnlyList<CalendarDay> days, CancellationToken ct)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(ct);
        // Options without the container: EF then shares one internal service provider across dry runs instead of
        // building (and keeping) a new one for each container's logger factory.
        var options = new DbContextOptionsBuilder<WorkflowDb>().UseSqlite(connection).Options;
        var clock = new FixedClock();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddScoped<IWorkflowDb>(_ => new WorkflowDb(options));
        services.AddWorkflowCore();
        // The host's engine itself, with whatever actions the host registered.
        services.AddSingleton(engine);
        services.AddSingleton(new NodeIdentity("dry-run"));
        services.AddSingleton<IBackgroundJobClient, NoJobs>();
        // The sample case is worked by made-up actors; nobody is assigned from a staff list.
        services.AddSingleton<IStaffDirectory, NoStaff>();
        services.AddSingleton<ICaseRegisters, SampleRegisters>();
        services.AddScoped<StartCaseHandler>();
        services.AddScoped<RecordEventCommandHandler>();
        services.AddScoped<TaskCommandHandlers>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IWorkflowDb>();
            await db.Database.EnsureCreatedAsync(ct);
            db.CalendarYears.AddRange(years.Select(y => new CalendarYear { Year = y.Year, Source = y.Source, LoadedAt = y.LoadedAt, LoadedBy = y.LoadedBy }));
            db.CalendarDays.AddRange(days.Select(d => new CalendarDay { Date = d.Date, Kind = d.Kind, Name = d.Name }));
            db.Definitions.Add(DefinitionHandlers.Store(definition, json, "dry-run", DateTimeOffset.UnixEpoch));
            await db.SaveChangesAsync(ct);
        }

        return new DryRunSandbox(connection, provider, clock);
    }

    public async Task<Guid> StartAsync(string key, string city, JsonObject? data, DateTimeOffset at, CancellationToken ct)
    {
        _clock.Now = at;
        await using var scope = _services.CreateAsyncScope();
        var started = await scope.ServiceProvider.GetRequiredService<StartCaseHandler>().Handle(new StartCase(key, city, data, Acting(null, Roles.Officer, city)), ct);
        return started.CaseId;
    }

    /// <summary>Moves the clock to <paramref name="to"/>, firing each due timer at its own instant, oldest first.</summary>
    public async Task AdvanceAsync(DateTimeOffset to, int maxFirings, CancellationToken ct)
    {
        for (var fired = 0; ; fired++)
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IWorkflowDb>();
            var next = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending && t.DueAt <= to)
                .OrderBy(t => t.DueAt).Select(t => new { t.Id, t.DueAt }).FirstOrDefaultAsync(ct);
            if (next is null)
            {
                break;
            }

            if (fired >= maxFirings)
            {
                throw new DomainRuleException(new LocalizedText($"试运行在 {Clocks.Format(ChinaTime.DateOf(to))} 之前触发了 {maxFirings} 次计时后停止：流程定义的计时似乎在循环重设。", $"The dry run stopped after {maxFirings} timers before {Clocks.Format(ChinaTime.DateOf(to))}: the definition's clocks seem to re-arm themselves in a loop."));
            }

            if (next.DueAt > _clock.Now)
            {
                _clock.Now = next.DueAt;
            }

            // Null is also a timer whose state was left meanwhile: the firing cancels it. One still pending would loop.
            if (await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(next.Id, ct) is null
                && await db.Timers.AsNoTracking().AnyAsync(t => t.Id == next.Id && t.Status == TimerStatus.Pending, ct))
            {
                throw new InvalidOperationException($"Timer {next.Id} was due at {next.DueAt:O} but did not fire.");
            }
        }

        if (to > _clock.Now)
        {
            _clock.Now = to;
        }
    }

    public async Task CompleteTaskAsync(Guid caseId, string state, string? outcome, JsonObject? data, string? by, string city, CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IWorkflowDb>();
        var open = await db.Tasks.AsNoTracking().Where(t => t.CaseId == caseId && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed)).ToListAsync(ct);
        var task = open.FirstOrDefault(t => t.State == state);
        if (task is null)
        {
            var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.CaseId == caseId, ct);
            var tasks = open.Count == 0
                ? new LocalizedText("没有待办任务", "it has no open task")
                : new LocalizedText($"待办任务为：{string.Join("、", open.Select(t => t.State))}", $"its open tasks are: {string.Join(", ", open.Select(t => t.State))}");
            throw new ConflictException(new LocalizedText(
                $"没有待办任务“{state}”：案件处于“{instance.State}”（{instance.Status}），{tasks.Zh}。",
                $"No open task '{state}': the case is in state '{instance.State}' ({instance.Status}); {tasks.En}."));
        }

        await scope.ServiceProvider.GetRequiredService<TaskCommandHandlers>().Handle(new CompleteTask(task.Id, outcome, data, Acting(by, task.Role, city)), ct);
    }

    public async Task RecordEventAsync(Guid caseId, string name, JsonObject? data, string? by, string city, CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RecordEventCommandHandler>().Handle(new RecordEvent(caseId, name, data, Acting(by, Roles.Officer, city)), ct);
    }

    public async Task<string> StateAsync(Guid caseId, CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowDb>().Instances.AsNoTracking().Where(i => i.CaseId == caseId).Select(i => i.State).SingleAsync(ct);
    }

    public async Task<DryRunReport> ReportAsync(WorkflowDefinition definition, bool draft, string city, Guid caseId, IReadOnlyList<DryRunInput> inputs, DryRunRefusal? refused, CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IWorkflowDb>();
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.CaseId == caseId, ct);
        var journal = (await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Seq).ToListAsync(ct)).Select(JournalView.Of).ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(ct);
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instance.Id).OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToListAsync(ct);
        var outbox = await db.Outbox.AsNoTracking().Where(o => o.CaseId == caseId).OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).ToListAsync(ct);
        var escalations = await db.Escalations.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.RaisedAt).ToListAsync(ct);

        return new DryRunReport(
            definition.Key, definition.Version, draft, city, inputs, PathOf(definition, journal),
            tasks.Select(t => new DryRunTask(t.State, t.TitleZh, t.TitleEn, t.Role, ChinaTime.DateOf(t.CreatedAt), t.DueOn, t.DueRule, t.Basis,
                Name(t.Status), t.Outcome, t.CompletedBy, t.CompletedAt is { } c ? ChinaTime.DateOf(c) : null,
                t.Status == HumanTaskStatus.Completed ? t.CompletedAt < t.DueAt : null, t.Breached, t.ProvisionalYear)).ToList(),
            timers.Select(t => new DryRunClock(t.State, Name(t.Kind), t.DueOn, t.DueAt, t.Rule, t.Basis, t.TargetState, t.Template, t.Recipient, Name(t.Status), t.FiredAt, t.ProvisionalYear)).ToList(),
            outbox.Select(o => new DryRunNotification(o.CreatedAt, o.Recipient, o.Template)).ToList(),
            escalations.Select(e => new DryRunEscalation(e.RaisedAt, e.State, e.DueOn, e.Basis)).ToList(),
            journal, instance.State, Name(instance.Status), instance.EndOutcome, _clock.Now, CaseData.Parse(instance.DataJson).AsJson(), refused);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }

    // The states entered, read back from the journal the real runtime wrote, each with what led there.
    private static List<DryRunVisit> PathOf(WorkflowDefinition definition, IReadOnlyList<JournalView> journal)
    {
        var path = new List<DryRunVisit>();
        (DryRunArrival Kind, string? Name) via = (DryRunArrival.Started, null);
        foreach (var entry in journal)
        {
            switch (entry.Action)
            {
                case JournalActions.TaskCompleted:
                    via = (DryRunArrival.Outcome, entry.Data?[JournalFields.Outcome]?.ToString());
                    break;
                case JournalActions.Event:
                    via = (DryRunArrival.Event, entry.Data?[JournalFields.Event]?.ToString());
                    break;
                case JournalActions.TimerFired:
                    via = (DryRunArrival.Timer, null);
                    break;
                case JournalActions.Migrated:
                    via = (DryRunArrival.Migrated, null);
                    break;
                case JournalActions.Decided:
                    via = (DryRunArrival.Branch, entry.Data?[JournalFields.Branch]?.ToString());
                    break;
                case JournalActions.Started or JournalActions.Entered when entry.To is { } state:
                    var spec = definition.States.GetValueOrDefault(state);
                    path.Add(new DryRunVisit(state, spec?.Kind.ToName() ?? "", spec?.Title?.Zh ?? state, spec?.Title?.En ?? state, entry.At, ChinaTime.DateOf(entry.At), via.Kind, via.Name));
                    via = (DryRunArrival.Next, null);
                    break;
            }
        }

        return path;
    }

    private static Actor Acting(string? by, string role, string city) =>
        new(by ?? $"dry-run.{role}", city, new HashSet<string>(StringComparer.Ordinal) { role });

    private static string Name<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The dry run's own time: it only moves when the run moves it.</summary>
    private sealed class FixedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>No Hangfire in a dry run: the sandbox fires each timer itself at its due instant.</summary>
    private sealed class NoJobs : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => Guid.NewGuid().ToString("N");

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }
}

/// <summary>No staff: the dry run assigns no task to a named user.</summary>
internal sealed class NoStaff : IStaffDirectory
{
    public Task<Actor?> FindAsync(string userName, CancellationToken ct) => Task.FromResult<Actor?>(null);
}

// A dry run tries a draft on the sample's own values: every register entry a sample names is taken as registered, and
// fills nothing the sample does not give, so a designer tries a procedure without registering a party first.
internal sealed class SampleRegisters : ICaseRegisters
{
    private static readonly IReadOnlyDictionary<string, JsonNode?> Nothing = new Dictionary<string, JsonNode?>();

    public Task<IReadOnlyDictionary<string, JsonNode?>?> FindAsync(RegisterKind kind, string key, string cityCode, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, JsonNode?>?>(Nothing);
}
