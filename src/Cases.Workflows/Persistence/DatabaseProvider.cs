namespace Cases.Workflows.Persistence;

/// <summary>The database engines the product runs on (configuration key <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app starts. Operators who run migrations by hand set this to false.</summary>
    public bool ApplyMigrationsAtStartup { get; set; } = true;
}
