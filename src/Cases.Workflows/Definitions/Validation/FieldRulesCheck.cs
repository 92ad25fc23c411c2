namespace Cases.Workflows.Definitions;

/// <summary>
/// The rules a field declares beyond its type (<see cref="FieldSpec.NotCaseCity"/>, <see cref="FieldSpec.RequiredWhen"/>):
/// a city rule is for a field that holds a city code, and a member required when a guard holds is an optional member of
/// an object whose guard parses and names only its sibling fields.
/// </summary>
internal static class FieldRulesCheck
{
    public static void Check(CheckContext c) => Check(c, "$.data", c.Data, inObject: false);

    private static void Check(CheckContext c, string path, IReadOnlyDictionary<string, FieldSpec> fields, bool inObject)
    {
        foreach (var (name, spec) in fields)
        {
            var fieldPath = path + DefinitionValidator.PathSegment(name);
            if (spec.NotCaseCity && spec.Type is not ("enum" or "string"))
            {
                c.Add(fieldPath + ".notCaseCity", DefinitionRules.FieldBound, $"“{name}”是 {spec.Type} 类型；notCaseCity 只用于存放城市代码的 enum 或 string 字段。", $"\"{name}\" is a {spec.Type} field; notCaseCity is for enum or string fields holding a city code.");
            }

            if (spec.RequiredWhen is { } guard)
            {
                if (!inObject || !spec.Optional)
                {
                    c.Add(fieldPath + ".requiredWhen", DefinitionRules.FieldBound, "requiredWhen 只用于一组内容（object、list）中声明为 optional 的字段。", "requiredWhen is for optional fields of an object or a list item.");
                }
                else
                {
                    Guard(c, fieldPath + ".requiredWhen", guard, fields);
                }
            }

            if (spec.Fields is { } inner)
            {
                Check(c, fieldPath + ".fields", inner, inObject: true);
            }
        }
    }

    private static void Guard(CheckContext c, string path, string guard, IReadOnlyDictionary<string, FieldSpec> siblings)
    {
        List<string> names;
        try
        {
            var expression = new NCalc.Expression(guard);
            if (expression.HasErrors())
            {
                c.Add(path, DefinitionRules.GuardSyntax, $"条件“{guard}”无法解析。", $"The guard \"{guard}\" cannot be parsed.");
                return;
            }

            names = expression.GetParameterNames();
            GuardWordsCheck.Check(c, path, guard);
        }
        catch (NCalc.Exceptions.NCalcException)
        {
            c.Add(path, DefinitionRules.GuardSyntax, $"条件“{guard}”无法解析。", $"The guard \"{guard}\" cannot be parsed.");
            return;
        }

        foreach (var unknown in names.Where(n => !siblings.ContainsKey(n)).Distinct(StringComparer.Ordinal))
        {
            c.Add(path, DefinitionRules.GuardUnknownField, $"条件“{guard}”用到了“{unknown}”，但它不是同一组内容中的字段。", $"The guard \"{guard}\" uses \"{unknown}\", which is not a field of the same object.");
        }
    }
}
