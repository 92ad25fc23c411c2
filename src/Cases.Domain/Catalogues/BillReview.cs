using System.Globalization;

namespace Cases.Domain.Catalogues;

/// <summary>Whether a bill's item is a medical cost (第三十七～四十二条) or a rehabilitation cost (第四十三～四十七条).</summary>
public enum BillItemKind
{
    Medical,
    Rehab,
}

/// <summary>
/// One item of a bill as the worker or employer declares it (第六十六条: 收费票据、费用清单); <c>Transfer</c> marks a cost of
/// treatment outside the city on a referral (第三十八条).
/// </summary>
public sealed record BillItem(string Code, string? Name, DateOnly ServedOn, decimal Quantity, decimal Amount, BillItemKind Kind, bool Transfer = false);

/// <summary>
/// What the review knows of the worker beyond the bill: the injury case's rehabilitation period as the appraisal committee
/// set it (第四十三条, as extended, 第四十九条; null when none was set), the day the labour relation ended (第六十条; null
/// while it lasts, or when the worker kept treatment for a medical dependency), the day the agency filed the referral
/// (第三十八条; null when none was filed), and the last day whose costs the employer bears because it applied for the
/// recognition late (第六十九条（一）, 《工伤保险条例》第十七条; null when it applied in time).
/// </summary>
public sealed record BillReviewFacts(DateOnly? RehabStartsOn, DateOnly? RehabEndsOn, DateOnly? EmploymentEndedOn, DateOnly? TransferFiledOn,
    DateOnly? EmployerBearsThrough = null)
{
    public bool InRehabilitationPeriod(DateOnly day) => RehabStartsOn <= day && day <= RehabEndsOn;
}

/// <summary>Why an item is paid as it is; the code is what the case data and the API carry.</summary>
public static class BillReasons
{
    public const string Paid = "paid";
    public const string SelfPayShare = "self-pay-share";
    public const string OverPriceCap = "over-price-cap";
    public const string NotListed = "not-listed";
    public const string ClassC = "class-c";
    public const string OutsideRehabPeriod = "outside-rehab-period";
    public const string AfterEmployment = "after-employment";
    public const string UnfiledTransfer = "unfiled-transfer";

    /// <summary>A cost of the time the employer owed the recognition application: the employer pays it, not the fund.</summary>
    public const string EmployerLateRecognition = "employer-late-recognition";

    public static IReadOnlyList<string> All { get; } =
        [Paid, SelfPayShare, OverPriceCap, NotListed, ClassC, OutsideRehabPeriod, AfterEmployment, UnfiledTransfer, EmployerLateRecognition];
}

/// <summary>The decision on one item: what the fund pays, what the worker pays, what is refused (to the fen), and why.</summary>
public sealed record BillDecision(decimal Claimed, decimal Paid, decimal SelfPay, decimal Refused, string ReasonCode, LocalizedText Reason, CatalogueItem? Listed);

/// <summary>
/// The item-by-item review of a manual reimbursement (规程 第六十六条; what is checked: 第六十九条 for medical costs,
/// 第七十条 for rehabilitation costs). In order, the first that applies decides the whole item:
/// a rehabilitation cost outside the rehabilitation period is refused (第四十四条 超出康复期的不予支付; 第七十条（一）);
/// a cost from the month after the labour relation ended is refused (第六十条 次月起不再支付后续医疗费 — the exception of a
/// worker with a medical dependency who gave up the one-time medical subsidy is the officer's to record, not the bill's);
/// a cost of a referral the agency had not filed when it arose is refused (第三十八条 经…备案后…由工伤保险基金支付);
/// an item no catalogue lists on the day of the service, or lists as 丙, is refused (第四十条 超出"三目录"范围);
/// then the part above a price cap is refused (第四十条 超出…标准), and of a 乙 item the worker pays its share.
/// </summary>
public static class BillReview
{
    /// <summary>
    /// Rounds money to the fen, half away from zero — applied only where a share is taken (the 乙 self-pay), since every
    /// other figure is a sum or difference of amounts already in fen; the paid part is what remains, so paid + self-pay +
    /// refused is always exactly the claimed amount.
    /// </summary>
    public static decimal Fen(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static BillDecision Decide(BillItem item, CatalogueItem? listed, BillReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(facts);
        var claimed = item.Amount;
        var (day, dayEn) = (Zh(item.ServedOn), En(item.ServedOn));
        if (item.Kind == BillItemKind.Rehab && !facts.InRehabilitationPeriod(item.ServedOn))
        {
            var period = facts.RehabStartsOn is { } s && facts.RehabEndsOn is { } e
                ? ($"康复期 {Zh(s)} 至 {Zh(e)}", $"the rehabilitation period {En(s)} to {En(e)}")
                : ("未确定康复期", "no rehabilitation period was set");
            return Refuse(claimed, BillReasons.OutsideRehabPeriod, listed, new(
                $"康复费用发生于 {day}，超出康复期（{period.Item1}），不予支付（第四十四条）。",
                $"A rehabilitation cost of {dayEn}, outside {period.Item2}: not paid (第四十四条)."));
        }

        if (facts.EmploymentEndedOn is { } ended && item.ServedOn >= FirstOfNextMonth(ended))
        {
            var from = FirstOfNextMonth(ended);
            return Refuse(claimed, BillReasons.AfterEmployment, listed, new(
                $"劳动关系于 {Zh(ended)} 终止，自次月（{Zh(from)}）起工伤保险基金不再支付后续医疗费（第六十条）。",
                $"The labour relation ended on {En(ended)}; from the next month ({En(from)}) the fund pays no further medical costs (第六十条)."));
        }

        if (facts.EmployerBearsThrough is { } through && item.ServedOn <= through)
        {
            return Refuse(claimed, BillReasons.EmployerLateRecognition, listed, new(
                $"用人单位未在规定时限内提出工伤认定申请，{Zh(item.ServedOn)}的费用在受理申请之日（{Zh(through)}）前发生，由用人单位负担，工伤保险基金不予支付（第六十九条（一）；《工伤保险条例》第十七条）。",
                $"The employer applied for the recognition late: this cost of {En(item.ServedOn)}, up to the day the application was accepted ({En(through)}), is the employer's to pay, not the fund's (第六十九条（一）; 条例 第十七条)."));
        }

        if (item.Transfer && (facts.TransferFiledOn is not { } filed || item.ServedOn < filed))
        {
            return Refuse(claimed, BillReasons.UnfiledTransfer, listed, facts.TransferFiledOn is { } f
                ? new($"转诊转院费用发生于 {day}，在备案（{Zh(f)}）之前，不予支付（第三十八条）。", $"A referral cost of {dayEn}, before the filing ({En(f)}): not paid (第三十八条).")
                : new("转诊转院未经参保地社保经办机构备案，其费用不予支付（第三十八条）。", "The referral was not filed with the agency: its costs are not paid (第三十八条)."));
        }

        if (listed is null || !listed.InForceOn(item.ServedOn))
        {
            return Refuse(claimed, BillReasons.NotListed, null, new(
                $"「{item.Code}」不在 {day} 适用的工伤保险“三目录”内，不予支付（第四十条）。",
                $"{item.Code} is in none of the three catalogues in force on {dayEn}: not paid (第四十条)."));
        }

        if (listed.Class == CatalogueClass.C)
        {
            return Refuse(claimed, BillReasons.ClassC, listed, new(
                $"「{listed.Name}」为丙类项目，超出“三目录”支付范围，不予支付（第四十条）。",
                $"{listed.Name} is class 丙, outside what the catalogues pay: not paid (第四十条)."));
        }

        var refused = 0m;
        var allowed = claimed;
        string? capZh = null, capEn = null;
        if (listed.PriceCap is { } cap && item.Quantity > 0 && claimed > Fen(cap * item.Quantity))
        {
            allowed = Fen(cap * item.Quantity);
            refused = claimed - allowed;
            capZh = string.Create(CultureInfo.InvariantCulture, $"超出限价（{cap:0.00} 元/{listed.Unit ?? "单位"} × {item.Quantity:0.##}）的 {refused:0.00} 元不予支付（第四十条）");
            capEn = string.Create(CultureInfo.InvariantCulture, $"{refused:0.00} above the price cap ({cap:0.00} per {listed.Unit ?? "unit"} × {item.Quantity:0.##}) is not paid (第四十条)");
        }

        if (listed.Class == CatalogueClass.B && listed.SelfPayPercent > 0)
        {
            var selfPay = Fen(allowed * listed.SelfPayPercent / 100m);
            var share = listed.SelfPayPercent.ToString("0.##", CultureInfo.InvariantCulture);
            var zh = string.Create(CultureInfo.InvariantCulture, $"「{listed.Name}」为乙类项目，个人先行自付 {share}%（{selfPay:0.00} 元），其余按规定支付（第四十条；自付比例按本机构载入的目录）");
            var en = string.Create(CultureInfo.InvariantCulture, $"{listed.Name} is class 乙: the worker pays {share}% ({selfPay:0.00}) first, the rest is paid (第四十条; the share as the agency's catalogue sets it)");
            return new(claimed, allowed - selfPay, selfPay, refused, capZh is null ? BillReasons.SelfPayShare : BillReasons.OverPriceCap,
                new(capZh is null ? zh + "。" : $"{zh}；{capZh}。", capEn is null ? en + "." : $"{en}; {capEn}."), listed);
        }

        return new(claimed, allowed, 0m, refused, capZh is null ? BillReasons.Paid : BillReasons.OverPriceCap, capZh is null
            ? new($"「{listed.Name}」为{listed.Class.Zh()}类项目，符合“三目录”，按规定支付（第四十条）。", $"{listed.Name} is class {listed.Class.Zh()} in the catalogues: paid (第四十条).")
            : new($"「{listed.Name}」符合“三目录”；{capZh}。", $"{listed.Name} is in the catalogues; {capEn}."), listed);
    }

    /// <summary>
    /// 第六十九条（一） with 《工伤保险条例》第十七条: when no recognition application was made within 30 days of the injury
    /// (or the longer time the department allowed), the employer did not apply in time and bears the costs of that time —
    /// from the injury to the day the application was accepted (whoever made it in the end: the worker, a relative or the
    /// union may apply within a year). Null when an application was made in time: the fund pays from the injury.
    /// </summary>
    /// <param name="injuredOn">The day of the injury (or of the occupational-disease diagnosis).</param>
    /// <param name="appliedOn">The day the recognition application was made.</param>
    /// <param name="acceptedOn">The day the department accepted it (受理); the day it was made when not known.</param>
    /// <param name="extended">Whether the department allowed the employer more time (第十七条 遇有特殊情况…适当延长).</param>
    public static DateOnly? EmployerBearsThrough(DateOnly injuredOn, DateOnly appliedOn, DateOnly? acceptedOn, bool extended) =>
        extended || appliedOn <= injuredOn.AddDays(RecognitionDays) ? null : acceptedOn is { } a && a > appliedOn ? a : appliedOn;

    /// <summary>《工伤保险条例》第十七条: the employer applies within 30 days of the injury.</summary>
    public const int RecognitionDays = 30;

    /// <summary>第六十条: 终止或解除劳动关系，次月起 — the first day of the month after the one the relation ended in.</summary>
    public static DateOnly FirstOfNextMonth(DateOnly ended) => new DateOnly(ended.Year, ended.Month, 1).AddMonths(1);

    private static string Zh(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");

    private static string En(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static BillDecision Refuse(decimal claimed, string code, CatalogueItem? listed, LocalizedText reason) =>
        new(claimed, 0m, 0m, claimed, code, reason, listed);
}
