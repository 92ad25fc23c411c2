namespace Cases.Application.Records;

/// <summary>
/// One figure of the parameter table (average wages, incomes, minimum wages, meal standards), with where it comes
/// from. Calculators never guess: a figure the table lacks must come with the request, or the request is refused.
/// </summary>
public sealed class ParameterValue
{
    public long Id { get; set; }

    /// <summary>provincialAverageMonthlyWage, nationalUrbanDisposableIncome, minimumWage or hospitalMealDailyStandard.</summary>
    public string Name { get; set; } = "";

    public int Year { get; set; }

    /// <summary>"" for figures that hold for the whole province (or the nation); a city code for city figures.</summary>
    public string CityCode { get; set; } = "";

    public decimal Value { get; set; }

    /// <summary>The publication the figure comes from (e.g. "国家统计局 2024年国民经济和社会发展统计公报").</summary>
    public string Source { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>An administrator's change to the parameter table, kept for audit (规程 第一百二十条).</summary>
public sealed class ParameterChange
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public int Year { get; set; }

    public string CityCode { get; set; } = "";

    public decimal? Before { get; set; }

    public decimal? After { get; set; }

    public string Source { get; set; } = "";

    public string Reason { get; set; } = "";

    public string ChangedBy { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }
}
