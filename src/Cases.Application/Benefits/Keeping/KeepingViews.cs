using System.Globalization;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Cases.Domain.Privacy;

namespace Cases.Application.Benefits.Keeping;

/// <summary>
/// One change of an entitlement as the keeping page and API show it: months as "yyyy-MM", the back pay's first month of
/// a resumption (第六十二条 羁押超期补发) and the cause of a suspension, who made it and when (第一百二十条 留痕可溯).
/// </summary>
public sealed record KeptChangeView(
    string Kind, string FromMonth, decimal MonthlyAmount, string Reason, string? BackPaidFrom, string? Cause, Guid? CaseId, string By, DateTimeOffset At);

/// <summary>
/// A monthly benefit as its keeper sees it: the recipient by name and masked identity number, the amount, the months, the
/// status and why suspended, the account masked (第九十七条), what the payroll settled, and every change.
/// </summary>
public sealed record KeptEntitlementView(
    Guid Id, string City, Guid InjuryCaseId, string Benefit, string RecipientName, string RecipientIdNumber, string? Relation, string Article,
    string FromMonth, string? ToMonth, decimal MonthlyAmount, string Status, string? Suspension, string? AccountKind, string? Account, string? Bank,
    string? PaidThrough, IReadOnlyList<KeptChangeView> History)
{
    internal static KeptEntitlementView From(Entitlement e) => new(
        e.Id, e.CityCode, e.InjuryCaseId, MonthlyBenefits.NameOf(e.Benefit), e.RecipientName, KeepingText.MaskedId(e.RecipientIdNumber),
        e.Relation is { } r ? r.ToString().ToLowerInvariant() : null, e.Article, KeepingText.Month(e.FromMonth), e.ToMonth is { } to ? KeepingText.Month(to) : null,
        e.MonthlyAmount, e.Status.ToString().ToLowerInvariant(), e.Suspension is { } s ? KeepingText.CauseName(s) : null,
        e.AccountKind, e.AccountNumber is { } n ? PersonalDataMask.BankCard(n) : null, e.Bank,
        e.PaidThrough is { } p ? KeepingText.Month(p) : null,
        [.. e.History.Select(c => new KeptChangeView(KeepingText.KindName(c.Kind), KeepingText.Month(c.FromMonth), c.MonthlyAmount, c.Reason,
            c.BackPaidFrom is { } b ? KeepingText.Month(b) : null, c.Cause is { } cause ? KeepingText.CauseName(cause) : null, c.CaseId, c.By, c.At))]);
}

/// <summary>One step of an overpayment's recovery (第一百二十条 留痕可溯).</summary>
public sealed record OverpaymentEntryView(string Kind, decimal Amount, string Note, Guid? PayrollLineId, string By, DateTimeOffset At);

/// <summary>
/// Money paid that was not due and its recovery (第六十四条 追回多发待遇; 第一百一十七条（五） 责令退还，拒不退还的移交):
/// the months, what was overpaid, what is still owed, where it stands and each step.
/// </summary>
public sealed record OverpaymentView(
    Guid Id, string City, Guid EntitlementId, string RecipientName, string Benefit, string FirstPeriod, string LastPeriod,
    decimal Amount, decimal Balance, string Status, DateTimeOffset FoundAt, IReadOnlyList<OverpaymentEntryView> Entries)
{
    internal static OverpaymentView From(Overpayment o) => new(
        o.Id, o.CityCode, o.EntitlementId, o.RecipientName, MonthlyBenefits.NameOf(o.Benefit), KeepingText.Month(o.FirstPeriod), KeepingText.Month(o.LastPeriod),
        o.Amount, o.Balance, o.Status.ToString().ToLowerInvariant(), o.FoundAt,
        [.. o.Entries.Select(e => new OverpaymentEntryView(e.Kind.ToString().ToLowerInvariant(), e.Amount, e.Note, e.PayrollLineId, e.By, e.At))]);
}

/// <summary>One page of overpayments, newest first, and the cursor of the next (null on the last).</summary>
public sealed record OverpaymentPage(IReadOnlyList<OverpaymentView> Items, string? Next);

/// <summary>One item of a payroll line: the month it settles, the amount and its kind (regular, arrears, overpaid, deduction).</summary>
public sealed record KeptPayrollItemView(string Period, decimal Amount, string Kind);

/// <summary>A payroll line that paid (or took back from) an entitlement: the run's month, the amount and its items.</summary>
public sealed record KeptPayrollLineView(Guid Id, Guid EntitlementId, string Month, decimal Amount, IReadOnlyList<KeptPayrollItemView> Items);

/// <summary>The recipient's yearly certification (第六十三条), when the payroll has opened one.</summary>
public sealed record KeptCertificationView(DateOnly DueOn, DateOnly? LastCertifiedOn, DateOnly? OverdueSince);

/// <summary>A recipient found by name or identity number: the person, masked, and the entitlement whose page shows them.</summary>
public sealed record RecipientHit(Guid EntitlementId, string City, string RecipientName, string RecipientIdNumber, int Benefits);

/// <summary>
/// One recipient of the caller's city as the 「定期待遇」 page shows them: every entitlement of the same identity number,
/// the certification due, the payroll lines that paid them and the overpayments with their entries.
/// </summary>
public sealed record RecipientView(
    string City, string RecipientName, string RecipientIdNumber, IReadOnlyList<KeptEntitlementView> Entitlements, KeptCertificationView? Certification,
    IReadOnlyList<KeptPayrollLineView> PayrollLines, IReadOnlyList<OverpaymentView> Overpayments);

/// <summary>The API's and pages' words for months, kinds and causes.</summary>
public static class KeepingText
{
    /// <summary>A month as the API writes it: yyyy-MM.</summary>
    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A month typed as yyyy-MM (the first of the month), or a refusal naming <paramref name="field"/>.</summary>
    public static DateOnly ParseMonth(string? text, string field, LocalizedText label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainValidationException(field, new LocalizedText($"请填写{label.Zh}（格式 yyyy-MM）。", $"{label.En} is required (yyyy-MM)."));
        }

        var trimmed = text.Trim();
        return DateOnly.TryParseExact(trimmed + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && trimmed.Length == 7
            ? month
            : throw new DomainValidationException(field, new LocalizedText(
                $"{label.Zh}须为月份，格式 yyyy-MM（如 2026-07）；收到的是「{Short(trimmed)}」。", $"{label.En} is a month as yyyy-MM (e.g. 2026-07); got '{Short(trimmed)}'."));
    }

    /// <summary>An identity number masked as every list shows it (empty when it is not one).</summary>
    public static string MaskedId(string idNumber) => IdNumber.TryParse(idNumber, out var id, out _) ? id.Masked : string.Empty;

    public static string KindName(EntitlementChangeKind kind) => EntitlementNames.Kind(kind);

    public static string CauseName(SuspensionCause cause) => EntitlementNames.Cause(cause);

    public static string ItemKindName(PayrollItemKind kind) => kind.ToString().ToLowerInvariant();

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
