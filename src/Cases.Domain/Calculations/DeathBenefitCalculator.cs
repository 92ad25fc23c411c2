using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>Input of the death benefits (工亡待遇) (第八十二条, 第八十三条).</summary>
/// <param name="InjuryOn">Day of the injury.</param>
/// <param name="DeathOn">Day of death; not before the injury.</param>
/// <param name="Dependants">Eligible dependants; may be empty.</param>
/// <param name="Base">The pension base when known (required under 第八十三条); else derived from the wages like the disability base.</param>
/// <param name="MonthlyWages">Monthly contributory wages before the injury, newest first; only the newest 12 count.</param>
/// <param name="InjuryMonthBase">Contribution base of the injury month; required when no base and no monthly wage are given.</param>
/// <param name="ProjectInsuredWageUnknown">Insured through a construction project and the own wage cannot be determined (第七十七条).</param>
/// <param name="NationalUrbanDisposableIncome">National urban per-capita disposable income of the year before the injury; wins over the table.</param>
/// <param name="ProvincialAverageMonthlyWageAtDeath">Provincial average monthly wage of the year before the death; wins over the table.</param>
/// <param name="ProvincialAverageMonthlyWageAtInjury">Provincial average monthly wage of the year before the injury (for the 60%–300% band); wins over the table.</param>
/// <param name="AfterPaidLeaveGrade1To4">A grade 1–4 worker who died after the paid medical leave period (第八十三条): no one-time death subsidy.</param>
public sealed record DeathBenefitRequest(
    DateOnly InjuryOn,
    DateOnly DeathOn,
    IReadOnlyList<PensionDependant> Dependants,
    decimal? Base = null,
    IReadOnlyList<decimal>? MonthlyWages = null,
    decimal? InjuryMonthBase = null,
    bool ProjectInsuredWageUnknown = false,
    decimal? NationalUrbanDisposableIncome = null,
    decimal? ProvincialAverageMonthlyWageAtDeath = null,
    decimal? ProvincialAverageMonthlyWageAtInjury = null,
    bool AfterPaidLeaveGrade1To4 = false);

/// <summary>Death benefits and how they were computed (第八十二条, 第八十三条).</summary>
/// <param name="DeathLumpSum">One-time death subsidy (一次性工亡补助金), 元; null under 第八十三条.</param>
/// <param name="FuneralGrant">Funeral grant (丧葬补助金), 元.</param>
/// <param name="PensionBase">The dependants' pension base, 元 a month; not rounded when derived.</param>
/// <param name="Dependants">Each dependant's monthly pension.</param>
/// <param name="PensionTotal">The monthly pensions' total; never more than the base.</param>
/// <param name="PensionScaled">True when the rates exceeded 100% (第八十四条).</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record DeathBenefitResult(
    decimal? DeathLumpSum,
    decimal FuneralGrant,
    decimal PensionBase,
    IReadOnlyList<DependantShare> Dependants,
    decimal PensionTotal,
    bool PensionScaled,
    Explanation Explanation);

/// <summary>
/// Death benefits: one-time death subsidy (20 × national urban per-capita disposable income of the year before the
/// injury), funeral grant (6 × provincial average monthly wage of the year before the death) and the dependants'
/// pensions (第八十二条, 第八十三条, 第八十四条; 《工伤保险条例》第三十九条).
/// </summary>
public static class DeathBenefitCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "death";

    /// <summary>Years of national urban per-capita disposable income in the one-time death subsidy.</summary>
    public const int DeathLumpSumYears = 20;

    /// <summary>Months of provincial average wage in the funeral grant.</summary>
    public const int FuneralGrantMonths = 6;

    /// <summary>The benefits; each is rounded once.</summary>
    public static DeathBenefitResult Calculate(DeathBenefitRequest request, IParameterSource? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DeathOn < request.InjuryOn)
        {
            throw new DomainValidationException(
                "deathOn", new LocalizedText(
                    $"死亡日期 {Iso(request.DeathOn)} 早于受伤日期 {Iso(request.InjuryOn)}，请核对。",
                    $"Death date {Iso(request.DeathOn)} is before the injury date {Iso(request.InjuryOn)}."));
        }

        var source = parameters ?? NoParameters.Instance;
        var x = new ExplanationBuilder();

        decimal? lumpSum = null;
        if (request.AfterPaidLeaveGrade1To4)
        {
            x.Add(
                new LocalizedText("一次性工亡补助金", "One-time death subsidy"),
                new LocalizedText("一至四级伤残职工在停工留薪期满后死亡的，只享受丧葬补助金和供养亲属抚恤金，不享受一次性工亡补助金", "A grade 1–4 worker who died after the paid medical leave period: funeral grant and dependants' pension only, no one-time death subsidy"),
                "第八十三条",
                (object?)null);
        }
        else
        {
            var incomeYear = request.InjuryOn.Year - 1;
            var (income, from) = Resolve(
                request.NationalUrbanDisposableIncome,
                "nationalUrbanDisposableIncome",
                () => source.NationalUrbanDisposableIncome(incomeYear),
                new LocalizedText(Invariant($"{incomeYear}年全国城镇居民人均可支配收入"), Invariant($"national urban per-capita disposable income of {incomeYear}")));
            x.Add(
                new LocalizedText("全国城镇居民人均可支配收入", "National urban disposable income"),
                new LocalizedText("工伤发生时上一年度的全国城镇居民人均可支配收入", "全国城镇居民人均可支配收入 of the year before the injury year (工伤发生时上年度)"),
                "第八十二条",
                income,
                ("source", from),
                ("incomeYear", incomeYear));
            lumpSum = x.Add(
                new LocalizedText("一次性工亡补助金", "One-time death subsidy"),
                new LocalizedText("上一年度全国城镇居民人均可支配收入 × 20，四舍五入到分", "20 × national urban per-capita disposable income of the year before the injury (一次性工亡补助金), rounded once to the fen"),
                "第八十二条; 《工伤保险条例》第三十九条",
                ToFen(DeathLumpSumYears * income),
                ("years", DeathLumpSumYears),
                ("nationalUrbanDisposableIncome", income));
        }

        var averageAtDeath = ProvincialAverage.Resolve(
            x,
            request.ProvincialAverageMonthlyWageAtDeath,
            request.DeathOn.Year,
            source,
            request.AfterPaidLeaveGrade1To4 ? "第八十三条" : "第八十二条",
            field: "provincialAverageMonthlyWageAtDeath",
            yearField: "deathOn",
            label: new LocalizedText("死亡时上一年度全省月平均工资", "Provincial average monthly wage of the year before the death"));
        var funeral = x.Add(
            new LocalizedText("丧葬补助金", "Funeral grant"),
            new LocalizedText("死亡时上一年度全省月平均工资 × 6，四舍五入到分", "6 × provincial average monthly wage of the year before the death (丧葬补助金), rounded once to the fen"),
            request.AfterPaidLeaveGrade1To4 ? "第八十三条; 《工伤保险条例》第三十九条" : "第八十二条; 《工伤保险条例》第三十九条",
            ToFen(FuneralGrantMonths * averageAtDeath),
            ("months", FuneralGrantMonths),
            ("provincialAverageMonthlyWage", averageAtDeath));

        var dependants = request.Dependants ?? [];
        var pensionBase = PensionBase(x, request, source);
        if (dependants.Count == 0)
        {
            x.Add(new LocalizedText("抚恤金合计", "Total pension"), new LocalizedText("没有符合条件的供养亲属：不发供养亲属抚恤金", "No eligible dependant: no dependants' pension"), "第八十二条", 0m);
            return new DeathBenefitResult(lumpSum, funeral, pensionBase, [], 0m, false, x.Build());
        }

        var pension = DependantsPensionCalculator.Apportion(x, pensionBase, dependants, "dependants", "pensionBase");
        return new DeathBenefitResult(
            lumpSum, funeral, pensionBase, pension.Dependants, pension.Total, pension.Scaled, x.Build());
    }

    private static decimal PensionBase(ExplanationBuilder x, DeathBenefitRequest request, IParameterSource source)
    {
        if (request.Base is { } given)
        {
            return x.Add(
                new LocalizedText("抚恤金计发基数", "Pension base"),
                new LocalizedText("表单填写的计发基数", "The pension base given by the request (计发基数)"),
                request.AfterPaidLeaveGrade1To4 ? "第八十三条" : "第八十二条",
                NonNegative(given, "base", new LocalizedText("抚恤金计发基数", "Pension base")),
                ("base", given));
        }

        if (request.AfterPaidLeaveGrade1To4)
        {
            throw new MissingParameterException(
                "base",
                new LocalizedText(
                    "按第八十三条须填写计发基数：取死亡前十二个月平均伤残津贴与工伤发生前本人平均工资中的较高者；已退休的，取死亡前十二个月平均基本养老金。",
                    "Parameter 'base' is required under 第八十三条: the higher of the average disability allowance of the 12 months before death and the average wage before the injury, or the average pension for a retired worker."));
        }

        var average = ProvincialAverage.Resolve(
            x,
            request.ProvincialAverageMonthlyWageAtInjury,
            request.InjuryOn.Year,
            source,
            "第八十二条",
            field: "provincialAverageMonthlyWageAtInjury",
            yearField: "injuryOn",
            label: new LocalizedText("受伤时上一年度全省月平均工资", "Provincial average monthly wage of the year before the injury"));
        var (wageBase, _, _) = WorkerWage.Derive(
            x, request.MonthlyWages, request.InjuryMonthBase, request.ProjectInsuredWageUnknown, average, "《工伤保险条例》第六十四条");
        return x.Add(
            new LocalizedText("抚恤金计发基数", "Pension base"),
            new LocalizedText("上下限调整后的本人工资（工伤发生前十二个月平均月缴费工资）；此步不舍入，各人抚恤金各舍入一次", "The worker's own wage within the band (工伤发生前本人十二个月平均月缴费工资); not rounded, each pension is rounded once"),
            "第八十二条",
            wageBase,
            ("wageBase", wageBase));
    }
}
