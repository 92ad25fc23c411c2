using System.Diagnostics;
using Cases.Application.Supervision;
using Cases.Domain.Parties;
using Cases.Domain.Staff;
using Cases.Testing;

namespace Cases.Benchmarks.Scenarios;

/// <summary>
/// Scenario 3: the supervisor's dashboard (GetSlaCounts: open tasks by SLA state per procedure and officer) for one
/// city and for the whole province, on the same 1,000,000 tasks as the inbox scenario.
/// </summary>
public static class DashboardScenario
{
    public static async Task<BenchResult> RunAsync(BenchEnvironment environment, TestProvider provider, BenchSettings settings, TextWriter log)
    {
        var size = settings.Size ?? 1_000_000;
        var result = new BenchResult("dashboard", BenchSettings.Label(provider), size);
        var database = await environment.SeededAsync(provider, size, log);
        await using var app = BenchApp.Start(database);
        var samples = settings.Smoke ? 3 : 40;
        var province = new Actor("bench.supervisor", null, new HashSet<string>(StringComparer.Ordinal) { Roles.Supervisor });
        var jinan = new Actor("bench.supervisor.jinan", City.Jinan.Code, new HashSet<string>(StringComparer.Ordinal) { Roles.Supervisor });

        await MeasureAsync(app, database, result, settings, province, jinan, samples, "");
        if (settings.TryIndexes)
        {
            // The index recommended for the dashboard, created by hand on this database (the product's migrations are
            // not touched), measured, and dropped again so that later scenarios run on the product's schema.
            await database.ExecuteAsync(ProposedIndex);
            await database.ExecuteAsync(database.Sql.IsPostgres ? "VACUUM ANALYZE human_tasks" : "ANALYZE human_tasks");
            await MeasureAsync(app, database, result, settings, province, jinan, samples, " [proposed index]");
            await database.ExecuteAsync("DROP INDEX ix_human_tasks_open_sla");
            result.Notes.Add("[proposed index]: " + ProposedIndex);
        }

        result.Notes.Add($"{samples} timed queries each through the Mediator (GetSlaCounts); 'province' is a provincial supervisor, 'city' one of 济南");
        return result;
    }

    /// <summary>Open and claimed tasks only, in the dashboard's grouping order, with the two instants it counts on.</summary>
    public const string ProposedIndex =
        "CREATE INDEX ix_human_tasks_open_sla ON human_tasks (\"CityCode\", \"Procedure\", \"Assignee\", \"DueAt\", \"WarnAt\") WHERE \"Status\" IN ('Open', 'Claimed')";

    private static async Task MeasureAsync(BenchApp app, BenchDatabase database, BenchResult result, BenchSettings settings, Actor province, Actor jinan, int samples, string suffix)
    {
        foreach (var (name, actor, scope) in new[] { ("city (济南)", jinan, (string?)City.Jinan.Code), ("province", province, null) })
        {
            var open = await database.ScalarAsync("SELECT COUNT(*) FROM human_tasks WHERE \"Status\" IN ('Open', 'Claimed')" + (scope is null ? "" : $" AND \"CityCode\" = '{scope}'"));
            var counts = await app.SendAsync(m => m.Send(new GetSlaCounts(null, actor))); // warm-up
            result.Check($"tasks counted, {name}{suffix}", counts.Sum(c => (long)c.OnTime + c.Warning + c.Breached), open);
            result.Checks[$"rows, {name}{suffix}"] = counts.Count;
            var times = new List<double>();
            for (var k = 0; k < samples; k++)
            {
                var t = Stopwatch.GetTimestamp();
                await app.SendAsync(m => m.Send(new GetSlaCounts(null, actor)));
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            Percentiles.AddLatencies(result, $"dashboard, {name}{suffix}", times, scope is null ? "p95 ≤ 100 ms" : null, scope is null ? 100 : null);
            if (settings.Explain)
            {
                await InboxScenario.ExplainAsync(app, database, result, $"dashboard, {name}{suffix}", () => app.SendAsync(m => m.Send(new GetSlaCounts(null, actor))));
            }
        }
    }
}
