using System.Globalization;
using System.Text;
using Cases.Domain.Payments;
using CsvHelper;

namespace Cases.Application.Payments;

/// <summary>One order as the bank file carries it: the whole account number — the bank needs it to pay.</summary>
public sealed record BankFileLine(Guid OrderId, string Payee, string AccountNumber, string Bank, decimal Amount, string Memo);

/// <summary>
/// A bank's file layouts: the file of a batch the agency sends, and the result file the bank sends back. Another bank's
/// layout is another implementation registered in its place.
/// </summary>
public interface IBankFileWriter
{
    /// <summary>The layout's name, shown beside the download.</summary>
    string Layout { get; }

    /// <summary>The file's name for a batch.</summary>
    string FileName(Guid batchId);

    string ContentType { get; }

    byte[] Write(IReadOnlyList<BankFileLine> lines);

    /// <summary>The bank's result lines; a malformed file is refused naming "file" and its line.</summary>
    IReadOnlyList<BankResultLine> ReadResults(Stream file);
}

/// <summary>
/// The product's one documented layout (docs/adr/0018): CSV (RFC 4180) in UTF-8 with a byte-order mark, a header row,
/// then one line per order — <c>orderId,payee,account,bank,amount,memo</c>, the amount with two decimals and a dot. The
/// bank answers with <c>orderId,result,amount,reason</c>, result <c>paid</c> or <c>returned</c>.
/// </summary>
public sealed class CsvBankFileWriter : IBankFileWriter
{
    public static readonly string[] Header = ["orderId", "payee", "account", "bank", "amount", "memo"];
    public static readonly string[] ResultHeader = ["orderId", "result", "amount", "reason"];
    public const int MaxResultLines = 10_000;

    public string Layout => "CSV UTF-8 (orderId,payee,account,bank,amount,memo)";

    public string ContentType => "text/csv; charset=utf-8";

    public string FileName(Guid batchId) => $"payment-batch-{batchId:N}.csv";

    public byte[] Write(IReadOnlyList<BankFileLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true))
        {
            csv.WriteRecord(Header);
            foreach (var line in lines)
            {
                csv.WriteRecord([line.OrderId.ToString("D"), line.Payee, line.AccountNumber, line.Bank, line.Amount.ToString("0.00", CultureInfo.InvariantCulture), line.Memo]);
            }
        }

        return buffer.ToArray();
    }

    public IReadOnlyList<BankResultLine> ReadResults(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false }, leaveOpen: false);
        if (!csv.Read())
        {
            throw Refused(1, "首行须为表头 orderId,result,amount,reason", "the first line must be the header orderId,result,amount,reason");
        }

        var header = csv.Current.ToArray().Select(h => h.Trim()).ToArray();
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var (idAt, resultAt, amountAt, reasonAt) = (Column("orderId"), Column("result"), Column("amount"), Column("reason"));
        if (idAt < 0 || resultAt < 0 || amountAt < 0)
        {
            throw Refused(1, "首行须为表头 orderId,result,amount,reason", "the first line must be the header orderId,result,amount,reason");
        }

        var lines = new List<BankResultLine>();
        var row = 1;
        while (csv.Read())
        {
            row++;
            var fields = csv.Current.ToArray();
            string? At(int i) => i >= 0 && i < fields.Length ? fields[i].Trim() : null;
            var (id, result, amount, reason) = (At(idAt), At(resultAt)?.ToLowerInvariant(), At(amountAt), At(reasonAt));
            if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(result) && string.IsNullOrEmpty(amount))
            {
                continue;
            }

            if (lines.Count >= MaxResultLines)
            {
                throw Refused(row, $"结果文件至多 {MaxResultLines} 行", $"a result file has at most {MaxResultLines} lines");
            }

            if (!Guid.TryParse(id, out var orderId))
            {
                throw Refused(row, $"「{Short(id)}」不是支付单号", $"\"{Short(id)}\" is no order id");
            }

            var outcome = result switch
            {
                "paid" => BankOutcome.Paid,
                "returned" => BankOutcome.Returned,
                _ => throw Refused(row, "结果须为 paid 或 returned", "the result must be paid or returned"),
            };
            if (!decimal.TryParse(amount, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw Refused(row, $"金额「{Short(amount)}」不是数字", $"the amount \"{Short(amount)}\" is no number");
            }

            if (reason is { Length: > PaymentOrder.ReasonMaxLength })
            {
                throw Refused(row, $"原因至多 {PaymentOrder.ReasonMaxLength} 个字", $"the reason has at most {PaymentOrder.ReasonMaxLength} characters");
            }

            lines.Add(new BankResultLine(orderId, outcome, value, string.IsNullOrWhiteSpace(reason) ? null : reason));
        }

        return lines;
    }

    private static string Short(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;

    private static DomainValidationException Refused(int row, string zh, string en) => new("file", new LocalizedText(
        $"结果文件第 {row} 行：{zh}；整个文件未予导入。", $"Result file line {row}: {en}; nothing was imported."));
}
