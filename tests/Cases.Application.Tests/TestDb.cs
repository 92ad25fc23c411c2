using Cases.Application.Persistence;
using Cases.Testing;
using Cases.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cases.Application.Tests;

/// <summary>A fresh, migrated database on one provider; <see cref="Open"/> gives a new context each call, as a new request would.</summary>
public sealed class TestDb
{
    private TestDb(TestProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public TestProvider Provider { get; }

    public string ConnectionString { get; }

    public static TheoryData<TestProvider> Providers => [TestProvider.Sqlite, TestProvider.Postgres];

    public static async Task<TestDb> CreateAsync(TestProvider provider, bool migrate = true)
    {
        var db = new TestDb(provider, await TestDatabases.CreateAsync(provider));
        if (migrate)
        {
            await using var context = db.Open();
            await context.Database.MigrateAsync();
        }

        return db;
    }

    public CasesDb Open() => PersistenceSetup.Open(Provider == TestProvider.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, ConnectionString);
}
