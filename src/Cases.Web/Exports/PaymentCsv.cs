using Cases.Application.Payments;

namespace Cases.Web.Exports;

/// <summary>The 支付台账 as CSV: the page's columns, the account masked as on the page, written as the other exports are.</summary>
public static class PaymentCsv
{
    public static CsvTable Ledger(WorkflowText T, PaymentLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(T);
        ArgumentNullException.ThrowIfNull(ledger);
        return new(
            [T.L["支付单号"], T.L["城市"], T.L["支付对象"], T.L["类别"], T.L["工伤案件"], T.L["待遇项目"], T.L["依据"], T.L["期间"], T.L["金额（元）"], T.L["账户"], T.L["开户银行"], T.L["状态"], T.L["生成时间"]],
            [.. ledger.Orders.Select(o => (IReadOnlyList<string>)[
                o.Id.ToString(), SupervisionCsv.CityName(o.City), o.Payee, WorkflowText.PayeeKind(o.PayeeKind), o.InjuryCase ?? "", WorkflowText.Benefit(o.Benefit), o.Article, o.Period ?? "",
                o.Amount.ToString("0.00", CultureInfo.InvariantCulture), o.Account, o.Bank, T.PaymentStatus(o.Status), WorkflowText.Instant(o.OrderedAt)])]);
    }
}
