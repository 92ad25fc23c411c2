using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cases.Application.Persistence;

/// <summary>
/// Sets SQLite's own busy handler (PRAGMA busy_timeout) on every connection the product opens. Without it, a writer
/// that finds the database locked gets SQLITE_BUSY at once and Microsoft.Data.Sqlite retries after sleeping 150 ms;
/// with it, SQLite waits inside the call in steps of 1 to 100 ms, so a waiting writer goes as soon as the lock is
/// free (docs/performance.md: 10–20% more commands and timer firings with concurrent writers).
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
