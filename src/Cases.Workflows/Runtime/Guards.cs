using System.Globalization;
using System.Text.Json;
using NCalc;

namespace Cases.Workflows.Runtime;

/// <summary>
/// Evaluates the guard expressions of definitions (decision branches, event acceptance) with NCalc: a sandboxed
/// expression language with no access to .NET types, files or the network. Dates are compared as dates, amounts
/// as decimals. Syntax and unknown fields are refused by the validator when a definition is loaded or published,
/// so evaluation here only meets well-formed guards.
/// </summary>
public static class Guards
{
    public static bool Evaluate(string guard, CaseData data, IReadOnlyDictionary<string, FieldSpec> declared, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var expression = new Expression(guard, ExpressionOptions.NoCache | ExpressionOptions.DecimalAsDefault);
        foreach (var name in expression.GetParameterNames())
        {
            expression.Parameters[name] = extra is not null && extra.TryGetValue(name, out var given)
                ? given
                : ValueOf(data[name], declared.TryGetValue(name, out var spec) ? spec.Type : "string");
        }

        try
        {
            return expression.Evaluate() is true;
        }
        catch (Exception e) when (e is NCalc.Exceptions.NCalcException or InvalidCastException or FormatException or ArgumentException or InvalidOperationException)
        {
            // A guard over a field the case does not have yet (null) cannot hold: it is false, never an error page.
            return false;
        }
    }

    private static object? ValueOf(JsonNode? node, string type)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return type switch
        {
            "date" => value.TryGetValue<string>(out var s) && DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            "decimal" or "integer" => value.TryGetValue<decimal>(out var n) ? n : null,
            "boolean" => value.GetValueKind() == JsonValueKind.True,
            _ => value.TryGetValue<string>(out var t) ? t : null,
        };
    }
}

/// <summary>
/// Fills a refusal's placeholders ("{windowOpensOn}") from case data and computed values, in both languages, so a
/// refusal names the dates and amounts it is about whichever language its reader reads, said as each language says
/// them: a date as 2025年10月22日 / 22 October 2025, an amount of a decimal field as ¥48,000.00, a rate (a decimal
/// field bounded by 1, or named …Rate) as 0.5%.
/// </summary>
public static class RuleMessages
{
    public static LocalizedText Fill(LocalizedText message, CaseData data, IReadOnlyDictionary<string, object?>? extras, IReadOnlyDictionary<string, FieldSpec>? fields = null) =>
        new(Fill(message.Zh, data, extras, fields, english: false), Fill(message.En, data, extras, fields, english: true));

    private static string Fill(string message, CaseData data, IReadOnlyDictionary<string, object?>? extras, IReadOnlyDictionary<string, FieldSpec>? fields, bool english) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"\{([A-Za-z][A-Za-z0-9]*)\}", m =>
        {
            var name = m.Groups[1].Value;
            if (extras is not null && extras.TryGetValue(name, out var computed) && computed is not null)
            {
                return computed switch
                {
                    DateTime d => Date(DateOnly.FromDateTime(d), english),
                    DateOnly d => Date(d, english),
                    _ => Convert.ToString(computed, CultureInfo.InvariantCulture) ?? "",
                };
            }

            if (data[name] is not JsonValue value)
            {
                return m.Value;
            }

            var spec = fields?.GetValueOrDefault(name);
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var number))
            {
                return spec?.Type != "decimal" ? number.ToString(CultureInfo.InvariantCulture)
                    : spec.Max is <= 1m || name.EndsWith("Rate", StringComparison.OrdinalIgnoreCase) ? (number * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%"
                    : (number < 0 ? "-¥" : "¥") + Math.Abs(number).ToString("#,##0.00", CultureInfo.InvariantCulture);
            }

            var text = value.ToString();
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Date(date, english) : text;
        });

    private static string Date(DateOnly date, bool english) =>
        english ? date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
}
