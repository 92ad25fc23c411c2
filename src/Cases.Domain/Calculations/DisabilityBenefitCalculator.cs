using Cases.Domain.Injuries;
using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>Who pays the monthly disability allowance (伤残津贴) (第七十七条, 第七十九条; 《工伤保险条例》第三十五条, 第三十六条).</summary>
public enum AllowancePayer
{
    /// <summary>The work-injury insurance fund (grades 1–4).</summary>
    Fund = 1,

    /// <summary>The employer (grades 5–6, when no suitable work can be arranged).</summary>
    Employer = 2,
}

/// <summary>Input of the disability benefits of a graded worker (第七十五条, 第七十七条).</summary>
/// <param name="Grade">Disability grade 1 (一级) to 10 (十级).</param>
/// <param name="InjuryOn">Day of the injury (or diagnosis of the occupational disease).</param>
/// <param name="MonthlyWages">Monthly contributory wages before the injury, newest first; only the newest 12 count.</param>
/// <param name="InjuryMonthBase">Contribution base of the injury month; required when no monthly wage is given.</param>
/// <param name="ProvincialAverageMonthlyWage">Provincial average monthly wage of the year before the injury; wins over the table.</param>
/// <param name="MinimumWage">The city's monthly minimum wage for the allowance period; wins over the table (grades 1–6).</param>
/// <param name="CityCode">The insuring city (参保地), to look up the minimum wage.</param>
/// <param name="AppraisedOn">Day of the appraisal conclusion; the allowance runs from the next month (第七十五条), whose year picks the minimum wage.</param>
/// <param name="ProjectInsuredWageUnknown">Insured through a construction project and the own wage cannot be determined (第七十七条).</param>
public sealed record DisabilityBenefitRequest(
    int Grade,
    DateOnly InjuryOn,
    IReadOnlyList<decimal>? MonthlyWages = null,
    decimal? InjuryMonthBase = null,
    decimal? ProvincialAverageMonthlyWage = null,
    decimal? MinimumWage = null,
    string? CityCode = null,
    DateOnly? AppraisedOn = null,
    bool ProjectInsuredWageUnknown = false);

/// <summary>Disability benefits and how they were computed (第七十五条, 第七十七条, 第七十九条).</summary>
/// <param name="WageBase">The wage base (本人工资) after the 60%–300% band; not rounded (each benefit is rounded once).</param>
/// <param name="WageBeforeClamp">The own wage before the band; not rounded.</param>
/// <param name="Clamped">Which bound of the band applied, or null.</param>
/// <param name="LumpSumMonths">Months of wage for the one-time disability subsidy.</param>
/// <param name="LumpSum">One-time disability subsidy (一次性伤残补助金), 元, rounded to the fen.</param>
/// <param name="AllowanceRate">Share of the wage base for the monthly allowance (grades 1–6), else null.</param>
/// <param name="AllowanceBeforeTopUp">Wage base × rate rounded to the fen, before the minimum-wage top-up; null for grades 7–10.</param>
/// <param name="MinimumWageTopUp">The difference paid up to the minimum wage; 0 when none; null for grades 7–10.</param>
/// <param name="MonthlyAllowance">Monthly disability allowance (伤残津贴) payable, 元; null for grades 7–10.</param>
/// <param name="AllowancePayer">Fund (grades 1–4), employer (5–6), or null (7–10).</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record DisabilityBenefitResult(
    decimal WageBase,
    decimal WageBeforeClamp,
    ClampApplied? Clamped,
    int LumpSumMonths,
    decimal LumpSum,
    decimal? AllowanceRate,
    decimal? AllowanceBeforeTopUp,
    decimal? MinimumWageTopUp,
    decimal? MonthlyAllowance,
    AllowancePayer? AllowancePayer,
    Explanation Explanation);

/// <summary>
/// Disability benefits by grade: the one-time disability subsidy and the monthly disability allowance, with the
/// minimum-wage top-up (第七十五条, 第七十七条, 第七十九条; 《工伤保险条例》第三十五～三十七条, 第六十四条).
/// </summary>
public static class DisabilityBenefitCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "disability";

    private static readonly int[] LumpSumMonthsByGrade = [27, 25, 23, 21, 18, 16, 13, 11, 9, 7];
    private static readonly decimal[] AllowanceRateByGrade = [0.90m, 0.85m, 0.80m, 0.75m, 0.70m, 0.60m];

    /// <summary>Months of wage for the one-time disability subsidy of a grade (《工伤保险条例》第三十五～三十七条).</summary>
    public static int LumpSumMonths(DisabilityGrade grade) => LumpSumMonthsByGrade[grade.Value - 1];

    /// <summary>Share of the wage base paid as monthly allowance for grades 1–6, else null (《工伤保险条例》第三十五条, 第三十六条).</summary>
    public static decimal? AllowanceRate(DisabilityGrade grade) => grade.Value <= 6 ? AllowanceRateByGrade[grade.Value - 1] : null;

    /// <summary>The benefits; the wage base is carried unrounded and each benefit is rounded once.</summary>
    public static DisabilityBenefitResult Calculate(DisabilityBenefitRequest request, IParameterSource? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var grade = DisabilityGrade.From(request.Grade, "grade");
        if (request.AppraisedOn is { } appraised && appraised < request.InjuryOn)
        {
            throw new DomainValidationException(
                "appraisedOn", new LocalizedText(
                    $"鉴定结论日期 {Iso(appraised)} 早于受伤日期 {Iso(request.InjuryOn)}，请核对。",
                    $"Appraisal date {Iso(appraised)} is before the injury date {Iso(request.InjuryOn)}."));
        }

        var source = parameters ?? NoParameters.Instance;
        var x = new ExplanationBuilder();

        var average = ProvincialAverage.Resolve(
            x, request.ProvincialAverageMonthlyWage, request.InjuryOn.Year, source, "第七十七条", yearField: "injuryOn");
        var (wageBase, wageBeforeClamp, clamped) = WorkerWage.Derive(
            x, request.MonthlyWages, request.InjuryMonthBase, request.ProjectInsuredWageUnknown, average, "《工伤保险条例》第六十四条");

        var months = LumpSumMonths(grade);
        var lumpSum = x.Add(
            new LocalizedText("一次性伤残补助金", "One-time disability subsidy"),
            new LocalizedText("本人工资 × 伤残等级对应月数（一至十级依次为 27、25、23、21、18、16、13、11、9、7 个月），四舍五入到分", "Wage base × months for the grade (一次性伤残补助金: 27, 25, 23, 21, 18, 16, 13, 11, 9, 7 months for grades 1–10), rounded once to the fen"),
            grade.Value <= 4 ? "第七十七条; 《工伤保险条例》第三十五条" : grade.Value <= 6 ? "第七十七条; 《工伤保险条例》第三十六条" : "第七十七条; 《工伤保险条例》第三十七条",
            ToFen(wageBase * months),
            ("grade", grade.Value),
            ("wageBase", wageBase),
            ("months", months));

        if (AllowanceRate(grade) is not { } rate)
        {
            x.Add(
                new LocalizedText("伤残津贴", "Monthly disability allowance"),
                new LocalizedText("七至十级伤残不享受伤残津贴", "Grades 7–10 receive no monthly disability allowance (伤残津贴)"),
                "《工伤保险条例》第三十七条",
                (object?)null,
                ("grade", grade.Value));
            return new DisabilityBenefitResult(wageBase, wageBeforeClamp, clamped, months, lumpSum, null, null, null, null, null, x.Build());
        }

        var fundPays = grade.Value <= 4;
        var allowanceArticle = fundPays ? "第七十七条; 《工伤保险条例》第三十五条" : "《工伤保险条例》第三十六条";
        var beforeTopUp = x.Add(
            new LocalizedText("按等级比例计算的伤残津贴", "Monthly allowance at the grade's rate"),
            fundPays
                ? new LocalizedText("本人工资 × 比例（一至四级依次为 90%、85%、80%、75%），四舍五入到分；自鉴定结论作出的次月起由工伤保险基金支付", "Wage base × rate (伤残津贴: 90%, 85%, 80%, 75% for grades 1–4), rounded once to the fen; paid by the fund from the month after the appraisal")
                : new LocalizedText("本人工资 × 比例（五级 70%、六级 60%），四舍五入到分；难以安排工作的，由用人单位按月发给", "Wage base × rate (伤残津贴: 70% grade 5, 60% grade 6), rounded once to the fen; paid by the employer while no suitable work can be arranged"),
            allowanceArticle,
            ToFen(wageBase * rate),
            ("grade", grade.Value),
            ("wageBase", wageBase),
            ("rate", rate));

        var minimumWage = ResolveMinimumWage(x, request, source);
        var topUp = x.Add(
            new LocalizedText("最低工资补差", "Minimum-wage top-up"),
            fundPays
                ? new LocalizedText("伤残津贴低于参保地同期最低工资标准的，由工伤保险基金补足差额；否则为 0", "If the allowance is below the insuring city's minimum wage for the same period, the fund pays the difference (由工伤保险基金补足差额); else 0")
                : new LocalizedText("伤残津贴低于当地最低工资标准的，由用人单位补足差额；否则为 0", "If the allowance is below the local minimum wage, the employer pays the difference (由用人单位补足差额); else 0"),
            fundPays ? "第七十七条" : "《工伤保险条例》第三十六条",
            Math.Max(0m, minimumWage - beforeTopUp),
            ("allowanceAtRate", beforeTopUp),
            ("minimumWage", minimumWage));

        var payer = fundPays ? Calculations.AllowancePayer.Fund : Calculations.AllowancePayer.Employer;
        var allowance = x.Add(
            new LocalizedText("伤残津贴", "Monthly disability allowance"),
            fundPays
                ? new LocalizedText("按比例计算的伤残津贴 + 补差；由工伤保险基金支付至退休，退休后改领基本养老保险待遇，低于伤残津贴的由基金补足差额（第七十九条）", "Allowance at the rate + top-up; paid by the fund (基金支付) until retirement, when the pension replaces it and the fund makes up any shortfall (第七十九条)")
                : new LocalizedText("按比例计算的伤残津贴 + 补差；由用人单位支付，并由用人单位缴纳社会保险费", "Allowance at the rate + top-up; paid by the employer (用人单位支付), which also pays the social insurance contributions"),
            fundPays ? "第七十五条, 第七十七条, 第七十九条" : "《工伤保险条例》第三十六条",
            beforeTopUp + topUp,
            ("allowanceAtRate", beforeTopUp),
            ("topUp", topUp),
            ("payer", fundPays ? "fund" : "employer"));

        return new DisabilityBenefitResult(
            wageBase, wageBeforeClamp, clamped, months, lumpSum, rate, beforeTopUp, topUp, allowance, payer, x.Build());
    }

    private static decimal ResolveMinimumWage(ExplanationBuilder x, DisabilityBenefitRequest request, IParameterSource source)
    {
        if (request.MinimumWage is null && (request.CityCode is null || request.AppraisedOn is null))
        {
            throw new MissingParameterException(
                "minimumWage",
                new LocalizedText(
                    "一至六级须有最低工资标准：请填写最低工资，或填写参保地市和鉴定结论日期，以便从参数表中取该市同期的最低工资标准。",
                    "Parameter 'minimumWage' is required for grades 1–6: give it, or give 'cityCode' and 'appraisedOn' so the city's minimum wage for the allowance period can be taken from the parameter table."));
        }

        var city = request.CityCode is null ? null : CityCode(request.CityCode, "cityCode");

        // The allowance is paid from the month after the appraisal conclusion (第七十五条): that month's year.
        var allowanceYear = request.AppraisedOn is { } on ? on.AddMonths(1).Year : (int?)null;
        var (value, from) = Resolve(
            request.MinimumWage,
            "minimumWage",
            () => source.MinimumWage(city!, allowanceYear!.Value),
            new LocalizedText(
                Invariant($"{(city is null ? "" : Parties.City.Parse(city).NameZh)}{allowanceYear}年月最低工资标准"),
                Invariant($"monthly minimum wage of city {city} in {allowanceYear}")));

        var values = new List<(string, object)> { ("source", from) };
        if (city is not null)
        {
            values.Add(("cityCode", city));
        }

        if (allowanceYear is { } year)
        {
            values.Add(("allowanceYear", year));
        }

        return x.Add(
            new LocalizedText("最低工资标准", "Minimum wage"),
            new LocalizedText("参保地同期月最低工资标准；伤残津贴自鉴定结论作出的次月起计发", "The insuring city's monthly minimum wage (最低工资标准) for the allowance period, which starts the month after the appraisal conclusion"),
            "第七十五条, 第七十七条",
            value,
            [.. values]);
    }
}
