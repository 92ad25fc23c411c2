using Cases.Domain.Calculations;
using Cases.Domain.Injuries;

namespace Cases.Domain.Tests.Calculations;

public sealed class DependantsPensionCalculatorTests
{
    private static DependantsPensionResult Calculate(decimal pensionBase, params PensionDependant[] dependants) =>
        DependantsPensionCalculator.Calculate(new DependantsPensionRequest(pensionBase, dependants));

    [Fact]
    public void Calculate_pays_spouse_40_and_others_30_percent_without_scaling_at_exactly_100()
    {
        var result = Calculate(
            10_000m,
            new("妻", DependantRelation.Spouse),
            new("子", DependantRelation.Child),
            new("父", DependantRelation.Parent));

        Assert.Equal([4000m, 3000m, 3000m], result.Dependants.Select(d => d.Amount));
        Assert.Equal(1.0m, result.RateSum);
        Assert.False(result.Scaled);
        Assert.Equal(10_000m, result.Total);
    }

    [Fact]
    public void Calculate_adds_10_percent_for_an_orphan_or_solitary_elder()
    {
        var result = Calculate(10_000m, new("孤儿", DependantRelation.Child, OrphanOrSolitaryElder: true), new("祖母", DependantRelation.Grandparent, true));

        Assert.Equal([0.4m, 0.4m], result.Dependants.Select(d => d.Rate));
        Assert.Equal([4000m, 4000m], result.Dependants.Select(d => d.Amount));
    }

    [Fact]
    public void Calculate_scales_shares_keeping_their_ratios_when_rates_exceed_100_percent()
    {
        var result = Calculate(
            10_000m,
            new("妻", DependantRelation.Spouse),
            new("子", DependantRelation.Child),
            new("女", DependantRelation.Child),
            new("母", DependantRelation.Parent));

        Assert.True(result.Scaled);
        Assert.Equal(1.3m, result.RateSum);
        Assert.Equal([3076.92m, 2307.69m, 2307.69m, 2307.69m], result.Dependants.Select(d => d.Amount));
        Assert.Equal(9999.99m, result.Total);
        Assert.Contains(result.Explanation.Steps, s => s.Basis == "第八十四条" && s.Rule.Zh.Contains("100% ÷", StringComparison.Ordinal));
    }

    [Fact]
    public void Calculate_takes_the_excess_fen_off_the_share_rounded_up_most_when_scaled()
    {
        // 5000 × 0.3 ÷ 1.3 = 1153.846… → 1153.85 three times, spouse 1538.46: 5000.01 > 5000.
        var result = Calculate(
            5000m,
            new("妻", DependantRelation.Spouse),
            new("子", DependantRelation.Child),
            new("女", DependantRelation.Child),
            new("母", DependantRelation.Parent));

        Assert.Equal([1538.46m, 1153.84m, 1153.85m, 1153.85m], result.Dependants.Select(d => d.Amount));
        Assert.Equal(5000m, result.Total);
        var adjustment = result.Explanation.Steps.Single(s => s.Name.Zh == "尾差调整");
        Assert.Equal(5000.01m, adjustment.Values["roundedTotal"]);
        Assert.Equal("子", adjustment.Values["reduced"]);
    }

    [Fact]
    public void Calculate_keeps_the_total_within_the_base_at_exactly_100_percent_too()
    {
        // 1.05 × 30% = 0.315 → 0.32 twice, spouse 0.42: 1.06 > 1.05.
        var result = Calculate(
            1.05m,
            new("妻", DependantRelation.Spouse),
            new("子", DependantRelation.Child),
            new("父", DependantRelation.Parent));

        Assert.Equal([0.42m, 0.31m, 0.32m], result.Dependants.Select(d => d.Amount));
        Assert.Equal(1.05m, result.Total);
    }

    [Fact]
    public void Calculate_rounds_half_a_fen_away_from_zero()
    {
        // 0.3 × 1000.05 = 300.015 → 300.02.
        Assert.Equal(300.02m, Calculate(1000.05m, new PensionDependant("子", DependantRelation.Child)).Total);
    }

    [Fact]
    public void Calculate_keeps_two_dependants_with_one_name_apart_in_the_explanation()
    {
        var result = Calculate(1000m, new("李明", DependantRelation.Child), new("李明", DependantRelation.Sibling));

        var total = result.Explanation.Steps.Single(s => s.Name.Zh == "抚恤金合计");
        Assert.Equal(["李明", "李明 (2)"], total.Values.Keys);
    }

    [Fact]
    public void Calculate_refuses_an_unknown_relation()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Calculate(1000m, new PensionDependant("x", (DependantRelation)99)));

        Assert.Equal("dependants[0].relation", ex.Field);
    }

    [Fact]
    public void Calculate_refuses_no_dependant_and_a_negative_base()
    {
        Assert.Equal("dependants", Assert.Throws<DomainValidationException>(() => Calculate(1000m)).Field);
        Assert.Equal("base", Assert.Throws<DomainValidationException>(() => Calculate(-1m, new PensionDependant("子", DependantRelation.Child))).Field);
        Assert.Equal(
            "dependants[0].name",
            Assert.Throws<DomainValidationException>(() => Calculate(1000m, new PensionDependant(" ", DependantRelation.Child))).Field);
    }
}
