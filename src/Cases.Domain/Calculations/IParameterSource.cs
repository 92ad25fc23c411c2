namespace Cases.Domain.Calculations;

/// <summary>
/// The administrators' parameter table as the calculators see it (average wages, incomes, minimum wages, meal standards);
/// null means the table has no figure, and a figure the request gives explicitly always wins (第二十六条, 第六十七条, 第七十七条, 第八十二条).
/// </summary>
public interface IParameterSource
{
    /// <summary>全省全口径城镇单位就业人员月平均工资 of <paramref name="year"/>, in 元 a month.</summary>
    decimal? ProvincialAverageMonthlyWage(int year);

    /// <summary>全国城镇居民人均可支配收入 of <paramref name="year"/>, in 元 a year (National Bureau of Statistics).</summary>
    decimal? NationalUrbanDisposableIncome(int year);

    /// <summary>The monthly minimum wage (月最低工资标准) of the city in force in <paramref name="year"/>, in 元 a month.</summary>
    decimal? MinimumWage(string cityCode, int year);

    /// <summary>The hospital meal subsidy (住院伙食补助费) a day for the city in <paramref name="year"/>, in 元 a day.</summary>
    decimal? HospitalMealDailyStandard(string cityCode, int year);

    /// <summary>Shandong's months of a 第八十条 one-time benefit for a grade (5–10), the figure in force in <paramref name="year"/>.</summary>
    decimal? TerminationLumpSumMonths(TerminationBenefit benefit, int grade, int year);
}

/// <summary>A parameter source with no figures: every figure must come with the request (第二十六条 and the other calculators' articles).</summary>
public sealed class NoParameters : IParameterSource
{
    /// <summary>The one instance.</summary>
    public static NoParameters Instance { get; } = new();

    private NoParameters()
    {
    }

    public decimal? ProvincialAverageMonthlyWage(int year) => null;

    public decimal? NationalUrbanDisposableIncome(int year) => null;

    public decimal? MinimumWage(string cityCode, int year) => null;

    public decimal? HospitalMealDailyStandard(string cityCode, int year) => null;

    public decimal? TerminationLumpSumMonths(TerminationBenefit benefit, int grade, int year) => null;
}
