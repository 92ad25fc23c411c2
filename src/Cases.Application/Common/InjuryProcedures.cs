using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;

namespace Cases.Application.Common;

/// <summary>A procedure an officer may open on an injury case (its start data names one).</summary>
public sealed record InjuryProcedure(string Key, LocalizedText Title);

/// <summary>
/// The procedures in force whose cases start from a registered injury case: a start field with a ref to the injury-case
/// register (docs/adr/0016), as the worker's and the injury case's pages offer them, by key.
/// </summary>
public static class InjuryProcedures
{
    public static async Task<IReadOnlyList<InjuryProcedure>> InForceAsync(CasesDb db, DefinitionStore definitions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var register = Registers.Of(RegisterKind.InjuryCase).Name;
        var list = new List<InjuryProcedure>();
        foreach (var (key, version) in await DefinitionStore.InForceVersionsAsync(db, ct))
        {
            var definition = await definitions.GetAsync(db, key, version, ct);
            if (definition.StartWith.Any(f => definition.Data.GetValueOrDefault(f)?.Ref?.Register == register))
            {
                list.Add(new InjuryProcedure(key, definition.Title));
            }
        }

        return [.. list.OrderBy(p => p.Key, StringComparer.Ordinal)];
    }
}
