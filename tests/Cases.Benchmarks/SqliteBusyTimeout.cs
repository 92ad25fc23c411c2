using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cases.Benchmarks;

/// <summary>
/// An experiment, not the product: sets SQLite's own busy handler (PRAGMA busy_timeout) on every connection the
/// product opens. Without it, a writer that finds the database locked gets SQLITE_BUSY at once and
/// Microsoft.Data.Sqlite retries after sleeping 150 ms; with it, SQLite waits inside the call in steps of 1 to
/// 100 ms. <c>--sqlite-busy-timeout</c> runs a scenario with it so the gain can be measured before the product takes it.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
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
