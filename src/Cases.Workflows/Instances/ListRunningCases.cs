namespace Cases.Workflows.Instances;

/// <summary>A running case of a procedure, on the version it started on, as a supervisor picks one to migrate.</summary>
public sealed record RunningCase(Guid CaseId, string City, string Party, int Version, string State, DateTimeOffset StateEnteredAt);

/// <summary>
/// A supervisor lists the running cases of a procedure that are on an older version than the latest, in their city
/// (provincial supervisors: every city), newest first, to migrate them with <see cref="MigrateInstance"/>.
/// </summary>
public sealed record ListRunningCases(string Key, Actor By, int Limit = 200) : IQuery<IReadOnlyList<RunningCase>>;

public sealed class ListRunningCasesHandler(IWorkflowDb db) : IQueryHandler<ListRunningCases, IReadOnlyList<RunningCase>>
{
    public async ValueTask<IReadOnlyList<RunningCase>> Handle(ListRunningCases query, CancellationToken cancellationToken)
    {
        if (!query.By.May(Permission.Supervise))
        {
            throw new ForbiddenException(new LocalizedText("只有主管可以迁移办理中的案件。", "Only supervisors migrate running cases."));
        }

        // Cases behind the version in use; a version waiting for approval is not migrated to.
        var latest = await DefinitionStore.InForceVersionAsync(db, query.Key, cancellationToken)
            ?? throw new NotFoundException(new LocalizedText($"没有名为“{query.Key}”的业务流程。", $"There is no procedure '{query.Key}'."));
        var city = query.By.CityCode;
        var cases = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionKey == query.Key && i.Status == InstanceStatus.Running && i.DefinitionVersion < latest && (city == null || i.CityCode == city))
            .Join(db.Cases, i => i.CaseId, c => c.Id, (i, c) => new { i, c })
            .OrderByDescending(x => x.i.StartedAt)
            .Take(query.Limit)
            .Select(x => new RunningCase(x.c.Id, x.c.CityCode, x.c.Party, x.i.DefinitionVersion, x.i.State, x.i.StateEnteredAt))
            .ToListAsync(cancellationToken);
        // The party masked as in every list (TaskView.Party).
        return [.. cases.Select(c => c with { Party = Cases.Domain.Privacy.PersonalDataMask.Label(c.Party, full: false) })];
    }
}
