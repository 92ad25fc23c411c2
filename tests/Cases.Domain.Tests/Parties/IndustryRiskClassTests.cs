using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Parties;

public sealed class IndustryRiskClassTests
{
    [Theory]
    [InlineData(1, "一类")]
    [InlineData(4, "四类")]
    [InlineData(8, "八类")]
    public void From_accepts_classes_one_to_eight(int value, string nameZh)
    {
        var riskClass = IndustryRiskClass.From(value);

        Assert.Equal(value, riskClass.Value);
        Assert.Equal(nameZh, riskClass.NameZh);
        Assert.Equal(nameZh, riskClass.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(-1)]
    public void From_refuses_values_outside_one_to_eight(int value)
    {
        var ex = Assert.Throws<DomainValidationException>(() => IndustryRiskClass.From(value));

        Assert.Equal("riskClass", ex.Field);
        Assert.Equal($"Industry risk class must be 1 to 8 (一类 to 八类); got {value}.", ex.Text.En);
    }

    [Fact]
    public void All_lists_eight_classes_in_order() =>
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], IndustryRiskClass.All.Select(c => c.Value));
}
