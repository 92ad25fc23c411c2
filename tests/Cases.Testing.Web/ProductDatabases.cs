using Cases.Application.Persistence;
using Cases.Workflows.Persistence;

namespace Cases.Testing;

/// <summary>The product's database as the tests that run the app open it beside the app.</summary>
public static class ProductDatabases
{
    /// <summary>A new context on the database, configured as the app configures it (a new one per call, as per request).</summary>
    public static CasesDb Open(TestProvider provider, string connectionString) =>
        PersistenceSetup.Open(provider == TestProvider.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connectionString);
}
