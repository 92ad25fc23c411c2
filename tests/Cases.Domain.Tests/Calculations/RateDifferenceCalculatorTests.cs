using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class RateDifferenceCalculatorTests
{
    private static readonly MonthlyWageTotal[] Totals = [new("2025-08", 100_000m), new("2025-07", 200_000m)];

    [Fact]
    public void Calculate_collects_the_shortfall_month_by_month_when_the_rate_rises()
    {
        var result = RateDifferenceCalculator.Calculate(new RateDifferenceRequest(0.004m, 0.005m, Totals));

        Assert.Equal(["2025-07", "2025-08"], result.Months.Select(m => m.Month));
        Assert.Equal([200m, 100m], result.Months.Select(m => m.Difference));
        Assert.Equal(300m, result.Difference);
        Assert.All(result.Explanation.Steps, s => Assert.Equal("第二十二条", s.Basis));
    }

    [Fact]
    public void Calculate_refunds_when_the_rate_falls()
    {
        Assert.Equal(-300m, RateDifferenceCalculator.Calculate(new RateDifferenceRequest(0.004m, 0.003m, Totals)).Difference);
    }

    [Fact]
    public void Calculate_rounds_each_months_premium_once()
    {
        // 12345.67 × 0.004 = 49.38268 → 49.38; × 0.005 = 61.72835 → 61.73 (half away from zero would matter at .xx5).
        var month = Assert.Single(
            RateDifferenceCalculator.Calculate(new RateDifferenceRequest(0.004m, 0.005m, [new("2025-07", 12_345.67m)])).Months);

        Assert.Equal(49.38m, month.PremiumAtPreviousRate);
        Assert.Equal(61.73m, month.PremiumAtFinalRate);
        Assert.Equal(12.35m, month.Difference);
    }

    [Fact]
    public void Calculate_rounds_half_a_fen_away_from_zero()
    {
        // 1005 × 0.005 = 5.025 → 5.03.
        var month = Assert.Single(RateDifferenceCalculator.Calculate(new RateDifferenceRequest(0m, 0.005m, [new("2025-07", 1005m)])).Months);

        Assert.Equal(5.03m, month.Difference);
    }

    [Theory]
    [InlineData("2025-13", "monthlyWageTotals[0].month")]
    [InlineData("July", "monthlyWageTotals[0].month")]
    public void Calculate_refuses_a_malformed_month(string month, string field)
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => RateDifferenceCalculator.Calculate(new RateDifferenceRequest(0.004m, 0.005m, [new(month, 1m)])));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Calculate_refuses_bad_input_naming_the_field()
    {
        Assert.Equal(
            "monthlyWageTotals[1].month",
            Assert.Throws<DomainValidationException>(() => RateDifferenceCalculator.Calculate(
                new RateDifferenceRequest(0.004m, 0.005m, [new("2025-07", 1m), new("2025-07", 2m)]))).Field);
        Assert.Equal(
            "monthlyWageTotals[0].total",
            Assert.Throws<DomainValidationException>(() => RateDifferenceCalculator.Calculate(
                new RateDifferenceRequest(0.004m, 0.005m, [new("2025-07", -1m)]))).Field);
        Assert.Equal(
            "finalRate",
            Assert.Throws<DomainValidationException>(() => RateDifferenceCalculator.Calculate(new RateDifferenceRequest(0.004m, 2m, Totals))).Field);
        Assert.Equal(
            "monthlyWageTotals",
            Assert.Throws<DomainValidationException>(() => RateDifferenceCalculator.Calculate(new RateDifferenceRequest(0.004m, 0.005m, []))).Field);
    }
}
