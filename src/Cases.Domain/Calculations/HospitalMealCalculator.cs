using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>Input of the hospital meal subsidy (住院伙食补助费) (第六十七条).</summary>
/// <param name="Days">Days in hospital.</param>
/// <param name="DailyStandard">The provincial standard a day, 元; wins over the table.</param>
/// <param name="CityCode">The city, to look the standard up.</param>
/// <param name="Year">The year of the stay, to look the standard up.</param>
public sealed record HospitalMealRequest(int Days, decimal? DailyStandard = null, string? CityCode = null, int? Year = null);

/// <summary>The hospital meal subsidy and how it was computed (第六十七条).</summary>
/// <param name="DailyStandard">The standard a day used.</param>
/// <param name="Amount">The subsidy, 元, rounded to the fen.</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record HospitalMealResult(decimal DailyStandard, decimal Amount, Explanation Explanation);

/// <summary>Hospital meal subsidy: the provincial standard a day × days in hospital (第六十七条).</summary>
public static class HospitalMealCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "hospital-meal";

    /// <summary>The subsidy, rounded once.</summary>
    public static HospitalMealResult Calculate(HospitalMealRequest request, IParameterSource? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Days < 0)
        {
            throw new DomainValidationException("days", new LocalizedText(
                Invariant($"住院天数不能为负数（填写的是 {request.Days}）。"),
                Invariant($"Days in hospital must not be negative; got {request.Days}.")));
        }

        var x = new ExplanationBuilder();
        if (request.DailyStandard is null && (request.CityCode is null || request.Year is null))
        {
            throw new MissingParameterException(
                "dailyStandard",
                new LocalizedText(
                    "请填写日补助标准，或填写参保地市和年度，以便从参数表中取数。",
                    "Parameter 'dailyStandard' is required: give it, or give 'cityCode' and 'year' so it can be taken from the parameter table."));
        }

        var city = request.CityCode is null ? null : CityCode(request.CityCode, "cityCode");
        var year = request.Year is { } y ? Year(y, "year") : (int?)null;
        var source = parameters ?? NoParameters.Instance;
        var (standard, from) = Resolve(
            request.DailyStandard,
            "dailyStandard",
            () => source.HospitalMealDailyStandard(city!, year!.Value),
            new LocalizedText(
                Invariant($"{(city is null ? "" : Parties.City.Parse(city).NameZh)}{year}年住院伙食补助费日标准"),
                Invariant($"hospital meal subsidy a day for city {city} in {year}")));
        x.Add(
            new LocalizedText("日补助标准", "Daily standard"),
            new LocalizedText("省规定的住院伙食补助费每日标准", "The provincial hospital meal subsidy standard a day (省规定的伙食补助费标准)"),
            "第六十七条",
            standard,
            ("source", from),
            ("cityCode", (object?)city ?? "-"),
            ("year", (object?)year ?? "-"));

        var amount = x.Add(
            new LocalizedText("住院伙食补助费", "Hospital meal subsidy"),
            new LocalizedText("日补助标准 × 住院天数，四舍五入到分", "Daily standard × days in hospital (住院伙食补助费), rounded once to the fen"),
            "第六十七条",
            ToFen(standard * request.Days),
            ("dailyStandard", standard),
            ("days", request.Days));

        return new HospitalMealResult(standard, amount, x.Build());
    }
}
