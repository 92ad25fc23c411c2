using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class OverseasMedicalCalculatorTests
{
    private static readonly ExchangeRateQuote[] Rates =
    [
        new(new DateOnly(2025, 3, 3), 7.20m),
        new(new DateOnly(2025, 3, 1), 7.10m),
    ];

    private static OverseasMedicalResult Convert(decimal amount, DateOnly settledOn, IReadOnlyList<ExchangeRateQuote>? rates = null) =>
        OverseasMedicalCalculator.Calculate(new OverseasMedicalRequest(amount, "usd", settledOn, rates ?? Rates));

    [Fact]
    public void Calculate_uses_the_rate_of_the_settlement_day()
    {
        var result = Convert(1000m, new DateOnly(2025, 3, 3));

        Assert.Equal(7.20m, result.RateUsed);
        Assert.Equal(new DateOnly(2025, 3, 3), result.RateOn);
        Assert.Equal(7200m, result.AmountCny);
    }

    [Fact]
    public void Calculate_uses_the_last_rate_before_a_day_without_a_quote()
    {
        var result = Convert(1000m, new DateOnly(2025, 3, 2));

        Assert.Equal(7.10m, result.RateUsed);
        Assert.Equal(new DateOnly(2025, 3, 1), result.RateOn);
        Assert.Equal(7100m, result.AmountCny);
        Assert.Contains("此前最近一次的汇率", result.Explanation.Steps[0].Rule.Zh, StringComparison.Ordinal);
        Assert.Equal("第四十一条", result.Explanation.Steps[0].Basis);
    }

    [Fact]
    public void Calculate_refuses_when_no_rate_is_on_or_before_the_settlement_day()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Convert(1000m, new DateOnly(2025, 2, 28)));

        Assert.Equal("rates", ex.Field);
    }

    [Fact]
    public void Calculate_rounds_half_a_fen_away_from_zero()
    {
        // 100 × 7.12345 = 712.345 → 712.35.
        Assert.Equal(712.35m, Convert(100m, new DateOnly(2025, 3, 1), [new(new DateOnly(2025, 3, 1), 7.12345m)]).AmountCny);
    }

    [Fact]
    public void Calculate_refuses_bad_input_naming_the_field()
    {
        var day = new DateOnly(2025, 3, 3);
        Assert.Equal("amount", Assert.Throws<DomainValidationException>(() => Convert(-1m, day)).Field);
        Assert.Equal("rates[0].rate", Assert.Throws<DomainValidationException>(() => Convert(1m, day, [new(day, 0m)])).Field);
        Assert.Equal("rates[1].on", Assert.Throws<DomainValidationException>(() => Convert(1m, day, [new(day, 7m), new(day, 7.1m)])).Field);
        Assert.Equal(
            "currency",
            Assert.Throws<DomainValidationException>(() => OverseasMedicalCalculator.Calculate(new OverseasMedicalRequest(1m, "US", day, Rates))).Field);
    }
}
