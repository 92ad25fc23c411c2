using Cases.Application.Calculations;
using Cases.Application.Ledgers;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Application.Tests;

/// <summary>The actions the product registers (the runtime's own and the agency's), as the app's container holds them.</summary>
internal static class ProductActions
{
    public static IReadOnlyList<IWorkflowAction> All { get; } = [.. BuiltInActions.All(), new CalculateAction(), new LedgerAction(), new Cases.Application.Registry.UpdateRegisterAction(),
        /* Projects */ new Cases.Application.Projects.RegisterProjectAction(), .. Cases.Application.Parties.EmployerRegisterAction.All,
        /* Benefits */ new Cases.Application.Benefits.EntitlementAction(),
        /* catalogues */ new Cases.Application.Catalogues.ReviewBillsAction(NoBillSources.Instance),
        /* Payments */ new Cases.Application.Payments.PaymentOrderAction(),
        /* datamatch */ new Cases.Application.Benefits.DataMatches.InvestigationAction()];

    public static IReadOnlyDictionary<string, IActionContract> ByName { get; } = All.ToDictionary(a => a.Name, a => (IActionContract)a, StringComparer.Ordinal);
}

/// <summary>catalogues: the review's sources where a test validates definitions only (no database to read).</summary>
internal sealed class NoBillSources : Cases.Application.Catalogues.IBillReviewSources
{
    public static NoBillSources Instance { get; } = new();

    public IReadOnlyList<Cases.Domain.Catalogues.CatalogueItem> Items(IReadOnlyCollection<string> codes, DateOnly firstDay, DateOnly lastDay) => [];

    public Cases.Domain.Injuries.InjuryCase? InjuryCase(Guid id) => null;
}
