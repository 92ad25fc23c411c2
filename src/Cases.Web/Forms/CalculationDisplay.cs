using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Domain.Calculations;

namespace Cases.Web.Forms;

/// <summary>
/// Names and number formats of a calculation's figures on the page, as an officer writes them: amounts in 元 as
/// ¥48,000.00 (two decimals, thousands separators, so an unrounded intermediate such as the average wage shows to the
/// fen), rates as percentages (0.4 → 40%), counts as whole numbers, exchange rates as given. Words in the reader's language.
/// </summary>
public static class CalculationDisplay
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Amounts in 元.</summary>
    private static readonly HashSet<string> Money = new(StringComparer.Ordinal)
    {
        "amount", "base", "monthlyAmount", "dailyStandard", "topUp", "amountCny", "total", "premiumAtPreviousRate",
        "premiumAtFinalRate", "difference", "wageBase", "wageBeforeClamp", "lumpSum", "allowanceBeforeTopUp", "minimumWageTopUp",
        "monthlyAllowance", "deathLumpSum", "funeralGrant", "pensionBase", "pensionTotal", "arrears", "monthlyWage",
        "provincialAverageMonthlyWage", "totalCost", "injuryMonthBase", "minimumWage", "eligibleMedicalCost",
        "compensatedMedicalAmount", "floor60Percent", "cap300Percent", "wageWithinBand", "ownWage", "roundedTotal", "excess",
        "sumOfCountedMonths", "nationalUrbanDisposableIncome", "allowanceAtRate", "medicalLumpSum", "employmentLumpSum",
    };

    /// <summary>Fractions shown as percentages (0.4 → 40%).</summary>
    private static readonly HashSet<string> Fractions = new(StringComparer.Ordinal)
    {
        "rateSum", "sumOfRates", "allowanceRate", "previousRate", "finalRate", "dailyRate", "rate",
    };

    /// <summary>Exchange rates (元 per unit of a currency): a plain number, never a percentage.</summary>
    private static readonly HashSet<string> ExchangeRates = new(StringComparer.Ordinal) { "rateUsed" };

    /// <summary>The Chinese name of a figure, else the form label, else the name.</summary>
    public static string NameOf(string key) => CalculatorTexts.Figure(key);

    /// <summary>A figure of the result (JSON) formatted for its name; <paramref name="exchange"/>: "rate" is an exchange rate.</summary>
    public static string Format(string key, JsonNode? node, IStringLocalizer l, bool exchange = false) => node switch
    {
        null => "—",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => FormatNumber(key, v.GetValue<decimal>(), exchange),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? l["是"] : l["否"],
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Word(v.GetValue<string>(), l),
        _ => node.ToJsonString(),
    };

    /// <summary>A value of an explanation step (a CLR value) formatted for its name, or as a rate in a step of rates.</summary>
    public static string FormatValue(string key, object? value, IStringLocalizer l, StepValueKind stepKind = StepValueKind.Amount, bool exchange = false)
    {
        // A step of rates lists each dependant's rate under the dependant's name.
        if (stepKind == StepValueKind.Rate && value is decimal rate && !Money.Contains(key))
        {
            return Percent(rate);
        }

        return value switch
        {
            null => "—",
            decimal d => FormatNumber(key, d, exchange),
            int or long => FormatNumber(key, Convert.ToDecimal(value, Invariant), exchange),
            double f => FormatNumber(key, (decimal)f, exchange),
            bool b => b ? l["是"] : l["否"],
            string s => Word(s, l),
            DateOnly date => date.ToString("yyyy-MM-dd", Invariant),
            JsonElement e => Format(key, JsonNode.Parse(e.GetRawText()), l, exchange),
            _ => Convert.ToString(value, Invariant) ?? "",
        };
    }

    /// <summary>A step's result as what it is: an amount in 元, a rate, a count, or as given.</summary>
    public static string FormatStepValue(ExplanationStep step, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(step);
        return (step.Value, step.Kind) switch
        {
            (null, _) => "—",
            (decimal d, StepValueKind.Amount) => Yuan(d),
            (decimal d, StepValueKind.Rate) => Percent(d),
            (decimal d, _) => d.ToString("#,0.######", Invariant),
            (int or long, _) => Convert.ToString(step.Value, Invariant)!,
            _ => FormatValue("", step.Value, l),
        };
    }

    /// <summary>An amount in 元: ¥48,000.00 (a refund −¥120.50).</summary>
    public static string Yuan(decimal value) =>
        (value < 0 ? "−¥" : "¥") + Math.Abs(value).ToString("#,0.00", Invariant);

    /// <summary>A fraction as a percentage: 0.4 → 40%, 0.0005 → 0.05%.</summary>
    public static string Percent(decimal value) => (value * 100).ToString("0.####", Invariant) + "%";

    private static string FormatNumber(string key, decimal value, bool exchange)
    {
        if (Money.Contains(key))
        {
            return Yuan(value);
        }

        if (ExchangeRates.Contains(key) || (exchange && key == "rate"))
        {
            return value.ToString("0.######", Invariant);
        }

        if (Fractions.Contains(key))
        {
            return Percent(value);
        }

        return value == decimal.Truncate(value)
            ? value.ToString("#,0", Invariant)
            : value.ToString("#,0.######", Invariant);
    }

    private static string Word(string text, IStringLocalizer l) =>
        CalculatorTexts.Words.TryGetValue(text, out var word) ? l[word] : text;
}
