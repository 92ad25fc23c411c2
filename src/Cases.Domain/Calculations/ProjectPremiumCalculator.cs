using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>Input of a construction project's premium (第二十六条, 第二十七条).</summary>
/// <param name="TotalCost">The project's total construction cost (工程总造价), 元.</param>
/// <param name="Rate">The share of the total cost, as a fraction (0.0015 = 0.15%).</param>
public sealed record ProjectPremiumRequest(decimal TotalCost, decimal Rate);

/// <summary>A construction project's premium and how it was computed (第二十六条, 第二十七条).</summary>
/// <param name="Amount">The premium the general contractor pays once before work starts, 元, rounded to the fen.</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record ProjectPremiumResult(decimal Amount, Explanation Explanation);

/// <summary>
/// Project premium: a share of the total construction cost, paid once by the general contractor before work starts (第二十六条, 第二十七条).
/// </summary>
public static class ProjectPremiumCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "project-premium";

    /// <summary>The premium, rounded once.</summary>
    public static ProjectPremiumResult Calculate(ProjectPremiumRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cost = NonNegative(request.TotalCost, "totalCost", new LocalizedText("工程总造价", "Total construction cost"));
        var rate = Fraction(request.Rate, "rate", new LocalizedText("费率", "Rate"));
        var x = new ExplanationBuilder();

        var amount = x.Add(
            new LocalizedText("建设项目工伤保险费", "Project premium"),
            new LocalizedText("工程总造价 × 费率，四舍五入到分；由施工总承包单位一次性代缴", "Total construction cost (工程总造价) × rate, rounded once to the fen; paid once by the general contractor (施工总承包单位一次性代缴)"),
            "第二十六条, 第二十七条",
            ToFen(cost * rate),
            ("totalCost", cost),
            ("rate", rate));

        return new ProjectPremiumResult(amount, x.Build());
    }
}
