using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>Input of the top-up of medical costs a third party compensated (第八十九条, 第九十条).</summary>
/// <param name="EligibleMedicalCost">The medical cost the fund would pay (within the three catalogues), 元.</param>
/// <param name="CompensatedMedicalAmount">The medical cost the civil compensation document assigns to the third party, 元.</param>
public sealed record ThirdPartyTopUpRequest(decimal EligibleMedicalCost, decimal CompensatedMedicalAmount);

/// <summary>The fund's top-up and how it was computed (第九十条).</summary>
/// <param name="TopUp">The difference the fund pays, 元, never negative.</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record ThirdPartyTopUpResult(decimal TopUp, Explanation Explanation);

/// <summary>
/// Third-party top-up: the fund pays the difference between the eligible medical cost and what the civil compensation
/// covered, never the same cost twice (第八十九条, 第九十条).
/// </summary>
public static class ThirdPartyTopUpCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "third-party-top-up";

    /// <summary>The top-up, rounded once; 0 when the compensation covers the whole eligible cost.</summary>
    public static ThirdPartyTopUpResult Calculate(ThirdPartyTopUpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var eligible = NonNegative(request.EligibleMedicalCost, "eligibleMedicalCost", new LocalizedText("可报销医疗费", "Eligible medical cost"));
        var compensated = NonNegative(request.CompensatedMedicalAmount, "compensatedMedicalAmount", new LocalizedText("已获赔医疗费", "Compensated medical amount"));
        var x = new ExplanationBuilder();

        var topUp = x.Add(
            new LocalizedText("医疗费差额补足", "Top-up of the medical cost"),
            new LocalizedText("可报销医疗费 − 第三人已赔付的医疗费，差额予以补足，最低为 0（不得重复享受），四舍五入到分", "Eligible medical cost − medical cost compensated by the third party (医疗费差额予以补足), never below 0 (不得重复享受), rounded once to the fen"),
            "第九十条",
            ToFen(Math.Max(0m, eligible - compensated)),
            ("eligibleMedicalCost", eligible),
            ("compensatedMedicalAmount", compensated));

        return new ThirdPartyTopUpResult(topUp, x.Build());
    }
}
