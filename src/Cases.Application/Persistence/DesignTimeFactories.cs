using Microsoft.EntityFrameworkCore.Design;

namespace Cases.Application.Persistence;

// Used by `dotnet ef migrations add --context <X>CasesDb`; the connection strings are placeholders, never opened.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteCasesDb>
{
    public SqliteCasesDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteCasesDb>();
        PersistenceSetup.ConfigureSqlite(o, "Data Source=design.db");
        return new SqliteCasesDb(o.Options);
    }
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresCasesDb>
{
    public PostgresCasesDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresCasesDb>();
        PersistenceSetup.ConfigurePostgres(o, "Host=localhost;Database=cases_design");
        return new PostgresCasesDb(o.Options);
    }
}

internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerCasesDb>
{
    public SqlServerCasesDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqlServerCasesDb>();
        PersistenceSetup.ConfigureSqlServer(o, "Server=localhost;Database=cases_design;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerCasesDb(o.Options);
    }
}
