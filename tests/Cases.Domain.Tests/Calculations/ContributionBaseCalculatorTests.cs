using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class ContributionBaseCalculatorTests
{
    private static readonly TableParameters Table = new TableParameters().Average(2024, 8000m);

    [Theory]
    [InlineData(3000, 4800, ClampApplied.Floor)]
    [InlineData(30000, 24000, ClampApplied.Cap)]
    [InlineData(6000, 6000, null)]
    [InlineData(4800, 4800, null)]
    [InlineData(24000, 24000, null)]
    public void Calculate_keeps_the_wage_within_60_to_300_percent_of_the_previous_years_average(
        int wage, int expected, ClampApplied? clamped)
    {
        var result = ContributionBaseCalculator.Calculate(new ContributionBaseRequest(wage, Year: 2025), Table);

        Assert.Equal(expected, result.Base);
        Assert.Equal(clamped, result.Clamped);
        Assert.Equal(2024, result.Explanation.Steps[0].Values["averageYear"]);
        Assert.Equal("parameter table", result.Explanation.Steps[0].Values["source"]);
    }

    [Fact]
    public void Calculate_prefers_the_average_given_in_the_request()
    {
        var result = ContributionBaseCalculator.Calculate(
            new ContributionBaseRequest(3000m, Year: 2025, ProvincialAverageMonthlyWage: 6000m), Table);

        Assert.Equal(3600m, result.Base);
        Assert.Equal("request", result.Explanation.Steps[0].Values["source"]);
    }

    [Fact]
    public void Calculate_rounds_the_base_once_half_away_from_zero()
    {
        var result = ContributionBaseCalculator.Calculate(new ContributionBaseRequest(5000.125m, ProvincialAverageMonthlyWage: 8000m));

        Assert.Equal(5000.13m, result.Base);
    }

    [Fact]
    public void Calculate_reports_a_missing_average_for_the_previous_year()
    {
        var ex = Assert.Throws<MissingParameterException>(
            () => ContributionBaseCalculator.Calculate(new ContributionBaseRequest(5000m, Year: 2026), Table));

        Assert.Equal("provincialAverageMonthlyWage", ex.Parameter);
        Assert.Contains("2025", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_reports_a_missing_average_when_neither_it_nor_the_year_is_given()
    {
        var ex = Assert.Throws<MissingParameterException>(
            () => ContributionBaseCalculator.Calculate(new ContributionBaseRequest(5000m), Table));

        Assert.Equal("provincialAverageMonthlyWage", ex.Parameter);
    }

    [Fact]
    public void Calculate_refuses_a_negative_wage()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => ContributionBaseCalculator.Calculate(new ContributionBaseRequest(-1m, Year: 2025), Table));

        Assert.Equal("monthlyWage", ex.Field);
    }
}
