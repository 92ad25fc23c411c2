using Cases.Workflows.Persistence;

namespace Cases.Application.Persistence;

/// <summary>SQLite, the embedded default. Its migrations live in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteCasesDb(DbContextOptions<SqliteCasesDb> options) : CasesDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        WorkflowModel.UseSqliteInstants(configurationBuilder);
    }
}

/// <summary>PostgreSQL, for scaled-out deployments. Migrations in Persistence/Migrations/Postgres.</summary>
public sealed class PostgresCasesDb(DbContextOptions<PostgresCasesDb> options) : CasesDb(options);

/// <summary>SQL Server. Migrations in Persistence/Migrations/SqlServer; no server runs in CI, the script is checked instead.</summary>
public sealed class SqlServerCasesDb(DbContextOptions<SqlServerCasesDb> options) : CasesDb(options);
