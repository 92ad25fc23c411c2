namespace Cases.Workflows.Persistence;

/// <summary>
/// The runtime's tables alone, for a host that keeps no tables of its own beside them: the dry run's throwaway database
/// (created for one run on an in-memory SQLite connection) and the runtime's own tests. The product's host uses its own
/// context, which implements <see cref="IWorkflowDb"/> beside the agency's tables. Its tables are the interface's: use it as one.
/// </summary>
public sealed class WorkflowDb(DbContextOptions<WorkflowDb> options) : DbContext(options), IWorkflowDb
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => WorkflowModel.Configure(modelBuilder);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        WorkflowModel.ConfigureConventions(configurationBuilder);
        if (Database.IsSqlite())
        {
            WorkflowModel.UseSqliteInstants(configurationBuilder);
        }
    }
}
