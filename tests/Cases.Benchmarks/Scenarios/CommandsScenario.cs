using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Application.Persistence;
using Cases.Domain.Parties;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Workflows.Instances;
using Cases.Workflows.Records;
using Cases.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1: durable commands per second through the application layer (the Mediator commands the API calls):
/// start a transfer-approval case, claim its review task, complete it (the case ends), with 1, 8 and 32 concurrent
/// clients; and on the same database with the same settings, the raw rate of one-row INSERT transactions.
/// </summary>
public static class CommandsScenario
{
    public const string Procedure = "transfer-approval";

    private static readonly int[] Levels = [1, 8, 32];

    public static async Task<BenchResult> RunAsync(BenchEnvironment environment, TestProvider provider, BenchSettings settings, TextWriter log)
    {
        var casesPerLevel = settings.Size ?? 1000;
        var result = new BenchResult("commands", BenchSettings.Label(provider), casesPerLevel);
        var database = await environment.CreateDatabaseAsync(provider);
        await using var app = BenchApp.Start(database);
        InjuryCases.Value = await RegisterInjuryCasesAsync(app);

        // JIT, connection pools, the definition and calendar caches: not part of any level's figure.
        await RunLevelAsync(app, clients: 2, cases: settings.Smoke ? 2 : 20, offset: 1_000_000);

        // Round trips per command: what each command sends to the database (statements, not rows).
        var statements = await StatementsPerCommandAsync(app, 2_000_000);
        foreach (var (command, sent) in statements)
        {
            result.Add($"SQL statements, {command}", sent.Count, "stmts");
            if (settings.Explain)
            {
                result.Notes.Add($"SQL of {command}:\n" + string.Join("\n", sent.Select(c => "  " + c.Text.ReplaceLineEndings(" "))));
            }
        }

        var started = 0L;
        var offset = 0;
        foreach (var clients in Levels)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var level = await RunLevelAsync(app, clients, casesPerLevel, offset);
            var appCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / Math.Max(1, level.Cases * 3);
            offset += casesPerLevel;
            started += level.Cases;
            var perSecond = level.Cases * 3 / level.Elapsed.TotalSeconds;
            result.Add($"commands/s, {clients} clients", perSecond, "cmd/s", clients == 8 ? "≥ 1,000" : null, clients == 8 ? perSecond >= 1000 : null);
            // Load-independent: the app's CPU (this process hosts it) per command; the database's own CPU is not in it on PostgreSQL.
            result.Add($"  app CPU per command, {clients} clients", appCpu, "ms");
            Percentiles.AddLatencies(result, $"  start case, {clients} clients", level.Latencies["start"]);
            Percentiles.AddLatencies(result, $"  claim task, {clients} clients", level.Latencies["claim"]);
            Percentiles.AddLatencies(result, $"  complete task, {clients} clients", level.Latencies["complete"]);
            result.Check($"errors at {clients} clients", level.Errors.Count, 0);
            foreach (var error in level.Errors.Take(3))
            {
                result.Notes.Add($"{clients} clients: {error}");
            }

            var raw = await RawInsertRateAsync(database, clients, settings.Smoke ? TimeSpan.FromSeconds(0.3) : TimeSpan.FromSeconds(8));
            result.Add($"raw 1-row INSERT commits/s, {clients} clients", raw, "tx/s");
            if (!database.Sql.IsPostgres && clients > 1)
            {
                // Microsoft.Data.Sqlite retries a busy statement after sleeping 150 ms; SQLite's own busy handler waits
                // in steps of 1 to 100 ms. The same inserts with the latter show what the former costs.
                var waiting = await RawInsertRateAsync(database, clients, settings.Smoke ? TimeSpan.FromSeconds(0.3) : TimeSpan.FromSeconds(8), "PRAGMA busy_timeout = 30000");
                result.Add($"  same with PRAGMA busy_timeout, {clients} clients", waiting, "tx/s");
            }

            var ratio = perSecond / raw * 100;
            result.Add($"ratio commands/raw, {clients} clients", ratio, "%", clients == 8 ? "≥ 30%" : null, clients == 8 ? ratio >= 30 : null);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {clients} clients: {perSecond:0} commands/s, raw {raw:0} commits/s"));
        }

        // Every case the measured levels started has run to its end, once, and left no open task behind.
        var ended = await database.ScalarAsync($"SELECT COUNT(*) FROM workflow_instances WHERE \"EndOutcome\" IS NOT NULL AND \"DefinitionKey\" = '{Procedure}'");
        var warmup = (settings.Smoke ? 2 : 20) + 1;
        result.Check("cases ended", ended, started + warmup);
        result.Check("open tasks left", await database.ScalarAsync("SELECT COUNT(*) FROM human_tasks WHERE \"Status\" IN ('Open', 'Claimed')"), 0);
        result.Check("completed tasks", await database.ScalarAsync("SELECT COUNT(*) FROM human_tasks WHERE \"Status\" = 'Completed'"), started + warmup);
        result.Notes.Add($"each case = 3 durable commands (StartCase, ClaimTask, CompleteTask) through the Mediator, each in its own DI scope as an HTTP request has; {casesPerLevel} cases per level");
        result.Notes.Add("raw = one-row INSERT, autocommit, same connection string (SQLite: WAL, default synchronous; PostgreSQL: fsync " + (environment.Fsync ? "on" : "off") + ")");

        return result;
    }

    private static async Task<List<(string Command, IReadOnlyList<CapturedCommand> Sent)>> StatementsPerCommandAsync(BenchApp app, int n)
    {
        var officer = new Actor("bench.officer.sql", City.Jinan.Code, new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });
        StartedCase? started = null;
        var start = await SqlCapture.DuringAsync(async () => started = await app.SendAsync(m => m.Send(new StartCase(Procedure, officer.CityCode, StartData(officer.CityCode!), officer))));
        var taskId = await app.WithScopeAsync(sp => sp.GetRequiredService<CasesDb>().Tasks.AsNoTracking()
            .Where(x => x.InstanceId == started!.InstanceId && x.Status == HumanTaskStatus.Open).Select(x => x.Id).SingleAsync());
        var claim = await SqlCapture.DuringAsync(() => app.SendAsync(m => m.Send(new ClaimTask(taskId, officer))));
        var complete = await SqlCapture.DuringAsync(() => app.SendAsync(m => m.Send(new CompleteTask(taskId, "rejected", new JsonObject { ["reviewNote"] = "基准测试：不予备案" }, officer))));
        return [("start case", start), ("claim task", claim), ("complete task", complete)];
    }

    // The injury case of each city every measured case there is a transfer filing of (a case starts from a registered
    // injury case of its own city): one set per run, flowing with the run's own calls, since runs on two databases may
    // share this process.
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string>> InjuryCases = new();

    private static async Task<IReadOnlyDictionary<string, string>> RegisterInjuryCasesAsync(BenchApp app)
    {
        var injuries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var city in City.All)
        {
            var officer = new Actor("bench.officer.setup", city.Code, new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });
            var codeBody = "91" + city.Code + "BENCH0001";
            var code = codeBody + Cases.Domain.Parties.CreditCode.ComputeCheckCharacter(codeBody);
            var idBody = city.Code[..4] + "02" + "19850312" + "999";
            var idNumber = idBody + Cases.Domain.Parties.IdNumber.ComputeCheckDigit(idBody);
            await app.SendAsync(m => m.Send(new Cases.Application.Parties.RegisterEmployer(code, "基准测试建材有限公司", 4, city.Code, null, officer)));
            await app.SendAsync(m => m.Send(new Cases.Application.Parties.RegisterWorker(idNumber, "基准职工", null, code, officer)));
            var injury = await app.SendAsync(m => m.Send(new Cases.Application.Injuries.RegisterInjuryCase(
                city.Code, idNumber, code, new DateOnly(2025, 8, 1), new DateOnly(2025, 9, 1), $"基准人社工认字〔2025〕第{city.Code}号", null, officer)));
            injuries[city.Code] = injury.Id.ToString();
        }

        return injuries;
    }

    private static JsonObject StartData(string city) => new()
    {
        ["injuryCaseId"] = InjuryCases.Value![city],
        ["appliedOn"] = "2025-10-17",
        ["referral"] = new JsonObject
        {
            ["hospital"] = "济南市第四人民医院",
            ["issuedOn"] = "2025-10-16",
            ["destinationHospital"] = "北京积水潭医院",
            ["destinationCityCode"] = "outside-shandong", ["destinationProvince"] = "北京市", ["destinationCity"] = "北京市",
            ["reason"] = "需行二期骨科手术",
        },
    };

    private sealed record Level(int Cases, TimeSpan Elapsed, Dictionary<string, ConcurrentBag<double>> Latencies, ConcurrentBag<string> Errors);

    private static async Task<Level> RunLevelAsync(BenchApp app, int clients, int cases, int offset)
    {
        var latencies = new Dictionary<string, ConcurrentBag<double>>(StringComparer.Ordinal) { ["start"] = [], ["claim"] = [], ["complete"] = [] };
        var errors = new ConcurrentBag<string>();
        var next = -1;
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var city = City.All[client % City.All.Count];
            var officer = new Actor($"bench.officer{client.ToString("000", CultureInfo.InvariantCulture)}", city.Code, new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });
            while (Interlocked.Increment(ref next) < cases)
            {
                try
                {
                    await OneCaseAsync(app, officer, offset + next, latencies);
                    Interlocked.Increment(ref done);
                }
#pragma warning disable CA1031 // Every failure is counted and named in the result; the run goes on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    errors.Add($"{e.GetType().Name}: {e.Message}");
                }
            }
        })));
        watch.Stop();
        return new Level(done, watch.Elapsed, latencies, errors);
    }

    private static async Task OneCaseAsync(BenchApp app, Actor officer, int n, Dictionary<string, ConcurrentBag<double>> latencies)
    {
        var data = StartData(officer.CityCode!);
        var t = Stopwatch.GetTimestamp();
        var started = await app.SendAsync(m => m.Send(new StartCase(Procedure, officer.CityCode, data, officer)));
        latencies["start"].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);

        // What the officer's inbox shows them: the case's open task (not a command, not timed).
        var taskId = await app.WithScopeAsync(sp => sp.GetRequiredService<CasesDb>().Tasks.AsNoTracking()
            .Where(x => x.InstanceId == started.InstanceId && x.Status == HumanTaskStatus.Open).Select(x => x.Id).SingleAsync());

        t = Stopwatch.GetTimestamp();
        await app.SendAsync(m => m.Send(new ClaimTask(taskId, officer)));
        latencies["claim"].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);

        t = Stopwatch.GetTimestamp();
        var state = await app.SendAsync(m => m.Send(new CompleteTask(taskId, "rejected", new JsonObject { ["reviewNote"] = "基准测试：不予备案" }, officer)));
        latencies["complete"].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        if (state.Status != InstanceStatus.Completed)
        {
            throw new InvalidOperationException($"case {started.CaseId} is {state.State}, not ended, after its task was completed");
        }
    }

    /// <summary>One-row INSERT transactions per second with <paramref name="clients"/> connections for <paramref name="duration"/>.</summary>
    public static async Task<double> RawInsertRateAsync(BenchDatabase database, int clients, TimeSpan duration, string? onOpen = null)
    {
        await database.ExecuteAsync(database.Sql.IsPostgres
            ? "CREATE TABLE IF NOT EXISTS bench_raw_commits (id bigserial PRIMARY KEY, client int NOT NULL, at bigint NOT NULL, payload varchar(200) NOT NULL)"
            : "CREATE TABLE IF NOT EXISTS bench_raw_commits (id INTEGER PRIMARY KEY AUTOINCREMENT, client INTEGER NOT NULL, at INTEGER NOT NULL, payload TEXT NOT NULL)");
        var total = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            await using var connection = await database.OpenAsync(pooled: onOpen is null);
            if (onOpen is not null)
            {
                await using var setting = connection.CreateCommand();
                setting.CommandText = onOpen;
                await setting.ExecuteNonQueryAsync();
            }

            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO bench_raw_commits (client, at, payload) VALUES (@client, @at, @payload)";
            var c = command.CreateParameter();
            c.ParameterName = "@client";
            c.Value = client;
            var at = command.CreateParameter();
            at.ParameterName = "@at";
            var payload = command.CreateParameter();
            payload.ParameterName = "@payload";
            payload.Value = "基准测试：一行一事务";
            command.Parameters.Add(c);
            command.Parameters.Add(at);
            command.Parameters.Add(payload);
            while (watch.Elapsed < duration)
            {
                at.Value = Stopwatch.GetTimestamp();
                await command.ExecuteNonQueryAsync();
                Interlocked.Increment(ref total);
            }
        })));
        return total / watch.Elapsed.TotalSeconds;
    }
}
