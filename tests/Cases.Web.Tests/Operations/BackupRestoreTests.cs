using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cases.Application.Persistence;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Cases.Web.Tests.Operations;

/// <summary>
/// The procedure of docs/operations/backup-restore.md, since a case's records are kept and must be traceable (规程 第一百二十条): a backup taken while the app serves writes (SQLite's
/// online backup through the app's own <c>backup --to</c> command; PostgreSQL's <c>pg_dump -Fc</c>), restored into a fresh
/// file or database, opens in the app with every case's journal verifying and every table holding what the source held
/// at some instant during the backup; a backup taken at rest restores to exactly the source's row counts.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private const int Cases = 20;

    // No job server: a timer fired in the background would change the source between the backup and the count.
    private static readonly Dictionary<string, string> Settings = new() { ["Hangfire:Server"] = "false" };

    [Fact]
    public Task A_sqlite_online_backup_taken_while_writing_restores_with_every_journal_verifying() => ExerciseAsync(TestProvider.Sqlite);

    [Fact]
    public Task A_postgres_dump_taken_while_writing_restores_into_a_fresh_database_with_every_journal_verifying() => ExerciseAsync(TestProvider.Postgres);

    private async Task ExerciseAsync(TestProvider provider)
    {
        await using var source = await CasesAppFactory.CreateAsync(provider, settings: Settings);
        var connection = await InDbAsync(source, db => Task.FromResult(db.Database.GetConnectionString()!));
        using var officer = await source.LoginAsync("officer.jinan");
        for (var i = 0; i < Cases; i++)
        {
            var id = await StartAsync(officer);
            if (i % 2 == 0)
            {
                await FileAsync(officer, id);
            }
        }

        // Two clients keep opening and filing cases while the backup runs.
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await FileAsync(officer, await StartAsync(officer));
                Interlocked.Increment(ref writes);
            }
        })).ToList();
        while (Volatile.Read(ref writes) < 2)
        {
            await Task.Delay(50);
        }

        var before = await InDbAsync(source, RowCounts.OfAsync);
        var live = await BackupAsync(provider, connection, "live");
        var writesDuring = Volatile.Read(ref writes);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        var after = await InDbAsync(source, RowCounts.OfAsync);
        Assert.True(after["cases"] > before["cases"], "no case was written while the backup ran");

        var (liveCases, liveEntries) = await RestoreAndVerifyAsync(provider, live, restored =>
        {
            var outside = before.Where(t => restored[t.Key] < t.Value || restored[t.Key] > after[t.Key])
                .Select(t => $"{t.Key}: {restored[t.Key]} not within {t.Value}..{after[t.Key]}").ToList();
            Assert.True(outside.Count == 0, "The restored tables are not a state the source passed through:\n" + string.Join("\n", outside));
        });

        // At rest, the copy holds exactly what the source holds.
        var quiet = await BackupAsync(provider, connection, "quiet");
        var counts = await InDbAsync(source, RowCounts.OfAsync);
        var (quietCases, quietEntries) = await RestoreAndVerifyAsync(provider, quiet, restored =>
        {
            var differ = counts.Where(t => restored[t.Key] != t.Value).Select(t => $"{t.Key}: {restored[t.Key]} instead of {t.Value}").ToList();
            Assert.True(differ.Count == 0, "The restored row counts differ:\n" + string.Join("\n", differ));
        });
        Assert.Equal(counts["cases"], quietCases);

        output.WriteLine($"{provider}: {Cases} cases before, {writesDuring} cases opened and filed while writing ({after["cases"] - before["cases"]} during the backup window); "
            + $"live backup restored {liveCases} cases, {liveEntries} journal entries, all verified; quiet backup restored {quietCases} cases, {quietEntries} journal entries, "
            + $"{counts.Count} tables with equal row counts ({counts.Values.Sum()} rows).");
    }

    /// <summary>Starts the app on a fresh copy of the backup, checks its row counts, and verifies every case's journal through the API.</summary>
    private static async Task<(int Cases, int Entries)> RestoreAndVerifyAsync(TestProvider provider, string backup, Action<IReadOnlyDictionary<string, long>> checkCounts)
    {
        var restoredConnection = await RestoreAsync(provider, backup);
        await using var restored = new CasesAppFactory(provider, restoredConnection, settings: Settings);
        _ = restored.Server;
        checkCounts(await InDbAsync(restored, RowCounts.OfAsync));
        var ids = await InDbAsync(restored, db => db.Cases.Select(c => c.Id).ToListAsync());
        using var supervisor = await restored.LoginAsync("supervisor.province");
        var entries = 0;
        foreach (var id in ids)
        {
            var verified = await supervisor.GetFromJsonAsync<JsonElement>(new Uri($"/api/cases/{id}/journal/verify", UriKind.Relative));
            Assert.True(verified.GetProperty("status").GetString() == "ok", $"case {id}: {verified}");
            entries += verified.GetProperty("entries").GetInt32();
        }

        return (ids.Count, entries);
    }

    /// <summary>The backup as docs/operations/backup-restore.md takes it; returns the backup file.</summary>
    private static async Task<string> BackupAsync(TestProvider provider, string connection, string name)
    {
        if (provider == TestProvider.Postgres)
        {
            var server = await SharedPostgres.GetAsync();
            var file = Path.Combine(server.Folder, $"{new NpgsqlConnectionStringBuilder(connection).Database}-{name}.dump");
            await server.ToolAsync("pg_dump", "-Fc", "-d", new NpgsqlConnectionStringBuilder(connection).Database!, "-f", file);
            return file;
        }

        // The operator's command, run as its own process beside the running app: dotnet Cases.Web.dll backup --to <file>.
        var target = Path.Combine(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource)!, $"{Guid.NewGuid():N}-{name}.backup.db");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Cases.Web.dll"), "backup", "--to", target])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__Cases"] = connection,
            },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"backup exited {process.ExitCode}: {await stdout}{await stderr}");
        Assert.Contains("integrity ok", await stdout, StringComparison.Ordinal);
        return target;
    }

    /// <summary>Restores into a fresh file or database and returns its connection string.</summary>
    private static async Task<string> RestoreAsync(TestProvider provider, string backup)
    {
        if (provider == TestProvider.Postgres)
        {
            var server = await SharedPostgres.GetAsync();
            var fresh = await server.CreateDatabaseAsync();
            await server.ToolAsync("pg_restore", "--no-owner", "--exit-on-error", "-d", new NpgsqlConnectionStringBuilder(fresh).Database!, backup);
            return fresh;
        }

        var copy = Path.Combine(Path.GetDirectoryName(backup)!, $"{Guid.NewGuid():N}.restored.db");
        File.Copy(backup, copy);
        return $"Data Source={copy}";
    }

    private static async Task<T> InDbAsync<T>(CasesAppFactory app, Func<CasesDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CasesDb>());
    }

    private static async Task<Guid> StartAsync(HttpClient officer)
    {
        using var response = await officer.PostAsJsonAsync(new Uri("/api/cases", UriKind.Relative), new { procedure = "demo-filing", city = "370100", data = new { contractEndsOn = "2026-06-30" } });
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
    }

    private static async Task FileAsync(HttpClient officer, Guid id)
    {
        using var response = await officer.PostAsJsonAsync(new Uri($"/api/cases/{id}/events/filed", UriKind.Relative), new { filedOn = "2025-10-20", newContractEndsOn = "2026-09-30" });
        await response.JsonAsync(HttpStatusCode.OK);
    }
}
