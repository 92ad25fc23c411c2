using Cases.Domain.Benefits;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Benefits;

/// <summary>
/// A monthly benefit as the payroll reads it: the amount of any month comes from the history, a re-appraisal changes it
/// only from the month after (第七十八条: what was paid before is neither paid again nor deducted), a stop ends it, and a
/// child's pension carries the 18th birthday (第六十二条（二）).
/// </summary>
public sealed class EntitlementTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Id(string body) => body + IdNumber.ComputeCheckDigit(body);

    private static Entitlement Allowance(decimal amount = 4_050m, string from = "2026-04-01") => Entitlement.Grant(
        new EntitlementGrant(City.Jinan, Guid.NewGuid(), Guid.NewGuid(), MonthlyBenefit.DisabilityAllowance, "张三", Id("37010219800101001"), null, amount, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), "第七十五条", "伤残待遇核定"),
        "officer.jinan", At);

    [Fact]
    public void A_granted_allowance_pays_its_amount_from_its_first_month_and_nothing_before()
    {
        var allowance = Allowance();
        Assert.Null(allowance.AmountFor(new DateOnly(2026, 3, 31)));
        Assert.Equal(4_050m, allowance.AmountFor(new DateOnly(2026, 4, 15)));
        Assert.Equal(4_050m, allowance.AmountFor(new DateOnly(2031, 1, 1)));
        Assert.Equal(EntitlementStatus.Active, allowance.Status);
        Assert.Equal(EntitlementChangeKind.Granted, Assert.Single(allowance.History).Kind);
        Assert.Null(allowance.AdulthoodOn);
    }

    [Fact]
    public void A_re_appraisal_changes_the_amount_from_its_month_and_leaves_the_months_before()
    {
        var allowance = Allowance();
        allowance.ChangeAmount(new DateOnly(2027, 2, 1), 3_825m, "复查鉴定为四级（第七十八条）", Guid.NewGuid(), "officer.jinan", At.AddYears(1));
        Assert.Equal(4_050m, allowance.AmountFor(new DateOnly(2027, 1, 1)));
        Assert.Equal(3_825m, allowance.AmountFor(new DateOnly(2027, 2, 1)));
        Assert.Equal(3_825m, allowance.MonthlyAmount);

        // A change may not reach back before the latest one: the months paid since are settled.
        var back = Assert.Throws<DomainValidationException>(() => allowance.ChangeAmount(new DateOnly(2026, 12, 1), 3_000m, "补录", null, "officer.jinan", At));
        Assert.Equal("fromMonth", back.Field);
        Assert.Contains("不予补发或扣减", back.Text.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stopped_benefit_pays_nothing_from_its_month_and_changes_no_more()
    {
        var allowance = Allowance();
        allowance.Stop(new DateOnly(2027, 2, 1), "复查鉴定为五级，伤残津贴改由用人单位支付", null, "officer.jinan", At);
        Assert.Equal((EntitlementStatus.Stopped, new DateOnly(2027, 1, 1)), (allowance.Status, allowance.ToMonth));
        Assert.Equal(4_050m, allowance.AmountFor(new DateOnly(2027, 1, 1)));
        Assert.Null(allowance.AmountFor(new DateOnly(2027, 2, 1)));
        Assert.Throws<DomainRuleException>(() => allowance.ChangeAmount(new DateOnly(2027, 3, 1), 1m, "再次调整", null, "officer.jinan", At));
    }

    [Fact]
    public void A_childs_pension_carries_the_eighteenth_birthday_unless_the_child_cannot_work()
    {
        var child = Id("37010220080915002");
        Entitlement Pension(bool unableToWork) => Entitlement.Grant(
            new EntitlementGrant(City.Jinan, Guid.NewGuid(), Guid.NewGuid(), MonthlyBenefit.DependantsPension, "张小雨", child, DependantRelation.Child, 1_215.5m, new DateOnly(2026, 4, 1), "第八十二条", "工亡待遇核定", unableToWork),
            "officer.jinan", At);
        Assert.Equal(new DateOnly(2026, 9, 15), Pension(false).AdulthoodOn);
        Assert.Null(Pension(true).AdulthoodOn);
    }

    [Theory]
    [InlineData(0, "2026-04-01", "monthlyAmount")]
    [InlineData(100.005, "2026-04-01", "monthlyAmount")]
    [InlineData(100, "2026-04-02", "fromMonth")]
    public void A_grant_refuses_an_amount_not_to_the_fen_or_a_month_not_on_its_first_day(decimal amount, string from, string field) =>
        Assert.Equal(field, Assert.Throws<DomainValidationException>(() => Allowance(amount, from)).Field);

    [Fact]
    public void A_pension_names_the_relation_and_the_workers_own_benefit_does_not()
    {
        var refused = Assert.Throws<DomainValidationException>(() => Entitlement.Grant(
            new EntitlementGrant(City.Jinan, Guid.NewGuid(), Guid.NewGuid(), MonthlyBenefit.DependantsPension, "李梅", Id("37010219820202002"), null, 1_000m, new DateOnly(2026, 4, 1), "第八十二条", "工亡待遇核定"),
            "officer.jinan", At));
        Assert.Equal("relation", refused.Field);
    }
}
