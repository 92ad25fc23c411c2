using Cases.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cases.Web.Tests.Support;

/// <summary>Row counts of a database: what "nothing changed" and "nothing lost" are checked against.</summary>
public static class RowCounts
{
    /// <summary>The number of rows of every table of the model (Identity's included), in one query.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> OfAsync(CasesDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && t.GetViewName() is null && !t.IsOwned())
            .Select(t => (Name: t.GetTableName()!, Schema: t.GetSchema())).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT " + string.Join(", ", tables.Select(t => $"(SELECT COUNT(*) FROM {sql.DelimitIdentifier(t.Name, t.Schema)})"));
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return tables.Select((t, i) => (t.Name, Count: reader.GetInt64(i))).ToDictionary(x => x.Name, x => x.Count, StringComparer.Ordinal);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
