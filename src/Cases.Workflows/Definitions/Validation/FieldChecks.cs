using System.Text.RegularExpressions;

namespace Cases.Workflows.Definitions;

/// <summary>
/// Case data as the definition declares it: every field a form, an event, the start or a message names is declared in
/// <c>data</c>, and what a state sets is a date.
/// </summary>
internal static partial class FieldChecks
{
    /// <summary>Reports <paramref name="field"/> when it is not a declared data field; <paramref name="what"/> says what names it.</summary>
    public static void Declared(CheckContext c, string path, string? field, LocalizedText what)
    {
        if (field is null || !c.Data.ContainsKey(field))
        {
            c.Add(path, DefinitionRules.UndeclaredField, $"{what.Zh}“{field}”未在 data 中声明。", $"{what.En} \"{field}\" is not declared in data.");
        }
    }

    /// <summary>The {field} placeholders of a refusal's message: declared data, or one of the <paramref name="computed"/> parameters.</summary>
    public static void Placeholders(CheckContext c, string path, LocalizedText message, string[] computed)
    {
        Placeholders(c, path + ".zh", message.Zh, computed);
        Placeholders(c, path + ".en", message.En, computed);
    }

    private static void Placeholders(CheckContext c, string path, string message, string[] computed)
    {
        foreach (Match placeholder in Placeholder().Matches(message))
        {
            var name = placeholder.Groups[1].Value;
            if (!c.Data.ContainsKey(name) && !computed.Contains(name))
            {
                c.Add(path, DefinitionRules.UndeclaredField, $"提示语用到了 {{{name}}}，但 data 中没有声明。", $"The message names {{{name}}}, which is not declared in data.");
            }
        }
    }

    /// <summary>
    /// Every value of an enum field (of data, or of an object's or a list item's fields) has a label and every label a
    /// value: a page shows 「交通事故」, never the value <c>traffic</c>.
    /// </summary>
    public static void EnumLabels(CheckContext c, string path, IReadOnlyDictionary<string, FieldSpec> fields)
    {
        foreach (var (name, spec) in fields)
        {
            var fieldPath = path + DefinitionValidator.PathSegment(name);
            if (spec.Type == "enum")
            {
                var labels = spec.Labels ?? [];
                foreach (var value in (spec.Values ?? []).Where(v => !labels.ContainsKey(v)))
                {
                    c.Add(fieldPath + ".labels", DefinitionRules.EnumLabels, $"选项“{value}”没有显示名称（labels 中缺少）。", $"The value \"{value}\" has no label in labels.");
                }

                foreach (var value in labels.Keys.Where(k => spec.Values?.Contains(k) != true))
                {
                    c.Add(fieldPath + ".labels" + DefinitionValidator.PathSegment(value), DefinitionRules.EnumLabels, $"“{value}”不是此字段的选项，不应有显示名称。", $"\"{value}\" is not a value of this field; it has no label to give.");
                }
            }

            if (spec.Fields is { } inner)
            {
                EnumLabels(c, fieldPath + ".fields", inner);
            }
        }
    }

    /// <summary>A date a state sets on entry (<c>set</c>) is stored in a declared date field.</summary>
    public static void SetDate(CheckContext c, string path, string field)
    {
        if (!c.Data.TryGetValue(field, out var spec))
        {
            c.Add(path, DefinitionRules.UndeclaredField, $"此环节设置“{field}”，但 data 中没有声明。", $"The state sets \"{field}\", which is not declared in data.");
        }
        else if (spec.Type != "date")
        {
            c.Add(path, DefinitionRules.ClockFieldNotDate, $"此环节设置“{field}”，但它是 {spec.Type} 类型；须为日期。", $"The state sets \"{field}\", a {spec.Type} field; it must be a date.");
        }
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();
}
