using System.Diagnostics;
using System.Globalization;
using Cases.Domain.Parties;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;

namespace Cases.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2: the inbox queries (the ListTasks query the API and pages call) at 1,000,000 tasks: "my tasks", "claimable
/// in my role and city, by due date, first page" and "page 50" of the latter (keyset paging).
/// </summary>
public static class InboxScenario
{
    public static async Task<BenchResult> RunAsync(BenchEnvironment environment, TestProvider provider, BenchSettings settings, TextWriter log)
    {
        var size = settings.Size ?? 1_000_000;
        var result = new BenchResult("inbox", BenchSettings.Label(provider), size);
        var database = await environment.SeededAsync(provider, size, log);
        result.Add("bulk seed of the tasks", database.SeedTime?.TotalSeconds ?? 0, "s");
        await using var app = BenchApp.Start(database);
        var samples = settings.Smoke ? 16 : 400;

        // Warm-up: JIT and the database's caches, as on a server that has been up for a while.
        for (var k = 0; k < Math.Min(samples, 50); k++)
        {
            await MineAsync(app, Officer(k * 37 % TaskSeeder.Officers));
            await AvailableAsync(app, CityOfficer(k % 16), null);
        }

        var cpu = Environment.CpuUsage.TotalTime;
        var mine = new List<double>();
        var firstPage = new List<double>();
        int mineRight = 0, firstRight = 0, sortedRight = 0, inOrderRight = 0;
        for (var k = 0; k < samples; k++)
        {
            var officer = Officer(k * 37 % TaskSeeder.Officers);
            var t = Stopwatch.GetTimestamp();
            var page = await MineAsync(app, officer);
            mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (k < 16)
            {
                var claimed = await database.ScalarAsync($"SELECT COUNT(*) FROM human_tasks WHERE \"Assignee\" = '{officer.UserName}' AND \"Status\" = 'Claimed'");
                mineRight += page.Items.Count == Math.Min(50, claimed) && page.Items.All(x => x.Assignee == officer.UserName) ? 1 : 0;
            }

            var cityOfficer = CityOfficer(k % 16);
            t = Stopwatch.GetTimestamp();
            page = await AvailableAsync(app, cityOfficer, null);
            firstPage.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (k < 16)
            {
                var open = await database.ScalarAsync($"SELECT COUNT(*) FROM human_tasks WHERE \"CityCode\" = '{cityOfficer.CityCode}' AND \"Role\" = 'officer' AND \"Status\" = 'Open'");
                firstRight += page.Items.Count == Math.Min(50, open) && page.Items.All(x => x.City == cityOfficer.CityCode) ? 1 : 0;
                sortedRight += Sorted(page.Items) ? 1 : 0;
            }
        }

        // Load-independent: this process's CPU (app and, on SQLite, the database engine) per query.
        result.Add("CPU per query (my tasks + first page)", (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / (2.0 * samples), "ms");

        // Page 50 of each city: walk there once (not timed), then time that page's query again and again.
        var cursors = new List<(Actor Officer, string? After, int Page)>();
        for (var c = 0; c < 16; c++)
        {
            var officer = CityOfficer(c);
            string? after = null;
            var pageNo = 1;
            TaskView? lastSeen = null;
            var inOrder = true;
            for (; pageNo < 50; pageNo++)
            {
                var page = await AvailableAsync(app, officer, after);
                inOrder &= Sorted(page.Items) && (lastSeen is null || page.Items.Count == 0 || Before(lastSeen, page.Items[0]));
                lastSeen = page.Items.Count > 0 ? page.Items[^1] : lastSeen;
                if (page.Next is null)
                {
                    break;
                }

                after = page.Next;
            }

            inOrderRight += inOrder ? 1 : 0;
            cursors.Add((officer, after, pageNo));
        }

        result.Check("'my tasks' pages with every claimed task of the officer (of 16)", mineRight, Math.Min(16, samples));
        result.Check("first pages with every open task of the city up to 50 (of 16)", firstRight, Math.Min(16, samples));
        result.Check("first pages sorted by due instant (of 16)", sortedRight, Math.Min(16, samples));
        result.Check("cities paged to 50 in order without overlap (of 16)", inOrderRight, 16);
        var deepest = cursors.Min(x => x.Page);
        if (deepest < 50)
        {
            result.Notes.Add($"at this size a city has fewer than 50 pages: the deep page measured is page {deepest.ToString(CultureInfo.InvariantCulture)} or beyond");
        }

        var page50 = new List<double>();
        for (var k = 0; k < samples; k++)
        {
            var (officer, after, _) = cursors[k % cursors.Count];
            var t = Stopwatch.GetTimestamp();
            await AvailableAsync(app, officer, after);
            page50.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        Percentiles.AddLatencies(result, "my tasks", mine, "p95 ≤ 10 ms", 10);
        Percentiles.AddLatencies(result, "claimable, first page", firstPage, "p95 ≤ 10 ms", 10);
        Percentiles.AddLatencies(result, "claimable, page 50", page50, "p95 ≤ 10 ms", 10);
        result.Notes.Add($"{samples} timed queries of each kind through the Mediator (ListTasks, 50 a page), each in its own DI scope; officers and cities rotate");

        if (settings.Explain)
        {
            await ExplainAsync(app, database, result, "my tasks", () => MineAsync(app, Officer(0)));
            await ExplainAsync(app, database, result, "claimable, first page", () => AvailableAsync(app, CityOfficer(0), null));
            await ExplainAsync(app, database, result, "claimable, page 50", () => AvailableAsync(app, cursors[0].Officer, cursors[0].After));
        }

        return result;
    }

    public static async Task ExplainAsync<T>(BenchApp app, BenchDatabase database, BenchResult result, string name, Func<Task<T>> query)
    {
        _ = app;
        var commands = await SqlCapture.DuringAsync(async () => await query());
        foreach (var command in commands)
        {
            result.Notes.Add($"plan of '{name}':\n{command.Text}\n--\n{await command.ExplainAsync(database)}");
        }
    }

    internal static Actor Officer(int j) =>
        new(TaskSeeder.OfficerName(j), City.All[j % 16].Code, new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });

    internal static Actor CityOfficer(int c) => Officer(c);

    private static Task<TaskPage> MineAsync(BenchApp app, Actor officer) =>
        app.SendAsync(m => m.Send(new ListTasks("mine", null, null, null, null, null, 50, officer)));

    private static Task<TaskPage> AvailableAsync(BenchApp app, Actor officer, string? after) =>
        app.SendAsync(m => m.Send(new ListTasks("available", null, null, null, null, after, 50, officer)));

    private static bool Sorted(IReadOnlyList<TaskView> items) => items.Zip(items.Skip(1)).All(p => Before(p.First, p.Second));

    private static bool Before(TaskView a, TaskView b) => a.DueAt < b.DueAt || (a.DueAt == b.DueAt && a.Id.CompareTo(b.Id) < 0);
}
