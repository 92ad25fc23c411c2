using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>Which bound of the 60%–300% band was applied to a wage (第二十六条; 《工伤保险条例》第六十四条).</summary>
public enum ClampApplied
{
    /// <summary>The wage was below 60% of the provincial average: raised to 60% (下限).</summary>
    Floor = 1,

    /// <summary>The wage was above 300% of the provincial average: lowered to 300% (上限).</summary>
    Cap = 2,
}

/// <summary>Input of an individual's contribution base (缴费基数) (第二十六条).</summary>
/// <param name="MonthlyWage">The worker's contributory wage (缴费工资) a month, 元.</param>
/// <param name="Year">The contribution year; the band uses the provincial average of the year before. Optional when the average is given.</param>
/// <param name="ProvincialAverageMonthlyWage">The previous year's provincial average monthly wage; wins over the parameter table.</param>
public sealed record ContributionBaseRequest(decimal MonthlyWage, int? Year = null, decimal? ProvincialAverageMonthlyWage = null);

/// <summary>An individual's contribution base and how it was computed (第二十六条).</summary>
/// <param name="Base">The contribution base, 元 a month, rounded to the fen.</param>
/// <param name="Clamped">Which bound applied; null when the wage lay within the band.</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record ContributionBaseResult(decimal Base, ClampApplied? Clamped, Explanation Explanation);

/// <summary>
/// Contribution base: the contributory wage kept within 60%–300% of the previous year's provincial average monthly
/// wage (全省上年度全口径城镇单位就业人员平均工资) (第二十六条).
/// </summary>
public static class ContributionBaseCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "contribution-base";

    /// <summary>The base; the band's bounds are not rounded, only the base is (once).</summary>
    public static ContributionBaseResult Calculate(ContributionBaseRequest request, IParameterSource? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wage = NonNegative(request.MonthlyWage, "monthlyWage", new LocalizedText("月缴费工资", "Monthly wage"));
        var source = parameters ?? NoParameters.Instance;
        var x = new ExplanationBuilder();

        var average = ProvincialAverage.Resolve(x, request.ProvincialAverageMonthlyWage, request.Year, source, "第二十六条");
        var (clampedWage, clamped) = ProvincialAverage.Clamp(x, wage, average, "monthlyWage", "第二十六条");

        var contributionBase = x.Add(
            new LocalizedText("缴费基数", "Contribution base"),
            new LocalizedText("上下限调整后的工资，四舍五入到分", "The wage within the band, rounded once to the fen (缴费基数)"),
            "第二十六条",
            ToFen(clampedWage),
            ("wageWithinBand", clampedWage));

        return new ContributionBaseResult(contributionBase, clamped, x.Build());
    }
}

/// <summary>Look-up of the previous year's provincial average and the 60%–300% band shared by several calculators.</summary>
internal static class ProvincialAverage
{
    public const decimal FloorShare = 0.6m;
    public const decimal CapShare = 3m;

    /// <summary>
    /// The average given explicitly, else the table's figure for <c>year − 1</c>; recorded as a step.
    /// <paramref name="year"/> is the year of the event (contribution year, injury year, death year …).
    /// </summary>
    public static decimal Resolve(
        ExplanationBuilder x,
        decimal? explicitValue,
        int? year,
        IParameterSource source,
        string basis,
        string field = "provincialAverageMonthlyWage",
        string yearField = "year",
        LocalizedText? label = null)
    {
        if (explicitValue is null && year is null)
        {
            throw new MissingParameterException(field, new LocalizedText(
                "请填写全省上年度月平均工资，或填写年度（日期），以便从参数表中取数。",
                $"Parameter '{field}' is required: give it, or give '{yearField}' so it can be taken from the parameter table."));
        }

        var previousYear = year is { } y ? Year(y, yearField) - 1 : (int?)null;
        var (value, from) = CalculationRules.Resolve(
            explicitValue,
            field,
            () => source.ProvincialAverageMonthlyWage(previousYear!.Value),
            new LocalizedText(Invariant($"{previousYear}年全省月平均工资"), Invariant($"provincial average monthly wage of {previousYear}")));

        var values = new List<(string, object)> { ("source", from) };
        if (previousYear is { } p)
        {
            values.Add(("averageYear", p));
        }

        return x.Add(
            label ?? new LocalizedText("全省上年度月平均工资", "Provincial average monthly wage of the previous year"),
            new LocalizedText("全省上年度全口径城镇单位就业人员月平均工资：取事项发生上一年度的数额，来自表单或参数表", "全省上年度全口径城镇单位就业人员月平均工资: the figure of the year before the event, from the request or the parameter table"),
            basis,
            value,
            [.. values]);
    }

    /// <summary>Keeps <paramref name="wage"/> within [60%, 300%] of <paramref name="average"/>; nothing is rounded here.</summary>
    public static (decimal Wage, ClampApplied? Clamped) Clamp(ExplanationBuilder x, decimal wage, decimal average, string wageName, string basis)
    {
        var floor = average * FloorShare;
        var cap = average * CapShare;
        ClampApplied? clamped = wage < floor ? ClampApplied.Floor : wage > cap ? ClampApplied.Cap : null;
        var result = clamped switch
        {
            ClampApplied.Floor => floor,
            ClampApplied.Cap => cap,
            _ => wage,
        };

        x.Add(
            new LocalizedText("60%–300% 上下限", "60%–300% band"),
            new LocalizedText("低于全省月平均工资 60% 的按 60% 计，高于 300% 的按 300% 计，其间按本人工资计（此步不舍入）", "If the wage is below 60% of the average, take 60%; above 300%, take 300%; otherwise the wage itself (not rounded here)"),
            basis,
            result,
            (wageName, wage),
            ("floor60Percent", floor),
            ("cap300Percent", cap),
            ("clamped", clamped switch { ClampApplied.Floor => "floor", ClampApplied.Cap => "cap", _ => "none" }));
        return (result, clamped);
    }
}
