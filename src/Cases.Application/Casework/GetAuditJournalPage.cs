using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;

namespace Cases.Application.Casework;

/// <summary>
/// 「案件留痕」 as the auditor's page shows it: the case's journal (<see cref="GetCaseJournal"/>: masked, with the chain's
/// verification, nothing else of the case) and the definition version that names its states.
/// </summary>
public sealed record GetAuditJournalPage(Guid CaseId, Actor By) : IQuery<AuditJournalPage>;

public sealed record AuditJournalPage(CaseJournalView Journal, WorkflowDefinition Definition);

public sealed class GetAuditJournalPageHandler(IMediator mediator, CasesDb db, DefinitionStore definitions) : IQueryHandler<GetAuditJournalPage, AuditJournalPage>
{
    public async ValueTask<AuditJournalPage> Handle(GetAuditJournalPage query, CancellationToken cancellationToken)
    {
        var journal = await mediator.Send(new GetCaseJournal(query.CaseId, query.By), cancellationToken);
        return new AuditJournalPage(journal, await definitions.GetAsync(db, journal.Procedure, journal.DefinitionVersion, cancellationToken));
    }
}
