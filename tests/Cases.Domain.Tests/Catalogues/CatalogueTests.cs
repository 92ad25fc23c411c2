using Cases.Domain.Catalogues;

namespace Cases.Domain.Tests.Catalogues;

/// <summary>catalogues: the items of the 三目录 (第四十条) and the item-by-item review of a bill (第四十、四十四、六十、三十八条).</summary>
public sealed class CatalogueTests
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly BillReviewFacts Rehab = new(new(2025, 3, 1), new(2025, 5, 31), null, null);

    private static CatalogueItem Item(CatalogueClass c, decimal? share = null, decimal? cap = null, string code = "X1") =>
        CatalogueItem.Create(CatalogueKind.Drugs, code, "测试项目", c, share, cap, "支", From);

    private static BillItem Bill(decimal amount, string day = "2025-03-10", decimal quantity = 1, BillItemKind kind = BillItemKind.Medical, bool transfer = false) =>
        new("X1", null, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), quantity, amount, kind, transfer);

    [Fact]
    public void A_class_A_item_is_paid_in_full()
    {
        var d = BillReview.Decide(Bill(260.00m), Item(CatalogueClass.A), Rehab);
        Assert.Equal((260.00m, 0m, 0m, BillReasons.Paid), (d.Paid, d.SelfPay, d.Refused, d.ReasonCode));
    }

    [Theory]
    // 87.35 × 10% = 8.735 → 8.74 (half away from zero); 87.35 − 8.74 = 78.61.
    [InlineData(87.35, 10, 78.61, 8.74)]
    // 0.05 × 10% = 0.005 → 0.01; the fund pays 0.04.
    [InlineData(0.05, 10, 0.04, 0.01)]
    // 100.00 × 0% (乙 with no share loaded) = 0.
    [InlineData(100.00, 0, 100.00, 0)]
    public void A_class_B_item_is_paid_after_its_self_pay_share_rounded_to_the_fen(decimal amount, decimal share, decimal paid, decimal selfPay)
    {
        var d = BillReview.Decide(Bill(amount), Item(CatalogueClass.B, share), Rehab);
        Assert.Equal((paid, selfPay, 0m), (d.Paid, d.SelfPay, d.Refused));
        Assert.Equal(amount, d.Paid + d.SelfPay + d.Refused);
    }

    [Fact]
    public void A_class_C_item_and_an_unlisted_one_are_refused_naming_the_article()
    {
        var c = BillReview.Decide(Bill(95.50m), Item(CatalogueClass.C), Rehab);
        Assert.Equal((0m, 95.50m, BillReasons.ClassC), (c.Paid, c.Refused, c.ReasonCode));
        var none = BillReview.Decide(Bill(120m), null, Rehab);
        Assert.Equal((0m, 120m, BillReasons.NotListed), (none.Paid, none.Refused, none.ReasonCode));
        Assert.Contains("第四十条", none.Reason.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void The_part_above_a_price_cap_is_refused()
    {
        // 3 days at 50.00 a day: 150.00 paid of 180.00, 30.00 refused.
        var d = BillReview.Decide(Bill(180.00m, quantity: 3), Item(CatalogueClass.A, cap: 50m), Rehab);
        Assert.Equal((150.00m, 0m, 30.00m, BillReasons.OverPriceCap), (d.Paid, d.SelfPay, d.Refused, d.ReasonCode));
        // 乙 with a cap: the share is taken of what the cap allows: 150.00 × 10% = 15.00.
        var b = BillReview.Decide(Bill(180.00m, quantity: 3), Item(CatalogueClass.B, 10, 50m), Rehab);
        Assert.Equal((135.00m, 15.00m, 30.00m), (b.Paid, b.SelfPay, b.Refused));
    }

    [Theory]
    [InlineData("2025-02-28", false)]
    [InlineData("2025-03-01", true)]
    [InlineData("2025-05-31", true)]
    [InlineData("2025-06-01", false)]
    public void A_rehabilitation_cost_is_paid_only_inside_the_rehabilitation_period(string day, bool paid)
    {
        var d = BillReview.Decide(Bill(150m, day, kind: BillItemKind.Rehab), Item(CatalogueClass.A), Rehab);
        Assert.Equal(paid ? BillReasons.Paid : BillReasons.OutsideRehabPeriod, d.ReasonCode);
        Assert.Equal(paid ? 0m : 150m, d.Refused);
    }

    [Fact]
    public void A_rehabilitation_cost_without_a_period_is_refused()
    {
        var d = BillReview.Decide(Bill(150m, kind: BillItemKind.Rehab), Item(CatalogueClass.A), new BillReviewFacts(null, null, null, null));
        Assert.Equal(BillReasons.OutsideRehabPeriod, d.ReasonCode);
        Assert.Contains("第四十四条", d.Reason.Zh, StringComparison.Ordinal);
    }

    [Theory]
    // 第六十条: ended 2025-03-05 → from 2025-04-01 nothing more is paid; ended on 2025-12-31 → from 2026-01-01.
    [InlineData("2025-03-05", "2025-03-31", false)]
    [InlineData("2025-03-05", "2025-04-01", true)]
    [InlineData("2025-12-31", "2026-01-01", true)]
    public void Costs_from_the_month_after_the_employment_ended_are_refused(string ended, string day, bool refused)
    {
        var facts = Rehab with { EmploymentEndedOn = DateOnly.Parse(ended, System.Globalization.CultureInfo.InvariantCulture) };
        var item = CatalogueItem.Create(CatalogueKind.Drugs, "X1", "测试项目", CatalogueClass.A, null, null, null, new DateOnly(2024, 1, 1));
        var d = BillReview.Decide(Bill(40m, day), item, facts);
        Assert.Equal(refused ? BillReasons.AfterEmployment : BillReasons.Paid, d.ReasonCode);
    }

    [Fact]
    public void A_cost_of_a_referral_not_filed_when_it_arose_is_refused()
    {
        Assert.Equal(BillReasons.UnfiledTransfer, BillReview.Decide(Bill(100m, transfer: true), Item(CatalogueClass.A), Rehab).ReasonCode);
        var filed = Rehab with { TransferFiledOn = new DateOnly(2025, 3, 12) };
        Assert.Equal(BillReasons.UnfiledTransfer, BillReview.Decide(Bill(100m, "2025-03-10", transfer: true), Item(CatalogueClass.A), filed).ReasonCode);
        Assert.Equal(BillReasons.Paid, BillReview.Decide(Bill(100m, "2025-03-12", transfer: true), Item(CatalogueClass.A), filed).ReasonCode);
    }

    [Fact]
    public void An_item_is_judged_by_the_version_in_force_on_the_day_of_the_service()
    {
        var item = Item(CatalogueClass.A);
        item.ReplacedFrom(new DateOnly(2025, 7, 1));
        Assert.Equal(new DateOnly(2025, 6, 30), item.ValidTo);
        Assert.Equal(BillReasons.Paid, BillReview.Decide(Bill(10m, "2025-06-30"), item, Rehab).ReasonCode);
        Assert.Equal(BillReasons.NotListed, BillReview.Decide(Bill(10m, "2025-07-01"), item, Rehab).ReasonCode);
        Assert.Throws<DomainRuleException>(() => Item(CatalogueClass.A).ReplacedFrom(From));
    }

    [Theory]
    [InlineData(CatalogueClass.A, 10.0, "selfPayPercent")]
    [InlineData(CatalogueClass.B, null, "selfPayPercent")]
    [InlineData(CatalogueClass.B, 101.0, "selfPayPercent")]
    [InlineData(CatalogueClass.B, -1.0, "selfPayPercent")]
    public void An_item_refuses_a_share_its_class_cannot_have(CatalogueClass c, double? share, string field)
    {
        var e = Assert.Throws<DomainValidationException>(() => Item(c, share is null ? null : (decimal)share.Value));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void An_item_needs_a_code_and_a_name_and_a_positive_cap()
    {
        Assert.Equal("code", Assert.Throws<DomainValidationException>(() => CatalogueItem.Create(CatalogueKind.Drugs, " ", "名称", CatalogueClass.A, null, null, null, From)).Field);
        Assert.Equal("name", Assert.Throws<DomainValidationException>(() => CatalogueItem.Create(CatalogueKind.Drugs, "X", "", CatalogueClass.A, null, null, null, From)).Field);
        Assert.Equal("priceCap", Assert.Throws<DomainValidationException>(() => CatalogueItem.Create(CatalogueKind.Drugs, "X", "名称", CatalogueClass.A, null, 0m, null, From)).Field);
        Assert.Equal(100m, CatalogueItem.Create(CatalogueKind.Drugs, "X", "名称", CatalogueClass.C, null, null, null, From).SelfPayPercent);
    }

    [Theory]
    // 条例 第十七条: 30 days from the injury of 2025-01-10 run to 2025-02-09.
    // Applied on day 30: in time, the fund pays from the injury.
    [InlineData("2025-02-09", null, false, null)]
    // Applied on day 31 and accepted five days later: the employer bears the costs until the acceptance.
    [InlineData("2025-02-10", "2025-02-15", false, "2025-02-15")]
    // Accepted day not known: until the day it was applied for.
    [InlineData("2025-03-20", null, false, "2025-03-20")]
    // The department allowed more time: not late.
    [InlineData("2025-03-20", "2025-03-25", true, null)]
    public void A_late_recognition_application_leaves_the_costs_until_its_acceptance_to_the_employer(string applied, string? accepted, bool extended, string? through)
    {
        static DateOnly Day(string d) => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(through is null ? null : Day(through), BillReview.EmployerBearsThrough(new(2025, 1, 10), Day(applied), accepted is null ? null : Day(accepted), extended));
    }

    [Fact]
    public void The_employers_share_is_refused_to_the_fund_whole_naming_the_article_and_a_later_cost_is_paid()
    {
        var facts = new BillReviewFacts(null, null, null, null, new DateOnly(2025, 3, 25));
        var borne = BillReview.Decide(Bill(260.00m, "2025-03-25"), Item(CatalogueClass.A), facts);
        Assert.Equal((0m, 260.00m, BillReasons.EmployerLateRecognition), (borne.Paid, borne.Refused, borne.ReasonCode));
        Assert.Contains("第六十九条（一）", borne.Reason.Zh, StringComparison.Ordinal);
        Assert.Contains("2025年3月25日", borne.Reason.Zh, StringComparison.Ordinal);
        Assert.Equal(BillReasons.Paid, BillReview.Decide(Bill(260.00m, "2025-03-26"), Item(CatalogueClass.A), facts).ReasonCode);
    }
}
