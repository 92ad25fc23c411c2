using Cases.Testing;
using Cases.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cases.Workflows.Tests;

/// <summary>
/// A fresh database on one provider holding the runtime's tables alone (<see cref="WorkflowDb"/>, created from the
/// runtime's model); <see cref="Open"/> gives a new context each call, as a new request would.
/// </summary>
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

    public static async Task<TestDb> CreateAsync(TestProvider provider)
    {
        var db = new TestDb(provider, await TestDatabases.CreateAsync(provider));
        await using var context = db.Open();
        await context.Database.EnsureCreatedAsync();
        return db;
    }

    public IWorkflowDb Open() => new WorkflowDb(Configure(new DbContextOptionsBuilder<WorkflowDb>(), Provider, ConnectionString).Options);

    /// <summary>The provider's options, as a node of the runtime's tests configures its context.</summary>
    public static DbContextOptionsBuilder<WorkflowDb> Configure(DbContextOptionsBuilder<WorkflowDb> options, TestProvider provider, string connectionString) =>
        provider == TestProvider.Postgres ? options.UseNpgsql(connectionString) : options.UseSqlite(connectionString);
}
