using System.Globalization;
using Cases.Domain.Benefits;

namespace Cases.Application.Benefits.Adjustments;

/// <summary>What a rule does to one monthly benefit: a percentage or a fixed amount a month (元).</summary>
public sealed record AdjustmentTermView(string Benefit, string Method, decimal Value);

/// <summary>A yearly adjustment rule as the API and page show it; months as "yyyy-MM".</summary>
public sealed record BenefitAdjustmentView(
    Guid Id, int Year, string EffectiveMonth, string Source, IReadOnlyList<AdjustmentTermView> Terms, string Status, string Reason,
    string EnteredBy, DateTimeOffset EnteredAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, DateTimeOffset? AppliedAt,
    int AdjustedCount, decimal AdjustedIncrease, string? DiscardedBy, DateTimeOffset? DiscardedAt)
{
    internal static BenefitAdjustmentView From(BenefitAdjustment a) => new(
        a.Id, a.Year, Adjustments.Month(a.EffectiveMonth), a.Source,
        [.. Enum.GetValues<MonthlyBenefit>().Select(b => (Benefit: b, Term: a.TermFor(b))).Where(x => x.Term is not null)
            .Select(x => new AdjustmentTermView(MonthlyBenefits.NameOf(x.Benefit), x.Term!.Method == AdjustmentMethod.Percent ? "percent" : "amount", x.Term.Value))],
        a.Status.ToString().ToLowerInvariant(), a.Reason, a.EnteredBy, a.EnteredAt, a.ApprovedBy, a.ApprovedAt, a.AppliedAt,
        a.AdjustedCount, a.AdjustedIncrease, a.DiscardedBy, a.DiscardedAt);
}

/// <summary>
/// One entitlement in a rule's preview: the recipient by name, the benefit, the amount at the effective month, the new
/// one and the difference; <see cref="Outcome"/> says whether it is adjusted and, if not, why (<see cref="Why"/>).
/// </summary>
public sealed record AdjustmentItemView(
    Guid EntitlementId, string City, string RecipientName, string Benefit, string BenefitLabel, decimal OldAmount, decimal NewAmount,
    decimal Difference, string Outcome, string? Why);

/// <summary>The figures of one city and benefit: how many are adjusted, their monthly amounts before and after, and how many are not, by why.</summary>
public sealed record AdjustmentTotals(
    string City, string Benefit, string BenefitLabel, int Adjusted, decimal OldTotal, decimal NewTotal, decimal Increase,
    int Suspended, int GrantedLater, int Stopped, int ChangedLater);

/// <summary>The rule's effect in the whole province (figures only: no names), by city and benefit, and by benefit.</summary>
public sealed record AdjustmentSummary(IReadOnlyList<AdjustmentTotals> ByCity, IReadOnlyList<AdjustmentTotals> ByBenefit, AdjustmentTotals Total);

/// <summary>
/// A page of the preview (or, once applied, of what the application did): the rule, the figures (on the first page only)
/// and the entitlements in the caller's scope, a page at a time (keyset: <see cref="Next"/>).
/// </summary>
public sealed record AdjustmentPreview(BenefitAdjustmentView Adjustment, bool Applied, AdjustmentSummary? Summary, IReadOnlyList<AdjustmentItemView> Items, string? Next, string Note);

internal static class Adjustments
{
    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Outcome(AdjustmentOutcome outcome) => outcome switch
    {
        AdjustmentOutcome.Adjusted => "adjusted",
        AdjustmentOutcome.Suspended => "suspended",
        AdjustmentOutcome.GrantedLater => "granted-later",
        AdjustmentOutcome.Stopped => "stopped",
        AdjustmentOutcome.ChangedLater => "changed-later",
        _ => "not-covered",
    };

    /// <summary>Why an entitlement is not adjusted, in the reader's language, with the article.</summary>
    public static string? Why(AdjustmentOutcome outcome, DateOnly effective) => outcome switch
    {
        AdjustmentOutcome.Suspended => new LocalizedText(
            "暂停发放期间不参加待遇调整（第六十二条“暂停享受抚恤金待遇且不参加待遇调整”）。",
            "Suspended: a suspended benefit takes no adjustment (第六十二条).").Current,
        AdjustmentOutcome.GrantedLater => new LocalizedText(
            $"执行月份 {effective.Year}年{effective.Month}月 之后才开始享受，其待遇已按调整后的基数核定，不再调整。",
            $"First paid after the effective month {Month(effective)}: its amount was computed on the new base already.").Current,
        AdjustmentOutcome.Stopped => new LocalizedText("已停发的待遇不再变更。", "Stopped: a stopped benefit is not changed again.").Current,
        AdjustmentOutcome.ChangedLater => new LocalizedText(
            "执行月份之后已重新核定金额（第七十八条），已核定的月份不再改动，请经办人员核查。",
            "Its amount was decided again from a month after the effective month (第七十八条); an officer checks it.").Current,
        _ => null,
    };

    public static AdjustmentItemView Item(Guid id, string city, string name, MonthlyBenefit benefit, AdjustmentOutcome outcome, decimal old, decimal @new, DateOnly effective)
    {
        var kind = MonthlyBenefits.KindOf(benefit);
        return new AdjustmentItemView(id, city, name, MonthlyBenefits.NameOf(benefit), LocalizedText.English ? kind.En : kind.Zh,
            old, @new, @new - old, Outcome(outcome), Why(outcome, effective));
    }
}
