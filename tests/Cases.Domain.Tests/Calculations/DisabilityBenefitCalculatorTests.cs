using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class DisabilityBenefitCalculatorTests
{
    private static readonly DateOnly InjuryOn = new(2024, 5, 10);

    // The injury year is 2024: the average of 2023 applies (floor 4200, cap 21000).
    private static readonly TableParameters Table = new TableParameters()
        .Average(2023, 7000m)
        .Minimum("370100", 2024, 2200m)
        .Minimum("370100", 2025, 2400m);

    private static decimal[] Months(int count, decimal wage) => Enumerable.Repeat(wage, count).ToArray();

    private static DisabilityBenefitResult Calculate(
        int grade, IReadOnlyList<decimal>? wages = null, decimal? injuryMonthBase = null, decimal? minimumWage = 2200m, IParameterSource? source = null) =>
        DisabilityBenefitCalculator.Calculate(
            new DisabilityBenefitRequest(grade, InjuryOn, wages, injuryMonthBase, MinimumWage: minimumWage), source ?? Table);

    [Theory]
    [InlineData(1, 27, 0.90)]
    [InlineData(2, 25, 0.85)]
    [InlineData(3, 23, 0.80)]
    [InlineData(4, 21, 0.75)]
    public void Calculate_grades_1_to_4_pay_lump_sum_and_fund_allowance(int grade, int months, decimal rate)
    {
        var result = Calculate(grade, Months(12, 6000m));

        Assert.Equal(6000m, result.WageBase);
        Assert.Equal(months, result.LumpSumMonths);
        Assert.Equal(months * 6000m, result.LumpSum);
        Assert.Equal(rate * 6000m, result.MonthlyAllowance);
        Assert.Equal(0m, result.MinimumWageTopUp);
        Assert.Equal(AllowancePayer.Fund, result.AllowancePayer);
    }

    [Theory]
    [InlineData(5, 18, 4200)]
    [InlineData(6, 16, 3600)]
    public void Calculate_grades_5_and_6_allowance_is_paid_by_the_employer(int grade, int months, int allowance)
    {
        var result = Calculate(grade, Months(12, 6000m));

        Assert.Equal(months * 6000m, result.LumpSum);
        Assert.Equal(allowance, result.MonthlyAllowance);
        Assert.Equal(AllowancePayer.Employer, result.AllowancePayer);
        Assert.Contains(result.Explanation.Steps, s => s.Basis == "《工伤保险条例》第三十六条" && (string?)s.Values.GetValueOrDefault("payer") == "employer");
    }

    [Theory]
    [InlineData(7, 13)]
    [InlineData(8, 11)]
    [InlineData(9, 9)]
    [InlineData(10, 7)]
    public void Calculate_grades_7_to_10_pay_only_the_lump_sum(int grade, int months)
    {
        // No minimum wage is needed for these grades.
        var result = Calculate(grade, Months(12, 6000m), minimumWage: null, source: new TableParameters().Average(2023, 7000m));

        Assert.Equal(months * 6000m, result.LumpSum);
        Assert.Null(result.MonthlyAllowance);
        Assert.Null(result.AllowancePayer);
    }

    [Fact]
    public void Calculate_counts_only_the_newest_12_months()
    {
        decimal[] wages = [.. Months(12, 6000m), 20_000m, 20_000m];

        var result = Calculate(10, wages);

        Assert.Equal(6000m, result.WageBase);
        var step = result.Explanation.Steps.Single(s => s.Name.En == "Own wage (average)");
        Assert.Equal(14, step.Values["monthsGiven"]);
        Assert.Equal(12, step.Values["monthsCounted"]);
    }

    [Fact]
    public void Calculate_averages_fewer_than_12_months_over_the_months_given()
    {
        Assert.Equal(6000m, Calculate(10, [5000m, 6000m, 7000m]).WageBase);
    }

    [Fact]
    public void Calculate_uses_the_injury_month_base_when_no_month_was_paid()
    {
        Assert.Equal(5500m, Calculate(10, [], injuryMonthBase: 5500m).WageBase);
    }

    [Fact]
    public void Calculate_reports_the_missing_injury_month_base()
    {
        var ex = Assert.Throws<MissingParameterException>(() => Calculate(10, []));

        Assert.Equal("injuryMonthBase", ex.Parameter);
    }

    [Fact]
    public void Calculate_raises_a_low_wage_to_60_percent()
    {
        var result = Calculate(10, Months(12, 3000m));

        Assert.Equal(4200m, result.WageBase);
        Assert.Equal(3000m, result.WageBeforeClamp);
        Assert.Equal(ClampApplied.Floor, result.Clamped);
    }

    [Fact]
    public void Calculate_caps_a_high_wage_at_300_percent()
    {
        var result = Calculate(10, Months(12, 30_000m));

        Assert.Equal(21_000m, result.WageBase);
        Assert.Equal(ClampApplied.Cap, result.Clamped);
        Assert.Equal(147_000m, result.LumpSum);
    }

    [Fact]
    public void Calculate_tops_the_allowance_up_to_the_minimum_wage()
    {
        // Average 4000 → floor 2400; grade 4: 75% × 2400 = 1800 < 2100.
        var result = DisabilityBenefitCalculator.Calculate(
            new DisabilityBenefitRequest(4, InjuryOn, Months(12, 2000m), ProvincialAverageMonthlyWage: 4000m, MinimumWage: 2100m));

        Assert.Equal(1800m, result.AllowanceBeforeTopUp);
        Assert.Equal(300m, result.MinimumWageTopUp);
        Assert.Equal(2100m, result.MonthlyAllowance);
        Assert.Equal(AllowancePayer.Fund, result.AllowancePayer);
    }

    [Fact]
    public void Calculate_takes_the_minimum_wage_of_the_month_after_the_appraisal()
    {
        // Appraised in December 2024: the allowance starts in January 2025 (第七十五条), so 2025's minimum wage applies.
        var result = DisabilityBenefitCalculator.Calculate(
            new DisabilityBenefitRequest(
                4, InjuryOn, Months(12, 2000m), ProvincialAverageMonthlyWage: 4000m, CityCode: "370100", AppraisedOn: new DateOnly(2024, 12, 20)),
            Table);

        Assert.Equal(1800m, result.AllowanceBeforeTopUp);
        Assert.Equal(2400m, result.MonthlyAllowance);
        Assert.Equal(2025, result.Explanation.Steps.Single(s => s.Name.Zh == "最低工资标准").Values["allowanceYear"]);
    }

    [Fact]
    public void Calculate_reports_the_missing_minimum_wage_for_grades_1_to_6()
    {
        var ex = Assert.Throws<MissingParameterException>(() => Calculate(2, Months(12, 6000m), minimumWage: null));

        Assert.Equal("minimumWage", ex.Parameter);
    }

    [Fact]
    public void Calculate_does_not_round_the_wage_base_before_multiplying()
    {
        // Average 3000.05 / 3 = 1000.01666…; 7 × that = 7000.1166… → 7000.12 (rounding the base first would give 7000.14).
        var result = DisabilityBenefitCalculator.Calculate(
            new DisabilityBenefitRequest(10, InjuryOn, [1000.01m, 1000.02m, 1000.02m], ProvincialAverageMonthlyWage: 1000m));

        Assert.Equal(7000.12m, result.LumpSum);
        Assert.Equal(3000.05m / 3, result.WageBase);
    }

    [Fact]
    public void Calculate_rounds_half_a_fen_away_from_zero()
    {
        // 90% × 6000.05 = 5400.045 → 5400.05.
        Assert.Equal(5400.05m, Calculate(1, [6000.05m]).AllowanceBeforeTopUp);
    }

    [Fact]
    public void Calculate_uses_the_average_as_base_for_a_project_insured_worker_without_a_known_wage()
    {
        var result = DisabilityBenefitCalculator.Calculate(
            new DisabilityBenefitRequest(9, InjuryOn, ProjectInsuredWageUnknown: true), Table);

        Assert.Equal(7000m, result.WageBase);
        Assert.Equal(63_000m, result.LumpSum);
    }

    [Fact]
    public void Calculate_reports_the_missing_average_of_the_year_before_the_injury()
    {
        var ex = Assert.Throws<MissingParameterException>(
            () => DisabilityBenefitCalculator.Calculate(new DisabilityBenefitRequest(10, new DateOnly(2026, 1, 2), Months(12, 6000m)), Table));

        Assert.Equal("provincialAverageMonthlyWage", ex.Parameter);
        Assert.Contains("2025", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Calculate_refuses_a_grade_out_of_range(int grade)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Calculate(grade, Months(12, 6000m)));

        Assert.Equal("grade", ex.Field);
    }

    [Fact]
    public void Calculate_refuses_a_negative_wage_naming_the_month()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Calculate(10, [6000m, -1m]));

        Assert.Equal("monthlyWages[1]", ex.Field);
    }

    [Fact]
    public void Calculate_refuses_an_appraisal_before_the_injury()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => DisabilityBenefitCalculator.Calculate(
                new DisabilityBenefitRequest(10, InjuryOn, Months(12, 6000m), AppraisedOn: InjuryOn.AddDays(-1)), Table));

        Assert.Equal("appraisedOn", ex.Field);
    }

    [Fact]
    public void Calculate_explains_every_step_with_an_article()
    {
        var result = Calculate(1, Months(12, 6000m));

        Assert.Equal(
            ["全省上年度月平均工资", "本人工资（平均）", "60%–300% 上下限", "一次性伤残补助金",
             "按等级比例计算的伤残津贴", "最低工资标准", "最低工资补差", "伤残津贴"],
            result.Explanation.Steps.Select(s => s.Name.Zh));
        Assert.Equal(
            ["Provincial average monthly wage of the previous year", "Own wage (average)", "60%–300% band", "One-time disability subsidy",
             "Monthly allowance at the grade's rate", "Minimum wage", "Minimum-wage top-up", "Monthly disability allowance"],
            result.Explanation.Steps.Select(s => s.Name.En));
        Assert.All(result.Explanation.Steps, s => Assert.Contains("条", s.Basis, StringComparison.Ordinal));
        Assert.All(result.Explanation.Steps, s => Assert.False(string.IsNullOrWhiteSpace(s.Rule.Zh) || string.IsNullOrWhiteSpace(s.Rule.En)));
    }
}
