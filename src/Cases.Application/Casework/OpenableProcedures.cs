using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;

namespace Cases.Application.Casework;

/// <summary>
/// The procedures a case can be opened in, each at the version in use (a version waiting for a second person's approval
/// starts no case, 规程 第一百一十九条), by key; the demo procedure (for training with the test clock) last and marked, so
/// that a trainer finds it and an officer does not take it for a real one.
/// </summary>
public sealed record ListOpenableProcedures : IQuery<IReadOnlyList<OpenableProcedure>>;

/// <summary>A procedure at the version new cases start on.</summary>
public sealed record OpenableProcedure(WorkflowDefinition Definition, bool Demo)
{
    /// <summary>The procedure for training with the test clock.</summary>
    public const string DemoProcedure = "demo-filing";

    public string Key => Definition.Key;
}

public sealed class ListOpenableProceduresHandler(CasesDb db, DefinitionStore definitions) : IQueryHandler<ListOpenableProcedures, IReadOnlyList<OpenableProcedure>>
{
    public async ValueTask<IReadOnlyList<OpenableProcedure>> Handle(ListOpenableProcedures query, CancellationToken cancellationToken)
    {
        var list = new List<OpenableProcedure>();
        foreach (var (key, version) in await DefinitionStore.InForceVersionsAsync(db, cancellationToken))
        {
            list.Add(new OpenableProcedure(await definitions.GetAsync(db, key, version, cancellationToken), key == OpenableProcedure.DemoProcedure));
        }

        return [.. list.OrderBy(p => p.Demo).ThenBy(p => p.Key, StringComparer.Ordinal)];
    }
}
