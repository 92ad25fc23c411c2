using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>
/// The worker's own wage (本人工资) behind disability and death benefits: the average monthly contributory wage of the
/// 12 months before the injury, kept within 60%–300% of the provincial average (第七十七条, 第八十二条; 《工伤保险条例》第六十四条).
/// </summary>
internal static class WorkerWage
{
    /// <summary>At most this many months count (前十二个月).</summary>
    public const int MonthsCounted = 12;

    /// <summary>
    /// The wage base, not rounded: it is an intermediate figure, and each benefit computed from it is rounded once.
    /// <paramref name="monthlyWages"/> is newest first; only the first 12 count.
    /// </summary>
    public static (decimal Base, decimal WageBeforeClamp, ClampApplied? Clamped) Derive(
        ExplanationBuilder x,
        IReadOnlyList<decimal>? monthlyWages,
        decimal? injuryMonthBase,
        bool projectInsuredWageUnknown,
        decimal average,
        string basis)
    {
        if (projectInsuredWageUnknown)
        {
            var projectBase = x.Add(
                new LocalizedText("本人工资（按项目参保）", "Wage base (project-insured)"),
                new LocalizedText("按建设项目参保且本人工资无法确定的，按受伤上一年度全省月平均工资计", "For a worker insured through a construction project whose own wage cannot be determined: the provincial average monthly wage of the year before the injury"),
                "第七十七条",
                average,
                ("provincialAverageMonthlyWage", average));
            return (projectBase, projectBase, null);
        }

        decimal wage;
        var wages = monthlyWages ?? [];
        if (wages.Count == 0)
        {
            if (injuryMonthBase is not { } monthBase)
            {
                throw new MissingParameterException(
                    "injuryMonthBase",
                    "No monthly contributory wage was given (less than one month insured): 'injuryMonthBase', the contribution base of the injury month, is required.");
            }

            wage = x.Add(
                new LocalizedText("本人工资（受伤当月）", "Own wage (injury month)"),
                new LocalizedText("缴费不足一个月的，按受伤当月缴费基数计", "Less than one month of contributions: the contribution base of the injury month (受伤当月缴费基数)"),
                "第七十七条",
                NonNegative(monthBase, "injuryMonthBase", new LocalizedText("受伤当月缴费基数", "Injury-month contribution base")),
                ("injuryMonthBase", monthBase));
        }
        else
        {
            for (var i = 0; i < wages.Count; i++)
            {
                NonNegative(wages[i], Invariant($"monthlyWages[{i}]"), new LocalizedText("月缴费工资", "Monthly contributory wage"));
            }

            var counted = wages.Take(MonthsCounted).ToArray();
            var sum = counted.Sum();
            wage = x.Add(
                new LocalizedText("本人工资（平均）", "Own wage (average)"),
                new LocalizedText("受伤前十二个月平均月缴费工资；不足十二个月的按实际月数平均，超过的只计最近十二个月；此步不舍入", "Average monthly contributory wage of the 12 months before the injury (前十二个月平均月缴费工资); fewer months: their average; more: only the newest 12 count. Not rounded"),
                "第七十七条",
                sum / counted.Length,
                ("monthsGiven", wages.Count),
                ("monthsCounted", counted.Length),
                ("sumOfCountedMonths", sum));
        }

        var (clamped, applied) = ProvincialAverage.Clamp(x, wage, average, "ownWage", basis);
        return (clamped, wage, applied);
    }
}
