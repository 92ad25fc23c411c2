namespace Cases.Workflows.Definitions;

/// <summary>
/// A procedure allowed once per value of a field (<see cref="OncePerSpec"/>, 第四十九条): the field is a declared string
/// field the case is started with — the check runs when the case starts, so the value must be there — it names its
/// article, and its message names only data fields and {caseNumber}.
/// </summary>
internal static class OncePerCheck
{
    public static void Check(CheckContext c)
    {
        if (c.Definition.OncePer is not { } once)
        {
            return;
        }

        const string path = "$.oncePer";
        if (!c.Data.TryGetValue(once.Field, out var spec))
        {
            c.Add(path + ".field", DefinitionRules.OncePer, $"“每个……只办一次”依据的字段“{once.Field}”未在 data 中声明。", $"oncePer names \"{once.Field}\", which is not declared in data.");
        }
        else if (spec.Type != "string")
        {
            c.Add(path + ".field", DefinitionRules.OncePer, $"“每个……只办一次”依据的字段“{once.Field}”是 {spec.Type} 类型；须为文本（string）字段，如工伤案件编号。", $"oncePer names \"{once.Field}\", a {spec.Type} field; it must be a string field (an injury case number, say).");
        }
        else if (!c.Definition.StartWith.Contains(once.Field))
        {
            c.Add(path + ".field", DefinitionRules.OncePer, $"“每个……只办一次”在立案时检查，字段“{once.Field}”须列在 startWith 中。", $"oncePer is checked when a case starts: \"{once.Field}\" must be listed in startWith.");
        }

        if (string.IsNullOrWhiteSpace(once.Basis))
        {
            c.Add(path + ".basis", DefinitionRules.ClockWithoutBasis, "“每个……只办一次”须写明出自规程哪一条，如“第四十九条”。", "oncePer needs its basis: the article that allows the procedure once, e.g. \"第四十九条\".");
        }

        FieldChecks.Placeholders(c, path + ".message", once.Message, [OncePerSpec.CaseNumberPlaceholder]);
    }
}
