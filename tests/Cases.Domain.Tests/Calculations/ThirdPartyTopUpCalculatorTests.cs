using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class ThirdPartyTopUpCalculatorTests
{
    [Fact]
    public void Calculate_tops_up_the_uncompensated_part()
    {
        var result = ThirdPartyTopUpCalculator.Calculate(new ThirdPartyTopUpRequest(10_000m, 6_000.50m));

        Assert.Equal(3_999.50m, result.TopUp);
        Assert.Equal("第九十条", Assert.Single(result.Explanation.Steps).Basis);
    }

    [Fact]
    public void Calculate_never_goes_below_zero()
    {
        Assert.Equal(0m, ThirdPartyTopUpCalculator.Calculate(new ThirdPartyTopUpRequest(5_000m, 8_000m)).TopUp);
    }

    [Fact]
    public void Calculate_refuses_a_negative_compensation()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ThirdPartyTopUpCalculator.Calculate(new ThirdPartyTopUpRequest(5_000m, -1m)));

        Assert.Equal("compensatedMedicalAmount", ex.Field);
    }
}
