using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cases.Workflows.Persistence;

/// <summary>SQLite, the embedded default. Its migrations live in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteCasesDb(DbContextOptions<SqliteCasesDb> options) : CasesDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date-time-with-offset type: as text it cannot be compared or sorted in SQL. Stored as UTC
        // ticks, instants keep their order whatever offset a caller used, and queries can filter on due instants.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>An instant as its UTC ticks; read back as UTC.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>PostgreSQL, for scaled-out deployments. Migrations in Persistence/Migrations/Postgres.</summary>
public sealed class PostgresCasesDb(DbContextOptions<PostgresCasesDb> options) : CasesDb(options);

/// <summary>SQL Server. Migrations in Persistence/Migrations/SqlServer; no server runs in CI, the script is checked instead.</summary>
public sealed class SqlServerCasesDb(DbContextOptions<SqlServerCasesDb> options) : CasesDb(options);
