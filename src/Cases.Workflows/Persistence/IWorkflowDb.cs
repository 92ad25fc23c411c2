using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Cases.Workflows.Persistence;

/// <summary>
/// The runtime's tables as one unit of work: definitions, cases and their instances, tasks, timers, journal, outbox,
/// escalations, idempotency records and the working-day calendar. The host's one <c>DbContext</c> implements it
/// (with the agency's own tables beside these), so a command that changes runtime rows and agency rows still commits
/// once. The runtime knows no other table.
/// </summary>
public interface IWorkflowDb : IDisposable, IAsyncDisposable
{
    /// <summary>The table of one entity type (every <c>DbContext</c> has it); the runtime's tables below are read through it.</summary>
    [SuppressMessage("Naming", "CA1716", Justification = "The name is DbContext's own: every context implements this member without writing it.")]
    DbSet<TEntity> Set<TEntity>()
        where TEntity : class;

    DbSet<StoredDefinition> Definitions => Set<StoredDefinition>();

    DbSet<DefinitionPublication> DefinitionPublications => Set<DefinitionPublication>();

    DbSet<CaseRecord> Cases => Set<CaseRecord>();

    DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();

    DbSet<CaseValue> CaseValues => Set<CaseValue>();

    DbSet<HumanTask> Tasks => Set<HumanTask>();

    DbSet<WorkflowTimer> Timers => Set<WorkflowTimer>();

    DbSet<JournalEntry> Journal => Set<JournalEntry>();

    DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    DbSet<Escalation> Escalations => Set<Escalation>();

    DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    DbSet<CalendarRevision> CalendarRevisions => Set<CalendarRevision>();

    /// <summary>finish17 (the once-per race): the one case of a once-per procedure per value (<see cref="OncePerClaim"/>).</summary>
    DbSet<OncePerClaim> OncePerClaims => Set<OncePerClaim>();

    ChangeTracker ChangeTracker { get; }

    DatabaseFacade Database { get; }

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity)
        where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>How every command of the runtime saves.</summary>
public static class WorkflowDbSaves
{
    /// <summary>
    /// Saves the command's one transaction. When a concurrency token (an instance's revision, a task's or a
    /// definition's status) or a unique index shows that another command got there first, nothing of this one is kept:
    /// the tracked changes are dropped and the caller's <paramref name="conflict"/>, built from what is stored now, is thrown.
    /// </summary>
    public static async Task SaveOrConflictAsync(this IWorkflowDb db, Func<Task<Exception>> conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw await conflict();
        }
    }
}
