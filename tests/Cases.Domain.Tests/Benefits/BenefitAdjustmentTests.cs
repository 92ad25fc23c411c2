using Cases.Domain.Benefits;
using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Benefits;

/// <summary>
/// The yearly adjustment (待遇调整, 第一百〇五条): the rule rounds each new amount to the fen half away from zero, takes
/// only benefits running at its effective month and still running (a suspended one takes none, 第六十二条 "暂停享受抚恤金
/// 待遇且不参加待遇调整"), and is approved by someone other than who entered it (第一百一十九条 岗位不相容).
/// </summary>
public sealed class BenefitAdjustmentTests
{
    private static readonly DateTimeOffset At = new(2026, 8, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly July = new(2026, 7, 1);

    private static string Id(string body) => body + IdNumber.ComputeCheckDigit(body);

    private static Entitlement Grant(MonthlyBenefit benefit, decimal amount, DateOnly from) => Entitlement.Grant(
        new EntitlementGrant(City.Jinan, Guid.NewGuid(), Guid.NewGuid(), benefit, "张三", Id("37010219800101001"),
            benefit == MonthlyBenefit.DependantsPension ? Cases.Domain.Injuries.DependantRelation.Spouse : null, amount, from, "第七十五条", "伤残待遇核定"),
        "officer.jinan", At.AddYears(-1));

    private static BenefitAdjustment Rule(AdjustmentTerm? allowance = null, AdjustmentTerm? nursing = null, string by = "admin") =>
        BenefitAdjustment.Enter(Guid.NewGuid(), 2026, July, "鲁人社字〔2026〕18号",
            allowance ?? new AdjustmentTerm(AdjustmentMethod.Percent, 3m), nursing ?? new AdjustmentTerm(AdjustmentMethod.Amount, 60m), null, by, At);

    [Theory]
    [InlineData(4_123.50, 3.0, 4_247.21)] // 4,247.205: half away from zero (banker's rounding would give 4,247.20)
    [InlineData(4_800.00, 3.0, 4_944.00)]
    [InlineData(3_333.33, 3.5, 3_450.00)] // 3,449.99655
    [InlineData(1_000.10, 2.5, 1_025.10)] // 1,025.1025
    public void A_percentage_rounds_the_new_amount_to_the_fen_half_away_from_zero(decimal old, decimal percent, decimal expected) =>
        Assert.Equal(expected, new AdjustmentTerm(AdjustmentMethod.Percent, percent).Apply(old));

    [Fact]
    public void A_fixed_amount_is_added_to_the_month()
    {
        var rule = Rule();
        var nursing = Grant(MonthlyBenefit.NursingCare, 3_120m, new DateOnly(2025, 5, 1));
        Assert.Equal(new AdjustmentAssessment(AdjustmentOutcome.Adjusted, 3_120m, 3_180m), rule.Assess(nursing));
    }

    [Fact]
    public void A_suspended_benefit_takes_no_adjustment_now_or_when_it_was_suspended_at_the_effective_month()
    {
        var rule = Rule();
        var suspended = Grant(MonthlyBenefit.DisabilityAllowance, 5_000m, new DateOnly(2025, 5, 1));
        suspended.Suspend(new DateOnly(2026, 6, 1), SuspensionCause.CertificationOverdue, "未按期认证", null, "officer.jinan", At);
        Assert.Equal(AdjustmentOutcome.Suspended, rule.Assess(suspended).Outcome);

        // Suspended in July, resumed in August: it was not running at the effective month.
        suspended.Resume(new DateOnly(2026, 8, 1), null, "已认证", null, "officer.jinan", At);
        Assert.Equal(AdjustmentOutcome.Suspended, rule.Assess(suspended).Outcome);
        Assert.Equal(5_000m, rule.Assess(suspended).NewAmount);
    }

    [Fact]
    public void A_benefit_first_paid_after_the_effective_month_is_not_adjusted_nor_is_a_stopped_one_nor_one_the_rule_does_not_name()
    {
        var rule = BenefitAdjustment.Enter(Guid.NewGuid(), 2026, July, "鲁人社字〔2026〕18号", new AdjustmentTerm(AdjustmentMethod.Percent, 3m), null, null, "admin", At);
        Assert.Equal(AdjustmentOutcome.GrantedLater, rule.Assess(Grant(MonthlyBenefit.DisabilityAllowance, 4_000m, new DateOnly(2026, 9, 1))).Outcome);
        var stopped = Grant(MonthlyBenefit.DisabilityAllowance, 4_000m, new DateOnly(2025, 5, 1));
        stopped.Stop(new DateOnly(2026, 8, 1), "死亡", null, "officer.jinan", At);
        Assert.Equal(AdjustmentOutcome.Stopped, rule.Assess(stopped).Outcome);
        Assert.Equal(AdjustmentOutcome.NotCovered, rule.Assess(Grant(MonthlyBenefit.NursingCare, 3_120m, new DateOnly(2025, 5, 1))).Outcome);
        var changed = Grant(MonthlyBenefit.DisabilityAllowance, 4_000m, new DateOnly(2025, 5, 1));
        changed.ChangeAmount(new DateOnly(2026, 9, 1), 3_800m, "复查鉴定（第七十八条）", null, "officer.jinan", At);
        Assert.Equal(AdjustmentOutcome.ChangedLater, rule.Assess(changed).Outcome);
    }

    [Fact]
    public void The_one_who_entered_the_rule_never_approves_it_and_a_rule_is_approved_and_applied_once()
    {
        var rule = Rule(by: "admin");
        var refused = Assert.Throws<ForbiddenException>(() => rule.Approve("ADMIN", At));
        Assert.Contains("第一百一十九条", refused.Text.Zh, StringComparison.Ordinal);
        Assert.Equal(AdjustmentStatus.Draft, rule.Status);

        rule.Approve("supervisor.jinan", At);
        rule.MarkApplied(3, 305.21m, At);
        Assert.Equal((AdjustmentStatus.Applied, "supervisor.jinan", 3, 305.21m), (rule.Status, rule.ApprovedBy, rule.AdjustedCount, rule.AdjustedIncrease));
        var again = Assert.Throws<DomainRuleException>(() => rule.Approve("supervisor.province", At));
        Assert.Contains("已执行", again.Text.Zh, StringComparison.Ordinal);
        Assert.Throws<DomainRuleException>(() => rule.Discard("admin", At));
        Assert.Equal("2026年待遇调整（鲁人社字〔2026〕18号）", rule.Reason);
    }

    [Theory]
    [InlineData(0, "disabilityAllowance.percent")]
    [InlineData(-3, "disabilityAllowance.percent")]
    [InlineData(51, "disabilityAllowance.percent")]
    [InlineData(3.125, "disabilityAllowance.percent")]
    public void A_percentage_outside_what_a_yearly_adjustment_is_names_its_field(decimal percent, string field)
    {
        var refused = Assert.Throws<DomainValidationException>(() => Rule(allowance: new AdjustmentTerm(AdjustmentMethod.Percent, percent)));
        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void The_effective_month_is_a_first_of_month_in_the_rules_year_and_the_source_is_required()
    {
        Assert.Equal("effectiveMonth", Assert.Throws<DomainValidationException>(() =>
            BenefitAdjustment.Enter(Guid.NewGuid(), 2026, new DateOnly(2026, 7, 2), "文件", new AdjustmentTerm(AdjustmentMethod.Percent, 3m), null, null, "admin", At)).Field);
        Assert.Equal("effectiveMonth", Assert.Throws<DomainValidationException>(() =>
            BenefitAdjustment.Enter(Guid.NewGuid(), 2026, new DateOnly(2027, 1, 1), "文件", new AdjustmentTerm(AdjustmentMethod.Percent, 3m), null, null, "admin", At)).Field);
        Assert.Equal("source", Assert.Throws<DomainValidationException>(() =>
            BenefitAdjustment.Enter(Guid.NewGuid(), 2026, July, "  ", new AdjustmentTerm(AdjustmentMethod.Percent, 3m), null, null, "admin", At)).Field);
        Assert.Equal("disabilityAllowance", Assert.Throws<DomainValidationException>(() =>
            BenefitAdjustment.Enter(Guid.NewGuid(), 2026, July, "文件", null, null, null, "admin", At)).Field);
    }
}
