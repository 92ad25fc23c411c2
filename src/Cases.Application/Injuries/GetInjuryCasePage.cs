using Cases.Application.Casework;
using Cases.Application.Common;
using Cases.Workflows.Persistence;

namespace Cases.Application.Injuries;

/// <summary>
/// 工伤案件: one injury case as an officer reads it — the worker, employer and recognition decision, the rehabilitation
/// period, every case of every procedure opened on it (state, next deadline), what the ledgers paid or advanced for it,
/// and the procedures that can be opened on it now.
/// </summary>
public sealed record GetInjuryCasePage(Guid Id, Actor By) : IQuery<InjuryCasePageView>;

/// <param name="Injury">The injury case.</param>
/// <param name="Cases">The cases opened on it, newest first.</param>
/// <param name="Ledger">What the ledgers hold for it (第九十、九十三条), in the order it happened.</param>
/// <param name="Procedures">The procedures whose cases start from an injury case, to open a new one on it (key, title).</param>
/// <param name="Names">Injury pages: who recorded each appraisal conclusion, by display name.</param>
public sealed record InjuryCasePageView(
    InjuryCaseView Injury, IReadOnlyList<CaseSearchRow> Cases, IReadOnlyList<InjuryLedgerRow> Ledger, IReadOnlyList<InjuryProcedure> Procedures, NameBook? Names = null);

/// <summary>One ledger entry for the injury case: which ledger, what (advanced, repaid, reimbursed …), how much, when, in which case.</summary>
public sealed record InjuryLedgerRow(string Ledger, string Entry, decimal Amount, DateOnly On, Guid CaseId);

public sealed class GetInjuryCasePageHandler(CasesDb db, DefinitionStore definitions, IMediator mediator) : IQueryHandler<GetInjuryCasePage, InjuryCasePageView>
{
    public async ValueTask<InjuryCasePageView> Handle(GetInjuryCasePage query, CancellationToken cancellationToken)
    {
        var injury = await mediator.Send(new GetInjuryCase(query.Id, query.By), cancellationToken);
        var id = injury.Id.ToString();
        var cases = await mediator.Send(new SearchCases(null, null, null, null, null, null, injury.City, null, SearchCasesHandler.MaxLimit, query.By, Naming: id), cancellationToken);
        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.InjuryCaseId == id)
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.RecordedAt)
            .Select(e => new InjuryLedgerRow(e.Ledger, e.Entry, e.Amount, e.OccurredOn, e.CaseId)).ToListAsync(cancellationToken);
        var procedures = query.By.May(Permission.OpenCases) ? await InjuryProcedures.InForceAsync(db, definitions, cancellationToken) : [];
        var users = await Names.UsersAsync(db, (injury.Appraisals ?? []).Select(a => a.RecordedBy), cancellationToken);
        return new InjuryCasePageView(injury, cases.Items, ledger, procedures, new NameBook(users, new Dictionary<Guid, PartyLabel>()));
    }
}
