using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

/// <summary>An in-memory parameter table for the tests; a figure not added is missing.</summary>
internal sealed class TableParameters : IParameterSource
{
    private readonly Dictionary<int, decimal> averages = [];
    private readonly Dictionary<int, decimal> incomes = [];
    private readonly Dictionary<(string, int), decimal> minimumWages = [];
    private readonly Dictionary<(string, int), decimal> mealStandards = [];
    private readonly Dictionary<(TerminationBenefit, int, int), decimal> months = [];

    /// <summary>National urban per-capita disposable income, National Bureau of Statistics (the published yearly figures).</summary>
    public static TableParameters WithNationalIncomes() =>
        new TableParameters().Income(2022, 49_283m).Income(2023, 51_821m).Income(2024, 54_188m).Income(2025, 56_502m);

    public TableParameters Average(int year, decimal value)
    {
        averages[year] = value;
        return this;
    }

    public TableParameters Income(int year, decimal value)
    {
        incomes[year] = value;
        return this;
    }

    public TableParameters Minimum(string city, int year, decimal value)
    {
        minimumWages[(city, year)] = value;
        return this;
    }

    public TableParameters Meal(string city, int year, decimal value)
    {
        mealStandards[(city, year)] = value;
        return this;
    }

    public TableParameters Months(TerminationBenefit benefit, int grade, int fromYear, decimal value)
    {
        months[(benefit, grade, fromYear)] = value;
        return this;
    }

    public decimal? TerminationLumpSumMonths(TerminationBenefit benefit, int grade, int year) =>
        months.Where(m => m.Key.Item1 == benefit && m.Key.Item2 == grade && m.Key.Item3 <= year).OrderByDescending(m => m.Key.Item3).Select(m => (decimal?)m.Value).FirstOrDefault();

    public decimal? ProvincialAverageMonthlyWage(int year) => averages.TryGetValue(year, out var v) ? v : null;

    public decimal? NationalUrbanDisposableIncome(int year) => incomes.TryGetValue(year, out var v) ? v : null;

    public decimal? MinimumWage(string cityCode, int year) => minimumWages.TryGetValue((cityCode, year), out var v) ? v : null;

    public decimal? HospitalMealDailyStandard(string cityCode, int year) => mealStandards.TryGetValue((cityCode, year), out var v) ? v : null;
}
