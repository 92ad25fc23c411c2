using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cases.Web.Forms;

/// <summary>Names and number formats of a calculation's figures on the page (amounts: 2 decimals, thousands separators, 元).</summary>
public static class CalculationDisplay
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Amounts in 元: two decimals, thousands separators, "元".</summary>
    private static readonly HashSet<string> Money = new(StringComparer.Ordinal)
    {
        "amount", "base", "monthlyAmount", "dailyStandard", "topUp", "amountCny", "total", "premiumAtPreviousRate",
        "premiumAtFinalRate", "difference", "wageBase", "wageBeforeClamp", "lumpSum", "allowanceBeforeTopUp", "minimumWageTopUp",
        "monthlyAllowance", "deathLumpSum", "funeralGrant", "pensionBase", "pensionTotal", "arrears", "monthlyWage",
        "provincialAverageMonthlyWage", "totalCost", "injuryMonthBase", "minimumWage", "eligibleMedicalCost",
        "compensatedMedicalAmount", "floor60Percent", "cap300Percent", "wageWithinBand", "ownWage", "roundedTotal", "excess",
        "sumOfCountedMonths", "nationalUrbanDisposableIncome",
    };

    /// <summary>Fractions shown with their percentage too (0.4 → 0.4（40%）).</summary>
    private static readonly HashSet<string> Fractions = new(StringComparer.Ordinal)
    {
        "rateSum", "sumOfRates", "allowanceRate", "previousRate", "finalRate", "dailyRate",
    };

    /// <summary>The Chinese name of a figure, else the form label, else the name.</summary>
    public static string NameOf(string key) => CalculatorTexts.Figure(key);

    /// <summary>A figure of the result (JSON) formatted for its name.</summary>
    public static string Format(string key, JsonNode? node) => node switch
    {
        null => "—",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => FormatNumber(key, v.GetValue<decimal>()),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "是" : "否",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Word(v.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    /// <summary>A value of an explanation step (a CLR value) formatted for its name.</summary>
    public static string FormatValue(string key, object? value) => value switch
    {
        null => "—",
        decimal d => FormatNumber(key, d),
        int or long => FormatNumber(key, Convert.ToDecimal(value, Invariant)),
        double f => FormatNumber(key, (decimal)f),
        bool b => b ? "是" : "否",
        string s => Word(s),
        DateOnly date => date.ToString("yyyy-MM-dd", Invariant),
        JsonElement e => Format(key, JsonNode.Parse(e.GetRawText())),
        _ => Convert.ToString(value, Invariant) ?? "",
    };

    /// <summary>A step's result: integers as they are, decimals with at least two places and their full precision.</summary>
    public static string FormatStepValue(object? value) => value switch
    {
        null => "—",
        decimal d => d.ToString("#,0.00##########", Invariant),
        int or long => Convert.ToString(value, Invariant)!,
        _ => FormatValue("", value),
    };

    private static string FormatNumber(string key, decimal value)
    {
        if (Money.Contains(key))
        {
            return value.ToString("#,0.00", Invariant) + " 元";
        }

        if (Fractions.Contains(key))
        {
            return $"{value.ToString("0.##########", Invariant)}（{(value * 100).ToString("0.##########", Invariant)}%）";
        }

        return value == decimal.Truncate(value) && value.Scale == 0
            ? value.ToString("0", Invariant)
            : value.ToString("#,0.##########", Invariant);
    }

    private static string Word(string text) => CalculatorTexts.Words.GetValueOrDefault(text, text);
}
