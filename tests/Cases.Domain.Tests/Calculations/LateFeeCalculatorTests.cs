using System.Globalization;
using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class LateFeeCalculatorTests
{
    private static LateFeeResult Fee(decimal arrears, string dueOn, string paidOn) =>
        LateFeeCalculator.Calculate(new LateFeeRequest(arrears, DateOnly.Parse(dueOn, CultureInfo.InvariantCulture), DateOnly.Parse(paidOn, CultureInfo.InvariantCulture)));

    [Fact]
    public void Calculate_counts_days_across_the_leap_day()
    {
        var result = Fee(1000m, "2024-02-28", "2024-03-01");

        Assert.Equal(2, result.Days);
        Assert.Equal(1.00m, result.Amount);
    }

    [Fact]
    public void Calculate_counts_days_across_the_year_end()
    {
        var result = Fee(20_000m, "2024-12-30", "2025-01-02");

        Assert.Equal(3, result.Days);
        Assert.Equal(30.00m, result.Amount);
    }

    [Theory]
    [InlineData("2025-03-15", "2025-03-15")]
    [InlineData("2025-03-15", "2025-03-01")]
    public void Calculate_charges_nothing_when_paid_on_or_before_the_due_date(string dueOn, string paidOn)
    {
        var result = Fee(5000m, dueOn, paidOn);

        Assert.Equal(0, result.Days);
        Assert.Equal(0m, result.Amount);
    }

    [Fact]
    public void Calculate_rounds_half_a_fen_away_from_zero()
    {
        // 10 × 0.0005 × 1 = 0.005: half away from zero gives 0.01 (banker's rounding would give 0.00).
        Assert.Equal(0.01m, Fee(10m, "2025-01-01", "2025-01-02").Amount);
    }

    [Fact]
    public void Calculate_explains_each_step_with_its_article()
    {
        var result = Fee(1000m, "2024-02-28", "2024-03-01");

        Assert.Collection(
            result.Explanation.Steps,
            days =>
            {
                Assert.Equal(new LocalizedText("逾期天数", "Days overdue"), days.Name);
                Assert.Equal(2, days.Value);
                Assert.Equal("2024-02-28", days.Values["dueOn"]);
                Assert.Equal("第二十八条", days.Basis);
            },
            amount =>
            {
                Assert.Equal(new LocalizedText("滞纳金", "Late fee"), amount.Name);
                Assert.Equal(1.00m, amount.Value);
                Assert.Equal(0.0005m, amount.Values["dailyRate"]);
                Assert.Equal(["arrears", "dailyRate", "days"], amount.Values.Keys);
                Assert.Contains("万分之五", amount.Rule.Zh, StringComparison.Ordinal);
                Assert.Contains("0.05%", amount.Rule.En, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Calculate_refuses_negative_arrears()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Fee(-1m, "2025-01-01", "2025-01-02"));

        Assert.Equal("arrears", ex.Field);
    }

    [Fact]
    public void The_explanation_is_read_in_the_readers_language()
    {
        var result = Fee(1000m, "2024-02-28", "2024-03-01");
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
            Assert.Equal(("逾期天数", "滞纳金"), (result.Explanation.Steps[0].Step, result.Explanation.Steps[1].Step));
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            Assert.Equal(("Days overdue", "Late fee"), (result.Explanation.Steps[0].Step, result.Explanation.Steps[1].Step));
            Assert.Contains("0.05%", result.Explanation.Steps[1].Formula, StringComparison.Ordinal);
            var refused = Assert.Throws<DomainValidationException>(() => Fee(-1m, "2024-02-28", "2024-03-01"));
            Assert.Equal("Arrears must not be negative; got -1.", refused.Message);
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
            Assert.Equal("「欠缴金额」不能为负数（填写的是 -1）。", refused.Message);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }
}
