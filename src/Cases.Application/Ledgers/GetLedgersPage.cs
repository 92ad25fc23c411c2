using Cases.Application.Common;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;

namespace Cases.Application.Ledgers;

/// <summary>
/// 「台账」 as its page shows it: the advance-payment ledger (规程 第九十三条) filtered by standing or to what is
/// outstanding, the third-party medical ledger (第九十条) and a lookup of one injury case in it, for the user's city or
/// — provincial staff — every city or the one picked. Another city from a city's staff is refused before anything is
/// read (403), as the API refuses it; a filter that does not fit is named and left out, and the rest is shown.
/// </summary>
public sealed record GetLedgersPage(string? City, string? Standing, bool OutstandingOnly, string? InjuryCaseId, Actor By) : IQuery<LedgersPageView>;

/// <param name="City">The city shown; null for every city.</param>
/// <param name="Provincial">The user works for the whole province and may pick a city.</param>
/// <param name="Standing">The standing filtered by, as applied (null when none or refused).</param>
/// <param name="OutstandingOnly">Only the advances with a balance still outstanding.</param>
/// <param name="InjuryCaseId">The injury case looked up, as applied (null when none or refused).</param>
/// <param name="Advances">The advance-payment ledger (第九十三条).</param>
/// <param name="Reimbursements">The third-party medical ledger (第九十条).</param>
/// <param name="Lookup">That injury case's reimbursements (null: no lookup).</param>
/// <param name="Definition">The advance-payment procedure's definition in use, naming a running case's step; null when it is not loaded.</param>
/// <param name="FilterProblem">A filter that was refused and left out.</param>
public sealed record LedgersPageView(string? City, bool Provincial, string? Standing, bool OutstandingOnly, string? InjuryCaseId,
    AdvancePaymentLedger Advances, IReadOnlyList<ThirdPartyReimbursement> Reimbursements, IReadOnlyList<ThirdPartyReimbursement>? Lookup,
    WorkflowDefinition? Definition, InputRefused? FilterProblem);

public sealed class GetLedgersPageHandler(IMediator mediator, CasesDb db, DefinitionStore definitions) : IQueryHandler<GetLedgersPage, LedgersPageView>
{
    /// <summary>The procedure whose running cases the advance-payment ledger names by their step.</summary>
    public const string AdvancePaymentProcedure = "advance-payment";

    public async ValueTask<LedgersPageView> Handle(GetLedgersPage query, CancellationToken cancellationToken)
    {
        var by = query.By;
        var scope = by.CityScope(query.City);
        var standing = query.Standing;
        InputRefused? problem = null;
        AdvancePaymentLedger advances;
        try
        {
            advances = await mediator.Send(new GetAdvancePaymentLedger(scope, by, standing, query.OutstandingOnly), cancellationToken);
        }
        catch (DomainValidationException e)
        {
            (problem, standing) = (new InputRefused(e.Field, e.Message), null);
            advances = await mediator.Send(new GetAdvancePaymentLedger(scope, by, null, query.OutstandingOnly), cancellationToken);
        }

        var injuryCaseId = query.InjuryCaseId;
        IReadOnlyList<ThirdPartyReimbursement>? lookup = null;
        if (injuryCaseId is not null)
        {
            try
            {
                lookup = await mediator.Send(new GetThirdPartyMedicalLedger(scope, injuryCaseId, by), cancellationToken);
            }
            catch (DomainValidationException e)
            {
                (problem, injuryCaseId) = (new InputRefused(e.Field, e.Message), null);
            }
        }

        var inForce = await DefinitionStore.InForceVersionAsync(db, AdvancePaymentProcedure, cancellationToken);
        return new LedgersPageView(scope, by.IsProvincial, standing, query.OutstandingOnly, injuryCaseId, advances,
            await mediator.Send(new GetThirdPartyMedicalLedger(scope, null, by), cancellationToken), lookup,
            inForce is int version ? await definitions.GetAsync(db, AdvancePaymentProcedure, version, cancellationToken) : null,
            problem);
    }
}
