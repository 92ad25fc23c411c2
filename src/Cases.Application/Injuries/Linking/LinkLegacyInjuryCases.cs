using Cases.Workflows.Persistence;

namespace Cases.Application.Injuries.Linking;

/// <summary>
/// A supervisor links the cases opened before the injury-case register to the registered injury cases their text names
/// (「待关联案件」: 规程 第一百二十条, nothing lost, nothing guessed). Idempotent: a case linked before — or linked and undone
/// by a person — is not linked again. A city supervisor runs it for their city; a provincial one for every city or one.
/// </summary>
public sealed record LinkLegacyInjuryCases(string? City, Actor By) : ICommand<LegacyLinkRun>;

/// <summary>What a run did: the cases it linked, and how many cases still wait for a person.</summary>
public sealed record LegacyLinkRun(int Linked, int StillUnlinked, IReadOnlyList<Guid> LinkedCases);

public sealed class LinkLegacyInjuryCasesHandler(CasesDb db, ProgressWriter writer, DefinitionStore definitions, TimeProvider clock)
    : ICommandHandler<LinkLegacyInjuryCases, LegacyLinkRun>
{
    public async ValueTask<LegacyLinkRun> Handle(LinkLegacyInjuryCases command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.Supervise))
        {
            throw new ForbiddenException(new LocalizedText("只有主管可以运行自动关联。", "Only supervisors run the automatic linking."));
        }

        var city = command.By.CityScope(command.City);
        var linked = await LegacyInjuryCases.LinkMatchingAsync(db, writer, definitions, city, null, command.By, "run", clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var fields = await LegacyInjuryCases.FieldsAsync(db, definitions, cancellationToken);
        var waiting = fields.Count == 0 ? 0 : await LegacyInjuryCases.Candidates(db, fields, city)
            .CountAsync(c => !LegacyInjuryCases.Active(db).Any(l => l.CaseId == c.CaseId), cancellationToken);
        return new LegacyLinkRun(linked.Count, waiting, linked);
    }
}
