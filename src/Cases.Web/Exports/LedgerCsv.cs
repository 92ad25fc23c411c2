using Cases.Application.Ledgers;

namespace Cases.Web.Exports;

/// <summary>
/// The two ledgers (第九十三条 先行支付台账; 第九十条 third-party medical reimbursements) as the page shows them and as
/// their CSV exports hold them; written by <see cref="SupervisionCsv.Write"/> (UTF-8 with BOM, formula cells escaped).
/// </summary>
public static class LedgerCsv
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>An amount to the fen with thousands separators, as the page prints it (48,000.00).</summary>
    public static string Money(decimal amount) => amount.ToString("#,##0.00", Invariant);

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
    /// One row per advance. Amounts are written plainly (48000.00, no separators) so that a spreadsheet reads them as
    /// numbers whatever its locale; no totals row, so that summing a column never counts a total twice.
    /// </summary>
    public static CsvTable AdvancePayments(WorkflowText T, AdvancePaymentLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(T);
        ArgumentNullException.ThrowIfNull(ledger);
        return new(
            [T.L["城市"], T.L["案件"], T.L["工伤案件编号"], T.L["追偿对象"], T.L["状态"], T.L["先行支付日期"], T.L["先行支付金额"], T.L["已追回"], T.L["已核销"], T.L["未追回余额"], T.L["最近还款日期"]],
            [.. ledger.Cases.Select(c => (IReadOnlyList<string>)[SupervisionCsv.CityName(c.City), WorkflowText.CaseNumber(c.CaseId), c.InjuryCaseId, c.LiableParty ?? c.Party, Standing(T, c.Standing),
                WorkflowText.Date(c.AdvancedOn), Plain(c.Advanced), Plain(c.Recovered), Plain(c.WrittenOff), Plain(c.Outstanding), c.LastRepaidOn is { } d ? WorkflowText.Date(d) : ""])]);
    }

    /// <summary>One row per paid top-up with the invoices it paid.</summary>
    public static CsvTable ThirdPartyMedical(WorkflowText T, IEnumerable<ThirdPartyReimbursement> rows)
    {
        ArgumentNullException.ThrowIfNull(T);
        return new(
            [T.L["城市"], T.L["案件"], T.L["工伤案件编号"], T.L["补足金额"], T.L["支付日期"], T.L["发票号"]],
            [.. rows.Select(r => (IReadOnlyList<string>)[SupervisionCsv.CityName(r.City), WorkflowText.CaseNumber(r.CaseId), r.InjuryCaseId, Plain(r.Amount), WorkflowText.Date(r.PaidOn),
                string.Join("; ", r.Invoices)])]);
    }

    private static string Plain(decimal amount) => amount.ToString("0.00", Invariant);
}
