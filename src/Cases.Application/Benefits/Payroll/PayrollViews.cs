using System.Globalization;
using Cases.Domain.Benefits;

namespace Cases.Application.Benefits.Payroll;

/// <summary>One benefit's share of a run: how many lines, how much.</summary>
public sealed record PayrollBenefitTotal(string Benefit, int Lines, decimal Amount);

/// <summary>
/// A city's monthly payroll run as the API and the 「月度发放」 page show it: the month, the figures (lines, total, held
/// back for want of an account), the totals per benefit, who computed it and who approved it, and its batch.
/// </summary>
public sealed record PayrollRunView(
    Guid Id, string City, string Month, string Status, int Lines, decimal Total, int Held, Guid? BatchId,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ApprovedAt, string? ApprovedBy, IReadOnlyList<PayrollBenefitTotal> Benefits)
{
    internal static PayrollRunView From(PayrollRun run, IReadOnlyList<PayrollBenefitTotal> benefits) => new(
        run.Id, run.CityCode, PayrollMonths.Text(run.Month), run.Status.ToString().ToLowerInvariant(), run.Lines, run.Total, run.Held, run.BatchId,
        run.CreatedAt, run.CreatedBy, run.ApprovedAt, run.ApprovedBy, benefits);
}

/// <summary>What asking for a run gave: the run, and whether this request computed it (false: it existed and nothing changed).</summary>
public sealed record PayrollRunOutcome(PayrollRunView Run, bool Created);

/// <summary>One run of a page of runs, newest month first.</summary>
public sealed record PayrollRunPage(IReadOnlyList<PayrollRunView> Items, string? Next);

/// <summary>One item of a line: the month it settles ("yyyy-MM"), the amount, and its kind (regular, arrears, overpaid, deduction).</summary>
public sealed record PayrollItemView(string Period, decimal Amount, string Kind);

/// <summary>A change of the benefit that explains a line's difference from the month before.</summary>
public sealed record PayrollReasonView(string Kind, string FromMonth, decimal MonthlyAmount, string Reason);

/// <summary>
/// One line of a run: the recipient by name, the benefit, what it pays, last month's line (null when there was none),
/// its items, and the changes recorded since last month's run that explain a difference.
/// </summary>
public sealed record PayrollLineView(
    Guid Id, Guid EntitlementId, string Benefit, string RecipientName, decimal Amount, decimal? Previous,
    IReadOnlyList<PayrollItemView> Items, Guid? PaymentOrderId, IReadOnlyList<PayrollReasonView> Reasons);

public sealed record PayrollLinePage(IReadOnlyList<PayrollLineView> Items, string? Next);

/// <summary>A benefit paid last month that this run does not pay, and why (its status and latest change).</summary>
public sealed record PayrollDroppedView(Guid EntitlementId, string Benefit, string RecipientName, decimal Previous, string Status, PayrollReasonView? Reason, bool Held);

/// <summary>Months as the API writes and reads them: "yyyy-MM".</summary>
public static class PayrollMonths
{
    public static string Text(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"2026-07" as its first day; anything else is refused naming <paramref name="field"/>.</summary>
    public static DateOnly Parse(string? text, string field) =>
        DateOnly.TryParseExact((text ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month
            : throw new DomainValidationException(field, string.IsNullOrWhiteSpace(text)
                ? new LocalizedText("发放月份必须填写。", "Month is required.")
                : new LocalizedText($"月份「{text}」须为年月，如 2026-07。", $"The month \"{text}\" must be a year and month, e.g. 2026-07."));

    public static string KindName(PayrollItemKind kind) => kind switch
    {
        PayrollItemKind.Regular => "regular",
        PayrollItemKind.Arrears => "arrears",
        PayrollItemKind.Overpaid => "overpaid",
        _ => "deduction",
    };

    internal static PayrollReasonView Reason(EntitlementChange c) =>
        new(EntitlementNames.Kind(c.Kind), Text(c.FromMonth), c.MonthlyAmount, c.Reason);
}
