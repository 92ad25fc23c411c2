using Cases.Domain.Injuries;
using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>The two one-time benefits due when a grade 5–10 worker's employment ends (第八十条).</summary>
public enum TerminationBenefit
{
    /// <summary>一次性工伤医疗补助金, paid by the fund.</summary>
    Medical = 1,

    /// <summary>一次性伤残就业补助金, paid by the employer.</summary>
    Employment = 2,
}

/// <summary>Input of the one-time benefits on termination of a grade 5–10 worker's employment (第八十条).</summary>
/// <param name="Grade">Disability grade 5 (五级) to 10 (十级).</param>
/// <param name="TerminatedOn">Day the labour or engagement contract ended (依法解除或终止).</param>
/// <param name="ProvincialAverageMonthlyWage">The provincial average monthly wage of the year before the termination; wins over the table.</param>
/// <param name="MedicalMonths">Shandong's months of 一次性工伤医疗补助金 for the grade; wins over the table.</param>
/// <param name="EmploymentMonths">Shandong's months of 一次性伤残就业补助金 for the grade; wins over the table.</param>
public sealed record TerminationLumpSumRequest(
    int Grade,
    DateOnly TerminatedOn,
    decimal? ProvincialAverageMonthlyWage = null,
    decimal? MedicalMonths = null,
    decimal? EmploymentMonths = null);

/// <summary>The one-time benefits on termination and how they were computed (第八十条).</summary>
/// <param name="MedicalLumpSum">一次性工伤医疗补助金, paid by the fund, 元.</param>
/// <param name="EmploymentLumpSum">一次性伤残就业补助金, paid by the employer, 元.</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record TerminationLumpSumResult(decimal MedicalLumpSum, decimal EmploymentLumpSum, Explanation Explanation);

/// <summary>
/// 第八十条: when a grade 5–10 worker's employment ends lawfully, the fund pays 一次性工伤医疗补助金 and the employer
/// pays 一次性伤残就业补助金, each Shandong's months for the grade × the provincial average monthly wage of the year
/// before the termination; the work-injury insurance relationship then ends. The months are provincial figures an
/// administrator enters (by grade, with the year they took effect); none is built in.
/// </summary>
public static class TerminationLumpSumCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "termination-lump-sums";

    /// <summary>Each benefit rounded once to the fen.</summary>
    public static TerminationLumpSumResult Calculate(TerminationLumpSumRequest request, IParameterSource? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var grade = DisabilityGrade.From(request.Grade, "grade");
        if (grade.Value < 5)
        {
            throw new DomainValidationException("grade", new LocalizedText(
                "第八十条适用于五至十级伤残；一至四级保留劳动关系、领取伤残津贴，不以此方式终止工伤保险关系。",
                "第八十条 applies to grades 5 to 10; grades 1–4 keep their allowance and do not end the insurance relationship this way."));
        }

        var source = parameters ?? NoParameters.Instance;
        var x = new ExplanationBuilder();
        var year = request.TerminatedOn.Year;
        var average = ProvincialAverage.Resolve(x, request.ProvincialAverageMonthlyWage, year, source, "第八十条", yearField: "terminatedOn");

        decimal Benefit(TerminationBenefit benefit, decimal? given, string field, LocalizedText what, LocalizedText payer)
        {
            var (months, from) = Resolve(given, field, () => source.TerminationLumpSumMonths(benefit, grade.Value, year),
                new LocalizedText(
                    Invariant($"{year}年执行的山东省{grade.Value}级伤残{what.Zh}月数"),
                    Invariant($"Shandong's months of {what.En} for grade {grade.Value} in force in {year}")));
            return x.Add(
                what,
                new LocalizedText(
                    Invariant($"{grade.Value}级伤残对应月数（山东省标准，取自{(from == "request" ? "表单" : "参数表")}）× 全省上年度月平均工资，四舍五入到分；由{payer.Zh}支付"),
                    Invariant($"Months for grade {grade.Value} (Shandong, from the {from}) × provincial average monthly wage of the previous year, rounded once to the fen; paid by {payer.En}")),
                "第八十条",
                ToFen(months * average),
                ("grade", grade.Value),
                ("months", months),
                ("provincialAverageMonthlyWage", average),
                ("terminatedOn", Iso(request.TerminatedOn)));
        }

        var medical = Benefit(TerminationBenefit.Medical, request.MedicalMonths, "medicalMonths",
            new LocalizedText("一次性工伤医疗补助金", "One-time work-injury medical subsidy"), new LocalizedText("工伤保险基金", "the fund"));
        var employment = Benefit(TerminationBenefit.Employment, request.EmploymentMonths, "employmentMonths",
            new LocalizedText("一次性伤残就业补助金", "One-time disability employment subsidy"), new LocalizedText("用人单位", "the employer"));
        return new TerminationLumpSumResult(medical, employment, x.Build());
    }
}
