using Cases.Domain.Injuries;
using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>Input of the nursing care fee (生活护理费) (第七十七条).</summary>
/// <param name="Level">Self-care impairment level: complete, major or partial.</param>
/// <param name="ProvincialAverageMonthlyWage">Provincial average monthly wage of the year before entitlement; wins over the table.</param>
/// <param name="Year">The year in which the fee is due (应当享受生活护理费时); the table's figure of the year before is used.</param>
public sealed record NursingCareRequest(SelfCareLevel Level, decimal? ProvincialAverageMonthlyWage = null, int? Year = null);

/// <summary>The monthly nursing care fee and how it was computed (第七十七条).</summary>
/// <param name="Rate">50%, 40% or 30% of the average.</param>
/// <param name="MonthlyAmount">Nursing care fee a month, 元, rounded to the fen.</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record NursingCareResult(decimal Rate, decimal MonthlyAmount, Explanation Explanation);

/// <summary>
/// Nursing care fee: 50% / 40% / 30% of the previous year's provincial average monthly wage for complete / major /
/// partial self-care impairment (第七十七条; 《工伤保险条例》第三十四条).
/// </summary>
public static class NursingCareCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "nursing-care";

    /// <summary>The rate of a level (《工伤保险条例》第三十四条).</summary>
    public static decimal Rate(SelfCareLevel level) => level switch
    {
        SelfCareLevel.Complete => 0.5m,
        SelfCareLevel.Major => 0.4m,
        SelfCareLevel.Partial => 0.3m,
        _ => throw new DomainValidationException(
            "level", new LocalizedText(
                "生活自理障碍等级应为完全、大部分或部分不能自理；不能自理的才有生活护理费。",
                Invariant($"Self-care level must be complete, major or partial; got {level}."))),
    };

    /// <summary>The monthly fee, rounded once.</summary>
    public static NursingCareResult Calculate(NursingCareRequest request, IParameterSource? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rate = Rate(request.Level);
        var x = new ExplanationBuilder();
        var average = ProvincialAverage.Resolve(
            x, request.ProvincialAverageMonthlyWage, request.Year, parameters ?? NoParameters.Instance, "第七十七条");

        var amount = x.Add(
            new LocalizedText("生活护理费", "Nursing care fee"),
            new LocalizedText("全省上年度月平均工资 × 比例（生活完全不能自理 50%、大部分不能自理 40%、部分不能自理 30%），四舍五入到分", "Provincial average monthly wage of the previous year × rate (生活护理费: complete 50%, major 40%, partial 30%), rounded once to the fen"),
            "第七十七条; 《工伤保险条例》第三十四条",
            ToFen(average * rate),
            ("level", request.Level.ToString().ToLowerInvariant()),
            ("provincialAverageMonthlyWage", average),
            ("rate", rate));

        return new NursingCareResult(rate, amount, x.Build());
    }
}
