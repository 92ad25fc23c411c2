using Cases.Application.Payments;

namespace Cases.Web.Forms;

/// <summary>
/// Paydesk: what the payment pages' forms send, read as the API reads its JSON — a malformed value is a 400 naming its
/// field, in the user's language, and nothing is changed.
/// </summary>
public static class PaydeskInput
{
    /// <summary>
    /// The ticked orders of 「编制支付批次」. None ticked is refused: the API's "all pending orders" is asked by naming none,
    /// which a page form cannot tell from a form whose boxes were all unticked.
    /// </summary>
    public static IReadOnlyList<Guid> OrderIds(IReadOnlyList<string>? ids)
    {
        if (ids is null || ids.Count == 0 || ids.All(string.IsNullOrWhiteSpace))
        {
            throw new DomainValidationException("orderIds", new LocalizedText("请至少勾选一笔待支付单。", "Tick at least one pending order."));
        }

        return ids.Where(id => !string.IsNullOrWhiteSpace(id)).Select((id, i) => Guid.TryParse(id, out var g) ? g : throw new DomainValidationException(
            $"orderIds[{i}]", new LocalizedText("支付单号格式不正确。", "Not a payment order id."))).ToList();
    }

    /// <summary>The bank's result file of 「导入银行回盘文件」, or a refusal naming <c>file</c> when none was chosen.</summary>
    public static Stream ResultFile(IFormFile? file) =>
        file is { Length: > 0 } ? file.OpenReadStream() : throw new DomainValidationException("file", new LocalizedText("请选择银行回盘文件（CSV）。", "Choose the bank's result file (CSV)."));
}

/// <summary>Paydesk: money and the outcome of an import as the payment pages say them.</summary>
public static class PaydeskText
{
    /// <summary>Yuan as the pages show it: ¥12,345.67.</summary>
    public static string Money(decimal amount) => (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>What an import of the bank's result did: the lines it recorded, paid and returned to the fen, reconciled or not, or nothing at all.</summary>
    public static string Imported(IStringLocalizer<SharedResource> L, BankResultImport import)
    {
        ArgumentNullException.ThrowIfNull(L);
        ArgumentNullException.ThrowIfNull(import);
        var b = import.Batch;
        if (import.NothingChanged)
        {
            return L["此回盘文件已导入过，未作任何更改（已支付 {0} 笔 {1}，已退回 {2} 笔 {3}）。", b.Paid.Count, Money(b.Paid.Total), b.Returned.Count, Money(b.Returned.Total)].Value;
        }

        return b.Outstanding.Count == 0
            ? L["已导入银行回盘文件：登记 {0} 笔；已支付 {1} 笔 {2}，已退回 {3} 笔 {4}，合计 {5} 与批次金额相符，已对账。",
                import.Applied, b.Paid.Count, Money(b.Paid.Total), b.Returned.Count, Money(b.Returned.Total), Money(b.Paid.Total + b.Returned.Total)].Value
            : L["已导入银行回盘文件：登记 {0} 笔；已支付 {1} 笔 {2}，已退回 {3} 笔 {4}；尚有 {5} 笔 {6} 待银行结果。",
                import.Applied, b.Paid.Count, Money(b.Paid.Total), b.Returned.Count, Money(b.Returned.Total), b.Outstanding.Count, Money(b.Outstanding.Total)].Value;
    }
}
