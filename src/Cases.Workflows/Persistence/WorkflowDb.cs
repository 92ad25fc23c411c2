namespace Cases.Workflows.Persistence;

/// <summary>
/// The runtime's tables alone, for a host that keeps no tables of its own beside them: the dry run's throwaway database
/// (created for one run on an in-memory SQLite connection) and the runtime's own tests. The product's host uses its own
/// context, which implements <see cref="IWorkflowDb"/> beside the agency's tables.
/// </summary>
public sealed class WorkflowDb(DbContextOptions<WorkflowDb> options) : DbContext(options), IWorkflowDb
{
    public DbSet<StoredDefinition> Definitions => Set<StoredDefinition>();

    public DbSet<DefinitionPublication> DefinitionPublications => Set<DefinitionPublication>();

    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();

    public DbSet<CaseValue> CaseValues => Set<CaseValue>();

    public DbSet<HumanTask> Tasks => Set<HumanTask>();

    public DbSet<WorkflowTimer> Timers => Set<WorkflowTimer>();

    public DbSet<JournalEntry> Journal => Set<JournalEntry>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Escalation> Escalations => Set<Escalation>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<CalendarRevision> CalendarRevisions => Set<CalendarRevision>();

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
