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
            c.Add("$.data" + DefinitionValidator.PathSegment(checklists[1]), DefinitionRules.Checklist, $"一个流程只有一份材料收取清单，“{checklists[0]}”已是清单。", $"A procedure has one checklist of received materials; \"{checklists[0]}\" is already one.");
        }

        if (checklists.Count > 0 && materials is not { Count: > 0 })
        {
            c.Add("$.materials", DefinitionRules.Checklist, $"清单“{checklists[0]}”需要列出可勾选的材料：请在 materials 中声明。", $"The checklist \"{checklists[0]}\" needs the materials it ticks: declare them under \"materials\".");
        }

        if (checklists.Count == 0 && materials is { Count: > 0 })
        {
            c.Add("$.materials", DefinitionRules.Checklist, "声明了材料，但 data 中没有 checklist 类型的字段来记录收到了哪些。", "Materials are declared, but no data field of type checklist records which were received.");
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
