using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class TerminationLumpSumCalculatorTests
{
    // Illustrative months, as an administrator would enter them from the provincial rule (none is built in).
    private static TableParameters Shandong() => new TableParameters()
        .Average(2024, 7_812.34m)
        .Months(TerminationBenefit.Medical, 7, 2020, 6m).Months(TerminationBenefit.Employment, 7, 2020, 10m)
        .Months(TerminationBenefit.Medical, 7, 2026, 7m);

    [Fact]
    public void Calculate_multiplies_the_grade_months_in_force_by_the_previous_years_average_and_rounds_each_once()
    {
        var result = TerminationLumpSumCalculator.Calculate(new TerminationLumpSumRequest(7, new DateOnly(2025, 3, 31)), Shandong());

        // 6 × 7,812.34 and 10 × 7,812.34: the months of 2020 still in force in 2025; the 2026 figure is not yet.
        Assert.Equal((46_874.04m, 78_123.40m), (result.MedicalLumpSum, result.EmploymentLumpSum));
        Assert.All(result.Explanation.Steps, s => Assert.Contains("第八十条", s.Basis, StringComparison.Ordinal));
        Assert.Contains(result.Explanation.Steps, s => s.Rule.Zh.Contains("由用人单位支付", StringComparison.Ordinal) && s.Rule.En.Contains("paid by the employer", StringComparison.Ordinal));
    }

    [Fact]
    public void Calculate_takes_figures_from_the_request_before_the_table()
    {
        var result = TerminationLumpSumCalculator.Calculate(
            new TerminationLumpSumRequest(10, new DateOnly(2025, 6, 1), ProvincialAverageMonthlyWage: 7_000.05m, MedicalMonths: 1.5m, EmploymentMonths: 3m), new TableParameters());

        // 1.5 × 7,000.05 = 10,500.075 → 10,500.08 (half away from zero).
        Assert.Equal((10_500.08m, 21_000.15m), (result.MedicalLumpSum, result.EmploymentLumpSum));
    }

    [Fact]
    public void Calculate_names_the_missing_months_of_the_grade()
    {
        var ex = Assert.Throws<MissingParameterException>(() =>
            TerminationLumpSumCalculator.Calculate(new TerminationLumpSumRequest(5, new DateOnly(2025, 6, 1)), Shandong()));

        Assert.Equal("medicalMonths", ex.Parameter);
        Assert.Contains("5级伤残", ex.Text.Zh, StringComparison.Ordinal);
        Assert.Contains("grade 5", ex.Text.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(11)]
    public void Calculate_refuses_grades_outside_5_to_10(int grade)
    {
        var ex = Assert.Throws<DomainValidationException>(() =>
            TerminationLumpSumCalculator.Calculate(new TerminationLumpSumRequest(grade, new DateOnly(2025, 6, 1), 7000m, 1m, 1m)));

        Assert.Equal("grade", ex.Field);
    }
}
