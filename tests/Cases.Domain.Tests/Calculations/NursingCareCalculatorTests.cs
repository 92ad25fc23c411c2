using Cases.Domain.Calculations;
using Cases.Domain.Injuries;

namespace Cases.Domain.Tests.Calculations;

public sealed class NursingCareCalculatorTests
{
    [Theory]
    [InlineData(SelfCareLevel.Complete, 3500)]
    [InlineData(SelfCareLevel.Major, 2800)]
    [InlineData(SelfCareLevel.Partial, 2100)]
    public void Calculate_pays_50_40_30_percent_of_the_previous_years_average(SelfCareLevel level, int expected)
    {
        var result = NursingCareCalculator.Calculate(new NursingCareRequest(level, Year: 2025), new TableParameters().Average(2024, 7000m));

        Assert.Equal(expected, result.MonthlyAmount);
        Assert.Equal("第七十七条; 《工伤保险条例》第三十四条", result.Explanation.Steps[^1].Basis);
    }

    [Fact]
    public void Calculate_rounds_half_a_fen_away_from_zero()
    {
        // 7000.15 × 30% = 2100.045 → 2100.05.
        var result = NursingCareCalculator.Calculate(new NursingCareRequest(SelfCareLevel.Partial, ProvincialAverageMonthlyWage: 7000.15m));

        Assert.Equal(2100.05m, result.MonthlyAmount);
    }

    [Fact]
    public void Calculate_refuses_no_impairment()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => NursingCareCalculator.Calculate(new NursingCareRequest(SelfCareLevel.None, ProvincialAverageMonthlyWage: 7000m)));

        Assert.Equal("level", ex.Field);
    }

    [Fact]
    public void Calculate_reports_the_missing_average()
    {
        var ex = Assert.Throws<MissingParameterException>(
            () => NursingCareCalculator.Calculate(new NursingCareRequest(SelfCareLevel.Major, Year: 2025), new TableParameters()));

        Assert.Equal("provincialAverageMonthlyWage", ex.Parameter);
    }
}
