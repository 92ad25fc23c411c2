using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Application.Persistence;
using Cases.Domain.Parties;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Workflows.Instances;
using Cases.Workflows.Records;
using Cases.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Benchmarks.Scenarios;

/// <summary>
/// Scenario 4: N statutory timers due at the same instant, fired through the product's own path: a Hangfire job per
/// timer (scheduled by TimerScheduler, as a command does after it commits) running TimerFiring with its leased claim,
/// plus the recurring sweep. Measures the time from the due instant until the last has fired, and counts duplicates.
/// The N cases are clones (raw SQL) of one demo-filing case started through the StartCase command.
/// </summary>
public static class TimerStormScenario
{
    private const int CaseKind = 0x7E570001;
    private const int InstanceKind = 0x7E570002;
    private const int TimerKind = 0x7E570003;

    public static async Task<BenchResult> RunAsync(BenchEnvironment environment, TestProvider provider, BenchSettings settings, TextWriter log)
    {
        var size = settings.Size ?? 100_000;
        var result = new BenchResult("timers", BenchSettings.Label(provider), size);
        var database = await environment.CreateDatabaseAsync(provider);
        await using var app = BenchApp.Start(database);

        // One real case: demo-filing waits for the contractor with the 第九条 timer (15 days before the contract ends).
        var officer = new Actor("officer.jinan", City.Jinan.Code, new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });
        var template = await app.SendAsync(m => m.Send(new StartCase("demo-filing", City.Jinan.Code, new JsonObject { ["contractEndsOn"] = "2025-12-31" }, officer)));
        var (templateTimer, dueAt) = await app.WithScopeAsync(async sp =>
        {
            var t = await sp.GetRequiredService<CasesDb>().Timers.AsNoTracking()
                .SingleAsync(x => x.InstanceId == template.InstanceId && x.Kind == Cases.Workflows.Records.TimerKind.Transition);
            return (t.Id, t.DueAt);
        });

        var watch = Stopwatch.StartNew();
        await CloneAsync(app, database, template, templateTimer, size - 1);
        result.Add("clone the cases (raw SQL)", watch.Elapsed.TotalSeconds, "s");
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {size:N0} cases waiting on a timer due {dueAt:u} ({watch.Elapsed.TotalSeconds:0.0} s)"));
        var timerIds = new List<Guid>(size) { templateTimer };
        timerIds.AddRange(Enumerable.Range(1, size - 1).Select(i => Id(TimerKind, i)));

        // The jobs are scheduled while the due instant is still ahead, as in production where cases open over weeks;
        // how far ahead is set from a measured scheduling rate so that scheduling is not part of the storm.
        const int parallel = 4;
        await using var scope = app.Services.CreateAsyncScope();
        var scheduler = scope.ServiceProvider.GetRequiredService<TimerScheduler>();
        var calibration = Stopwatch.StartNew();
        var probes = settings.Smoke ? 20 : 400;
        await ScheduleAsync(scheduler, Enumerable.Range(0, probes).Select(_ => Guid.NewGuid()).ToList(), app.Clock.GetUtcNow(), parallel);
        var perSecond = probes / calibration.Elapsed.TotalSeconds;
        var lead = TimeSpan.FromSeconds((settings.Smoke ? 1 : 5) + (size / perSecond * 1.5));
        app.Clock.Set(dueAt - lead);
        var dueReal = Stopwatch.StartNew();
        await ScheduleAsync(scheduler, timerIds, dueAt, parallel);
        var scheduling = dueReal.Elapsed;
        result.Add("schedule the jobs (not part of the storm)", scheduling.TotalSeconds, "s");
        if (scheduling > lead)
        {
            result.Notes.Add($"scheduling ran {(scheduling - lead).TotalSeconds:0.0} s past the due instant; firing overlapped it");
        }

        var timeout = settings.Smoke ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(40);
        long fired = 0;
        var firedSql = $"SELECT COUNT(*) FROM workflow_timers WHERE \"Status\" = 'Fired' AND \"Kind\" = 'Transition'";
        while (dueReal.Elapsed < lead + timeout)
        {
            fired = await database.ScalarAsync(firedSql);
            if (fired >= size)
            {
                break;
            }

            await Task.Delay(settings.Smoke ? 100 : 500);
        }

        // Let any late duplicate show itself before counting.
        await Task.Delay(settings.Smoke ? 500 : 3000);
        fired = await database.ScalarAsync(firedSql);
        var (first, last) = await app.WithScopeAsync(async sp =>
        {
            var done = sp.GetRequiredService<CasesDb>().Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Fired && t.Kind == Cases.Workflows.Records.TimerKind.Transition);
            return (await done.MinAsync(t => t.FiredAt), await done.MaxAsync(t => t.FiredAt));
        });
        var allFired = (last!.Value - dueAt).TotalSeconds;
        result.Add("first timer fired after the due instant", (first!.Value - dueAt).TotalSeconds, "s");
        result.Add("all timers fired after the due instant", allFired, "s", "≤ 60 s", fired == size ? allFired <= 60 : false);
        result.Add("firing rate", fired / Math.Max(0.001, (last.Value - first.Value).TotalSeconds), "timers/s");

        result.Check("timers fired", fired, size);
        result.Check("cases ended at term-ends", await database.ScalarAsync("SELECT COUNT(*) FROM workflow_instances WHERE \"State\" = 'term-ends'"), size);
        var firings = await database.ScalarAsync("SELECT COUNT(*) FROM journal_entries WHERE \"Action\" = 'timer-fired'");
        var distinct = await database.ScalarAsync("SELECT COUNT(DISTINCT \"InstanceId\") FROM journal_entries WHERE \"Action\" = 'timer-fired'");
        result.Check("duplicate firings", firings - distinct, 0);
        result.Checks["claims (attempts)"] = await database.ScalarAsync("SELECT COALESCE(SUM(\"Attempts\"), 0) FROM workflow_timers WHERE \"Kind\" = 'Transition'");
        result.Notes.Add($"Hangfire: {(provider == TestProvider.Postgres ? "PostgreSQL storage" : "in-memory storage")}, the product's worker count, sweep every minute; {parallel} threads scheduled the jobs");

        return result;
    }

    private static Guid Id(int kind, long i) => Guid.Parse($"{kind:X8}-0000-4000-8000-{i:X12}", CultureInfo.InvariantCulture);

    private static async Task ScheduleAsync(TimerScheduler scheduler, IReadOnlyList<Guid> ids, DateTimeOffset dueAt, int parallel)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = parallel }, (id, _) =>
        {
            scheduler.Schedule(id, dueAt);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Copies the template case's rows <paramref name="count"/> times with new ids, every column as it is.</summary>
    private static async Task CloneAsync(BenchApp app, BenchDatabase database, StartedCase template, Guid templateTimer, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var sql = database.Sql;
        var caseId = sql.NewId(CaseKind, "i");
        var instanceId = sql.NewId(InstanceKind, "i");
        var tables = await app.WithScopeAsync(sp =>
        {
            var model = sp.GetRequiredService<CasesDb>().Model;
            return Task.FromResult(new[]
            {
                Table(model, typeof(CaseRecord), new() { ["Id"] = caseId }, $"t.\"Id\" = {sql.GuidLiteral(template.CaseId)}"),
                Table(model, typeof(WorkflowInstance), new() { ["Id"] = instanceId, ["CaseId"] = caseId }, $"t.\"Id\" = {sql.GuidLiteral(template.InstanceId)}"),
                Table(model, typeof(CaseValue), new() { ["CaseId"] = caseId }, $"t.\"CaseId\" = {sql.GuidLiteral(template.CaseId)}"),
                Table(model, typeof(JournalEntry), new() { ["Id"] = null, ["InstanceId"] = instanceId }, $"t.\"InstanceId\" = {sql.GuidLiteral(template.InstanceId)}"),
                Table(model, typeof(WorkflowTimer), new() { ["Id"] = sql.NewId(TimerKind, "i"), ["InstanceId"] = instanceId }, $"t.\"Id\" = {sql.GuidLiteral(templateTimer)}"),
            });
        });
        const int batch = 50_000;
        foreach (var (name, columns, select, where) in tables)
        {
            for (long first = 1; first <= count; first += batch)
            {
                var last = Math.Min(count, first + batch - 1);
                await database.ExecuteAsync(sql.InsertSeries(name, columns, select, first, last, $"{{series}} CROSS JOIN {name} t WHERE {where}"));
            }
        }

        if (sql.IsPostgres)
        {
            foreach (var (name, _, _, _) in tables)
            {
                await database.ExecuteAsync($"VACUUM ANALYZE {name}");
            }
        }
    }

    private static (string Name, string Columns, string Select, string Where) Table(
        Microsoft.EntityFrameworkCore.Metadata.IModel model, Type entity, Dictionary<string, string?> replaced, string where)
    {
        var type = model.FindEntityType(entity)!;
        var columns = type.GetProperties().Select(p => p.GetColumnName()).Where(c => !replaced.TryGetValue(c, out var e) || e is not null).ToList();
        return (type.GetTableName()!,
            string.Join(", ", columns.Select(c => $"\"{c}\"")),
            string.Join(", ", columns.Select(c => replaced.TryGetValue(c, out var e) ? e! : $"t.\"{c}\"")),
            where);
    }
}
