using Cases.Domain.Payments;

namespace Cases.Application.Payments;

/// <summary>
/// A payment order as lists and pages show it: the account masked (first 4, last 4 digits: 规程 第一百四十条), the
/// labels of its payee kind and benefit, and the injury case by its recognition number and worker.
/// </summary>
public sealed record PaymentOrderView(
    Guid Id, string City, Guid CaseId, Guid? InjuryCaseId, string? InjuryCase, string Payee, string PayeeKind, string AccountKind, string Account, string Bank,
    decimal Amount, string Benefit, string Article, string? Period, string Status, Guid? BatchId, Guid? Reverses, Guid? ReversedBy, Guid? Corrects,
    Guid? SupersededBy, string? Reason, DateOnly? SettledOn, DateTimeOffset OrderedAt, string OrderedBy)
{
    public static PaymentOrderView From(PaymentOrder o, string? injuryCase) => new(
        o.Id, o.CityCode, o.CaseId, o.InjuryCaseId, injuryCase, o.PayeeName, o.PayeeKind, o.AccountKind, o.MaskedAccount, o.Bank, o.Amount + 0.00m,
        o.Benefit, o.Article, o.Period, Name(o.Status), o.BatchId, o.Reverses, o.ReversedBy, o.Corrects, o.SupersededBy, o.Reason, o.SettledOn, o.OrderedAt, o.OrderedBy);

    /// <summary>A status as the API names it: pending, batched, paid, returned, posted.</summary>
    public static string Name(PaymentStatus status) => status.ToString().ToLowerInvariant();

    public static PaymentStatus? StatusOf(string? name) => Enum.GetValues<PaymentStatus>().Select(s => (PaymentStatus?)s).FirstOrDefault(s => Name(s!.Value) == name);
}

/// <summary>How many orders and how much, to the fen.</summary>
public sealed record PaymentTally(int Count, decimal Total)
{
    public static PaymentTally Of(IEnumerable<PaymentOrder> orders)
    {
        var list = orders.ToList();
        return new(list.Count, list.Sum(o => o.Amount) + 0.00m);
    }
}

public sealed record PaymentOrderPage(IReadOnlyList<PaymentOrderView> Items, string? Next);

/// <summary>
/// A batch and its orders, with its totals to the fen (paid, returned, still with the bank) and what the reader may do:
/// approve it (a reviewer who did not assemble it), download its bank file, import the bank's result.
/// </summary>
public sealed record PaymentBatchView(
    Guid Id, string City, string Status, int Count, decimal Total, DateTimeOffset AssembledAt, string AssembledBy, DateTimeOffset? ApprovedAt, string? ApprovedBy,
    DateTimeOffset? SentAt, DateTimeOffset? ReconciledAt, PaymentTally Paid, PaymentTally Returned, PaymentTally Outstanding, IReadOnlyList<PaymentOrderView> Orders,
    bool MayApprove, bool MayDownload, bool MayImport)
{
    public static string Name(BatchStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>What a result import did: how many lines changed an order, how many found it already so, and the batch after it.</summary>
public sealed record BankResultImport(int Applied, int Unchanged, bool NothingChanged, PaymentBatchView Batch);

/// <summary>The bank file of a batch: its bytes, name and type.</summary>
public sealed record BankFile(byte[] Content, string FileName, string ContentType);

/// <summary>
/// The 支付台账 (规程 第九十六条: 每月……建立当月工伤职工待遇支付台账，汇总支付结果) as filtered: the orders (at most
/// <see cref="PaymentQueries.LedgerLimit"/>) and the totals per status of all that match.
/// </summary>
public sealed record PaymentLedger(IReadOnlyList<PaymentOrderView> Orders, IReadOnlyDictionary<string, PaymentTally> ByStatus, PaymentTally Total, bool Truncated);
