using Cases.Application.Persistence;
using Cases.Workflows.Persistence;
using Microsoft.Data.Sqlite;

namespace Cases.Web.Infrastructure;

/// <summary>
/// <c>backup --to &lt;file&gt;</c>: an online backup of the SQLite database while the app keeps running (docs/operations/backup-restore.md).
/// SQLite's backup API copies one consistent snapshot (in WAL mode writers go on meanwhile) into a temporary file beside
/// the target, checks it, and only then renames it into place, so a failed backup never leaves a half file under the
/// name an operator would restore from. PostgreSQL is backed up with pg_dump instead.
/// </summary>
public static class BackupCommand
{
    public static bool Matches(string[] args) => args is ["backup", ..];

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var to = args.SkipWhile(a => a != "--to").Skip(1).FirstOrDefault();
        if (string.IsNullOrWhiteSpace(to))
        {
            await output.WriteLineAsync("usage: Cases.Web backup --to <file>   (the file must not exist yet)");
            return 2;
        }

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            await output.WriteLineAsync($"Database:Provider is {options.Provider}: back it up with the database's own tools (pg_dump -Fc), see docs/operations/backup-restore.md.");
            return 2;
        }

        var target = Path.GetFullPath(to);
        if (File.Exists(target))
        {
            await output.WriteLineAsync($"{target} exists already; choose a new file (a backup never overwrites one).");
            return 1;
        }

        var source = new SqliteConnectionStringBuilder(PersistenceSetup.PrepareSqlite(configuration.GetConnectionString("Cases") ?? PersistenceSetup.DefaultSqliteConnection))
        {
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        if (!File.Exists(source.DataSource))
        {
            await output.WriteLineAsync($"There is no database at {Path.GetFullPath(source.DataSource)}.");
            return 1;
        }

        var partial = target + ".partial";
        await using (var from = new SqliteConnection(source.ToString()))
        await using (var into = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await from.OpenAsync();
            await into.OpenAsync();
            from.BackupDatabase(into);
            await using var check = into.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var verdict = (string?)await check.ExecuteScalarAsync();
            if (verdict != "ok")
            {
                into.Close();
                File.Delete(partial);
                await output.WriteLineAsync($"The copy failed its integrity check ({verdict}); nothing was written.");
                return 1;
            }
        }

        File.Move(partial, target);
        await output.WriteLineAsync($"Backed up {Path.GetFullPath(source.DataSource)} to {target} ({new FileInfo(target).Length} bytes, integrity ok).");
        return 0;
    }
}
