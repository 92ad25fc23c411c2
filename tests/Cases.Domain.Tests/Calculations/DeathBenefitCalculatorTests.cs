using Cases.Domain.Calculations;
using Cases.Domain.Injuries;

namespace Cases.Domain.Tests.Calculations;

public sealed class DeathBenefitCalculatorTests
{
    private static readonly TableParameters Table = TableParameters.WithNationalIncomes()
        .Average(2023, 7000m)
        .Average(2024, 8000m);

    private static readonly PensionDependant[] Spouse = [new("妻", DependantRelation.Spouse)];

    [Fact]
    public void Calculate_uses_the_income_of_the_year_before_the_injury_and_the_average_of_the_year_before_the_death()
    {
        // Injured in 2024 (income of 2023: 51,821), died in 2025 (average of 2024: 8000).
        var result = DeathBenefitCalculator.Calculate(
            new DeathBenefitRequest(new DateOnly(2024, 3, 10), new DateOnly(2025, 1, 5), Spouse, MonthlyWages: Enumerable.Repeat(6000m, 12).ToArray()),
            Table);

        Assert.Equal(1_036_420m, result.DeathLumpSum);
        Assert.Equal(48_000m, result.FuneralGrant);
        Assert.Equal(6000m, result.PensionBase);
        Assert.Equal(2400m, Assert.Single(result.Dependants).Amount);
        Assert.Equal(2400m, result.PensionTotal);
        Assert.Equal(2023, result.Explanation.Steps.Single(s => s.Name.En == "National urban disposable income").Values["incomeYear"]);
    }

    [Fact]
    public void Calculate_takes_the_2024_income_for_a_2025_injury()
    {
        var result = DeathBenefitCalculator.Calculate(
            new DeathBenefitRequest(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 1), Spouse, Base: 6000m, ProvincialAverageMonthlyWageAtDeath: 8000m),
            Table);

        Assert.Equal(1_083_760m, result.DeathLumpSum);
    }

    [Fact]
    public void Calculate_clamps_the_derived_pension_base_and_scales_the_pensions()
    {
        PensionDependant[] four = [.. Spouse, new("子", DependantRelation.Child), new("女", DependantRelation.Child), new("母", DependantRelation.Parent)];

        var result = DeathBenefitCalculator.Calculate(
            new DeathBenefitRequest(new DateOnly(2024, 3, 10), new DateOnly(2024, 3, 12), four, MonthlyWages: [30_000m]), Table);

        Assert.Equal(21_000m, result.PensionBase);
        Assert.True(result.PensionScaled);
        Assert.True(result.PensionTotal <= result.PensionBase);
        Assert.Equal(42_000m, result.FuneralGrant);
    }

    [Fact]
    public void Calculate_pays_no_lump_sum_to_a_grade_1_to_4_worker_dying_after_the_paid_leave()
    {
        var result = DeathBenefitCalculator.Calculate(
            new DeathBenefitRequest(new DateOnly(2020, 3, 10), new DateOnly(2025, 2, 1), Spouse, Base: 5000m, AfterPaidLeaveGrade1To4: true), Table);

        Assert.Null(result.DeathLumpSum);
        Assert.Equal(48_000m, result.FuneralGrant);
        Assert.Equal(2000m, result.PensionTotal);
        Assert.Equal("第八十三条", result.Explanation.Steps[0].Basis);
    }

    [Fact]
    public void Calculate_requires_the_base_after_the_paid_leave()
    {
        var ex = Assert.Throws<MissingParameterException>(() => DeathBenefitCalculator.Calculate(
            new DeathBenefitRequest(new DateOnly(2020, 3, 10), new DateOnly(2025, 2, 1), Spouse, AfterPaidLeaveGrade1To4: true), Table));

        Assert.Equal("base", ex.Parameter);
    }

    [Fact]
    public void Calculate_without_dependants_pays_no_pension()
    {
        var result = DeathBenefitCalculator.Calculate(
            new DeathBenefitRequest(new DateOnly(2024, 3, 10), new DateOnly(2024, 4, 1), [], Base: 6000m), Table);

        Assert.Empty(result.Dependants);
        Assert.Equal(0m, result.PensionTotal);
    }

    [Fact]
    public void Calculate_reports_the_missing_income()
    {
        var ex = Assert.Throws<MissingParameterException>(() => DeathBenefitCalculator.Calculate(
            new DeathBenefitRequest(new DateOnly(2022, 3, 10), new DateOnly(2022, 4, 1), Spouse, Base: 6000m, ProvincialAverageMonthlyWageAtDeath: 7000m),
            Table));

        Assert.Equal("nationalUrbanDisposableIncome", ex.Parameter);
        Assert.Contains("2021", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_reports_the_missing_average_at_death()
    {
        var ex = Assert.Throws<MissingParameterException>(() => DeathBenefitCalculator.Calculate(
            new DeathBenefitRequest(new DateOnly(2025, 3, 10), new DateOnly(2026, 4, 1), Spouse, Base: 6000m), Table));

        Assert.Equal("provincialAverageMonthlyWageAtDeath", ex.Parameter);
    }

    [Fact]
    public void Calculate_refuses_a_death_before_the_injury()
    {
        var ex = Assert.Throws<DomainValidationException>(() => DeathBenefitCalculator.Calculate(
            new DeathBenefitRequest(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 9), Spouse, Base: 6000m), Table));

        Assert.Equal("deathOn", ex.Field);
    }
}
