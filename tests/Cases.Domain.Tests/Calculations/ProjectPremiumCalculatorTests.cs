using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class ProjectPremiumCalculatorTests
{
    [Fact]
    public void Calculate_takes_the_rate_of_the_total_cost()
    {
        var result = ProjectPremiumCalculator.Calculate(new ProjectPremiumRequest(12_000_000m, 0.0015m));

        Assert.Equal(18_000m, result.Amount);
        Assert.Equal("第二十六条, 第二十七条", Assert.Single(result.Explanation.Steps).Basis);
    }

    [Fact]
    public void Calculate_rounds_half_a_fen_away_from_zero()
    {
        // 1005 × 0.005 = 5.025 → 5.03 (banker's rounding would give 5.02).
        Assert.Equal(5.03m, ProjectPremiumCalculator.Calculate(new ProjectPremiumRequest(1005m, 0.005m)).Amount);
    }

    [Theory]
    [InlineData(-1, 0.01, "totalCost")]
    [InlineData(1000, 1.5, "rate")]
    [InlineData(1000, -0.01, "rate")]
    public void Calculate_refuses_bad_input(decimal cost, decimal rate, string field)
    {
        var ex = Assert.Throws<DomainValidationException>(() => ProjectPremiumCalculator.Calculate(new ProjectPremiumRequest(cost, rate)));

        Assert.Equal(field, ex.Field);
    }
}
