namespace Cases.Workflows.Definitions;

/// <summary>
/// Guards (NCalc expressions over case data): they parse, and name only declared data, the event's own fields, or the
/// parameters the runtime computes where the guard is evaluated (<see cref="DefinitionValidator.TodayParameter"/> …).
/// </summary>
internal static class GuardCheck
{
    public static void Check(CheckContext c, string path, string text, HashSet<string> eventFields, string[] computed)
    {
        List<string> parameters;
        try
        {
            var expression = new NCalc.Expression(text);
            if (expression.HasErrors())
            {
                var reason = expression.Error?.InnerException?.Message ?? expression.Error?.Message ?? "unknown error";
                c.Add(path, DefinitionRules.GuardSyntax, $"条件“{text}”无法解析：{reason}", $"The guard \"{text}\" cannot be parsed: {reason}");
                return;
            }

            parameters = expression.GetParameterNames();
            GuardWordsCheck.Check(c, path, text);
        }
        catch (NCalc.Exceptions.NCalcException ex)
        {
            c.Add(path, DefinitionRules.GuardSyntax, $"条件“{text}”无法解析：{ex.InnerException?.Message ?? ex.Message}", $"The guard \"{text}\" cannot be parsed: {ex.InnerException?.Message ?? ex.Message}");
            return;
        }

        var unknown = parameters
            .Where(p => !c.Data.ContainsKey(p) && !eventFields.Contains(p) && !computed.Contains(p))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            var allowedExtra = computed.Length > 0 ? $" (or {string.Join(", ", computed)})" : "";
            var allowedZh = computed.Length > 0 ? $"（也可用 {string.Join("、", computed)}）" : "";
            c.Add(path, DefinitionRules.GuardUnknownField,
                $"条件“{text}”用到了 {string.Join("、", unknown.Select(u => $"“{u}”"))}，但 data 中没有声明{allowedZh}。",
                $"The guard \"{text}\" uses {string.Join(", ", unknown.Select(u => $"\"{u}\""))}, not declared in data{allowedExtra}.");
        }
    }

    /// <summary>An outcome's or event's rules: each condition is a guard, and its message names only what the guard may.</summary>
    public static void Rules(CheckContext c, string path, List<RuleSpec>? rules, HashSet<string> eventFields, string[] computed)
    {
        for (var i = 0; i < rules?.Count; i++)
        {
            Check(c, $"{path}.rules[{i}].require", rules[i].Require, eventFields, computed);
            FieldChecks.Placeholders(c, $"{path}.rules[{i}].message", rules[i].Message, computed);
        }
    }
}
