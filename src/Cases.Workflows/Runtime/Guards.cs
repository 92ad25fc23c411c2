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
/// Fills a refusal's placeholders ("{windowOpensOn}" → "2025-06-16") from case data and computed values, in both
/// languages, so a refusal names the dates and amounts it is about whichever language its reader reads.
/// </summary>
public static class RuleMessages
{
    public static LocalizedText Fill(LocalizedText message, CaseData data, IReadOnlyDictionary<string, object?>? extras) =>
        new(Fill(message.Zh, data, extras), Fill(message.En, data, extras));

    public static string Fill(string message, CaseData data, IReadOnlyDictionary<string, object?>? extras) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"\{([A-Za-z][A-Za-z0-9]*)\}", m =>
            extras is not null && extras.TryGetValue(m.Groups[1].Value, out var computed) && computed is not null ? Format(computed)
            : data[m.Groups[1].Value] is JsonValue v ? v.ToString() : m.Value);

    private static string Format(object value) => value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
