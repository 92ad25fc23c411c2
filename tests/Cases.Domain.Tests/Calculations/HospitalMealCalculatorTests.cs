using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class HospitalMealCalculatorTests
{
    [Fact]
    public void Calculate_multiplies_the_daily_standard_by_the_days()
    {
        var result = HospitalMealCalculator.Calculate(new HospitalMealRequest(15, DailyStandard: 30m));

        Assert.Equal(450m, result.Amount);
        Assert.All(result.Explanation.Steps, s => Assert.Equal("第六十七条", s.Basis));
    }

    [Fact]
    public void Calculate_takes_the_city_standard_of_the_year_from_the_table()
    {
        var table = new TableParameters().Meal("370200", 2025, 40m).Meal("370200", 2024, 30m);

        var result = HospitalMealCalculator.Calculate(new HospitalMealRequest(10, CityCode: "370200", Year: 2025), table);

        Assert.Equal(40m, result.DailyStandard);
        Assert.Equal(400m, result.Amount);
    }

    [Fact]
    public void Calculate_rounds_half_a_fen_away_from_zero()
    {
        // 5 × 20.005 = 100.025 → 100.03.
        Assert.Equal(100.03m, HospitalMealCalculator.Calculate(new HospitalMealRequest(5, DailyStandard: 20.005m)).Amount);
    }

    [Fact]
    public void Calculate_reports_a_standard_the_table_lacks()
    {
        var ex = Assert.Throws<MissingParameterException>(
            () => HospitalMealCalculator.Calculate(new HospitalMealRequest(3, CityCode: "370100", Year: 2025), new TableParameters()));

        Assert.Equal("dailyStandard", ex.Parameter);
    }

    [Fact]
    public void Calculate_refuses_negative_days()
    {
        var ex = Assert.Throws<DomainValidationException>(() => HospitalMealCalculator.Calculate(new HospitalMealRequest(-1, DailyStandard: 30m)));

        Assert.Equal("days", ex.Field);
    }

    [Fact]
    public void Calculate_refuses_an_unknown_city()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => HospitalMealCalculator.Calculate(new HospitalMealRequest(3, CityCode: "110000", Year: 2025), new TableParameters()));

        Assert.Equal("cityCode", ex.Field);
    }
}
