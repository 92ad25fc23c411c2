using System.Globalization;
using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>The contributory wage total (缴费工资总额) of one month, e.g. "2025-07" (第二十二条).</summary>
public sealed record MonthlyWageTotal(string Month, decimal Total);

/// <summary>Input of the settlement after a floating-rate adjustment (多退少补) (第二十二条).</summary>
/// <param name="PreviousRate">The rate the employer paid provisionally, as a fraction (0.004 = 0.4%).</param>
/// <param name="FinalRate">The adjusted rate, as a fraction.</param>
/// <param name="MonthlyWageTotals">The months paid at the previous rate and their wage totals.</param>
public sealed record RateDifferenceRequest(decimal PreviousRate, decimal FinalRate, IReadOnlyList<MonthlyWageTotal> MonthlyWageTotals);

/// <summary>The difference for one month (第二十二条).</summary>
/// <param name="Month">The month, "yyyy-MM".</param>
/// <param name="Total">The month's contributory wage total, 元.</param>
/// <param name="PremiumAtPreviousRate">The premium paid at the previous rate, 元, rounded to the fen.</param>
/// <param name="PremiumAtFinalRate">The premium due at the final rate, 元, rounded to the fen.</param>
/// <param name="Difference">Final − previous: positive, the employer owes; negative, refund.</param>
public sealed record MonthlyRateDifference(
    string Month, decimal Total, decimal PremiumAtPreviousRate, decimal PremiumAtFinalRate, decimal Difference);

/// <summary>The settlement and how it was computed (第二十二条).</summary>
/// <param name="Months">Per month, in month order.</param>
/// <param name="Difference">Sum of the months' differences: positive, the employer owes (少补); negative, refund (多退).</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record RateDifferenceResult(IReadOnlyList<MonthlyRateDifference> Months, decimal Difference, Explanation Explanation);

/// <summary>
/// Rate difference: the employer paid at the previous rate until the floating rate was fixed; each month's premium at
/// the final rate minus the premium paid is collected or refunded (第二十二条).
/// </summary>
public static class RateDifferenceCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "rate-difference";

    /// <summary>Per month and in total; each month's premium (a monthly statutory amount, 第二十七条) is rounded once.</summary>
    public static RateDifferenceResult Calculate(RateDifferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var previous = Fraction(request.PreviousRate, "previousRate", new LocalizedText("原费率", "Previous rate"));
        var final = Fraction(request.FinalRate, "finalRate", new LocalizedText("核定费率", "Final rate"));
        var totals = request.MonthlyWageTotals ?? [];
        if (totals.Count == 0)
        {
            throw new DomainValidationException("monthlyWageTotals", new LocalizedText("请至少填写一个月份。", "At least one month is required."));
        }

        var parsed = new List<(DateOnly Month, MonthlyWageTotal Item)>();
        for (var i = 0; i < totals.Count; i++)
        {
            var item = totals[i] ?? throw new DomainValidationException(Invariant($"monthlyWageTotals[{i}]"), new LocalizedText("请填写月份。", "Month is required."));
            if (!DateOnly.TryParseExact(item.Month?.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            {
                throw new DomainValidationException(
                    Invariant($"monthlyWageTotals[{i}].month"), new LocalizedText(
                        $"月份应写作 yyyy-MM，例如 2025-07；填写的是「{item.Month}」。",
                        $"Month must be written yyyy-MM, e.g. 2025-07; got '{item.Month}'."));
            }

            if (parsed.Any(p => p.Month == month))
            {
                throw new DomainValidationException(
                    Invariant($"monthlyWageTotals[{i}].month"), new LocalizedText(
                        $"月份 {item.Month!.Trim()} 填写了两次。",
                        $"Month {item.Month!.Trim()} is given twice."));
            }

            NonNegative(item.Total, Invariant($"monthlyWageTotals[{i}].total"), new LocalizedText("工资总额", "Wage total"));
            parsed.Add((month, item));
        }

        var x = new ExplanationBuilder();
        var months = new List<MonthlyRateDifference>();
        foreach (var (month, item) in parsed.OrderBy(p => p.Month))
        {
            var label = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var atPrevious = ToFen(item.Total * previous);
            var atFinal = ToFen(item.Total * final);
            var difference = x.Add(
                new LocalizedText(Invariant($"{label} 差额"), Invariant($"Difference {label}")),
                new LocalizedText("工资总额 × 核定费率（四舍五入到分）− 工资总额 × 原费率（四舍五入到分）：每月保费各舍入一次", "Wage total × final rate (rounded to the fen) − wage total × previous rate (rounded to the fen): each month's premium is rounded once"),
                "第二十二条",
                atFinal - atPrevious,
                ("total", item.Total),
                ("previousRate", previous),
                ("finalRate", final),
                ("premiumAtPreviousRate", atPrevious),
                ("premiumAtFinalRate", atFinal));
            months.Add(new MonthlyRateDifference(label, item.Total, atPrevious, atFinal, difference));
        }

        var sum = x.Add(
            new LocalizedText("多退少补", "Settlement"),
            new LocalizedText("各月差额之和：为正数由用人单位补缴（少补），为负数由经办机构退还（多退）", "Sum of the months' differences: positive, the employer pays the shortfall (少补); negative, the agency refunds (多退)"),
            "第二十二条",
            months.Sum(m => m.Difference),
            ("months", months.Count));

        return new RateDifferenceResult(months, sum, x.Build());
    }
}
