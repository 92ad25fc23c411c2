using Cases.Application.Ledgers;

namespace Cases.Web.Exports;

/// <summary>
/// The two ledgers (第九十三条 先行支付台账; 第九十条 third-party medical reimbursements) as the page shows them and as
/// their CSV exports hold them; written by <see cref="SupervisionCsv.Write"/> (UTF-8 with BOM, formula cells escaped).
/// </summary>
public static class LedgerCsv
{

    /// <summary>An amount in yuan to the fen, as the page and the export print it (¥48,000.00).</summary>
    public static string Money(decimal amount) => ChinaDate.Money(amount);

    /// <summary>Whom an advance is recovered from: the liable party's name, its credit code beside it when the case names one.</summary>
    public static string LiableParty(AdvancePaymentCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.LiableParty is null ? c.Party : c.LiablePartyCode is null ? c.LiableParty : $"{c.LiableParty}（{c.LiablePartyCode}）";
    }

    /// <summary>Where a recovery stands, in words.</summary>
    public static string Standing(WorkflowText T, string standing)
    {
        ArgumentNullException.ThrowIfNull(T);
        return standing switch
        {
            AdvancePaymentStanding.Recovering => T.L["追偿中"],
            AdvancePaymentStanding.Recovered => T.L["已全部追回"],
            AdvancePaymentStanding.Referred => T.L["已移送依法追偿"],
            AdvancePaymentStanding.WrittenOff => T.L["已核销"],
            _ => standing,
        };
    }

    /// <summary>
    /// One row per advance, amounts as officers read them (¥48,000.00: a spreadsheet set to Chinese reads them as
    /// currency); no totals row, so that summing a column never counts a total twice.
    /// </summary>
    public static CsvTable AdvancePayments(WorkflowText T, AdvancePaymentLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(T);
        ArgumentNullException.ThrowIfNull(ledger);
        return new(
            [T.L["城市"], T.L["案件"], T.L["工伤案件编号"], T.L["追偿对象"], T.L["状态"], T.L["先行支付日期"], T.L["先行支付金额"], T.L["已追回"], T.L["已核销"], T.L["未追回余额"], T.L["最近还款日期"]],
            [.. ledger.Cases.Select(c => (IReadOnlyList<string>)[SupervisionCsv.CityName(c.City), WorkflowText.CaseNumber(c.CaseId), c.InjuryCase ?? c.InjuryCaseId, LiableParty(c), Standing(T, c.Standing),
                WorkflowText.Date(c.AdvancedOn), Money(c.Advanced), Money(c.Recovered), Money(c.WrittenOff), Money(c.Outstanding), c.LastRepaidOn is { } d ? WorkflowText.Date(d) : ""])]);
    }

    /// <summary>One row per paid top-up with the invoices it paid.</summary>
    public static CsvTable ThirdPartyMedical(WorkflowText T, IEnumerable<ThirdPartyReimbursement> rows)
    {
        ArgumentNullException.ThrowIfNull(T);
        return new(
            [T.L["城市"], T.L["案件"], T.L["工伤案件编号"], T.L["补足金额"], T.L["支付日期"], T.L["发票号"]],
            [.. rows.Select(r => (IReadOnlyList<string>)[SupervisionCsv.CityName(r.City), WorkflowText.CaseNumber(r.CaseId), r.InjuryCase ?? r.InjuryCaseId, Money(r.Amount), WorkflowText.Date(r.PaidOn),
                string.Join("; ", r.Invoices)])]);
    }
}
