using Cases.Application.Persistence;
using Cases.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cases.Application.Tests.Persistence;

public class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Migrations_create_every_table_on_an_empty_database(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        await using var db = test.Open();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        // Every entity of the model answers a query: its table and columns exist as the model expects.
        Assert.Equal(0, await db.Employers.CountAsync());
        Assert.Equal(0, await db.Workers.CountAsync());
        Assert.Equal(0, await db.ConstructionProjects.CountAsync());
        Assert.Equal(0, await db.InjuryCases.CountAsync());
        Assert.Equal(0, await db.Dependants.CountAsync());
        Assert.Equal(0, await db.CalendarDays.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0L, await db.CalendarRevisions.Select(r => r.Revision).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Migrating_twice_changes_nothing(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        await using var db = test.Open();
        var before = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        Assert.Equal(before, await db.Database.GetAppliedMigrationsAsync());
    }

    public static TheoryData<string> AllProviders => ["Sqlite", "Postgres", "SqlServer"];

    [Theory]
    [MemberData(nameof(AllProviders))]
    public void Each_provider_has_migrations_that_match_the_model(string provider)
    {
        using var db = DesignContext(provider);
        Assert.NotEmpty(db.Database.GetMigrations());
        // A model change without a migration for this provider would fail here.
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model has changes that no migration covers. Run dotnet ef migrations add for {provider}CasesDb.");
    }

    [Fact]
    public void SqlServer_migration_script_generates_without_a_server_and_creates_every_table()
    {
        // No SQL Server runs here: the idempotent script is generated and checked instead (see README).
        using var db = DesignContext("SqlServer");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).Distinct())
        {
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        }

        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("[ux_employers_credit_code]", script, StringComparison.Ordinal);
        Assert.Contains("date NOT NULL", script, StringComparison.Ordinal);
    }

    private static CasesDb DesignContext(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignFactory().CreateDbContext([]),
        "Postgres" => new PostgresDesignFactory().CreateDbContext([]),
        "SqlServer" => new SqlServerDesignFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
