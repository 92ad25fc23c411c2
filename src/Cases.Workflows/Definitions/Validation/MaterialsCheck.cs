namespace Cases.Workflows.Definitions;

/// <summary>
/// The materials of 规程 第十五条: one checklist of received materials per procedure, materials only with a checklist to
/// tick them in, and each material's <c>when</c> a guard over case data.
/// </summary>
internal static class MaterialsCheck
{
    public static void Check(CheckContext c)
    {
        var materials = c.Definition.Materials;
        var checklists = c.Data.Where(d => d.Value.Type == "checklist").Select(d => d.Key).ToList();
        if (checklists.Count > 1)
        {
            c.Add("$.data" + DefinitionValidator.PathSegment(checklists[1]), DefinitionRules.Checklist, $"A procedure has one checklist of received materials; \"{checklists[0]}\" is already one.");
        }

        if (checklists.Count > 0 && materials is not { Count: > 0 })
        {
            c.Add("$.materials", DefinitionRules.Checklist, $"The checklist \"{checklists[0]}\" needs the materials it ticks: declare them under \"materials\".");
        }

        if (checklists.Count == 0 && materials is { Count: > 0 })
        {
            c.Add("$.materials", DefinitionRules.Checklist, "Materials are declared, but no data field of type checklist records which were received.");
        }

        foreach (var (key, material) in materials ?? [])
        {
            if (material.When is { } when)
            {
                GuardCheck.Check(c, $"$.materials{DefinitionValidator.PathSegment(key)}.when", when, [], []);
            }
        }
    }
}
