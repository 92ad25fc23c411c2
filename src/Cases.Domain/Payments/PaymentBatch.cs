namespace Cases.Domain.Payments;

/// <summary>Where a batch stands: draft → approved (by someone other than its assembler) → sent → reconciled.</summary>
public enum BatchStatus
{
    Draft,
    Approved,
    Sent,
    Reconciled,
}

/// <summary>The bank's result for one order: paid, or returned with its reason.</summary>
public enum BankOutcome
{
    Paid,
    Returned,
}

/// <summary>One line of the bank's result file: the order, the outcome, the amount the bank handled, the reason of a return.</summary>
public sealed record BankResultLine(Guid OrderId, BankOutcome Outcome, decimal Amount, string? Reason);

/// <summary>What applying a result file did: how many lines changed an order, how many found it already so.</summary>
public sealed record BankResultApplied(int Applied, int Unchanged)
{
    /// <summary>Nothing changed: the same file was imported before.</summary>
    public bool NothingChanged => Applied == 0;
}

/// <summary>
/// A batch of pending orders of one city sent to the bank together. Who assembles it never approves it (规程 第一百一十九条
/// 岗位不相容): the approval is the second person's. The file goes out once approved; the bank's result is applied once —
/// the same file again changes nothing — and a line that does not match an order of the batch (another order, another
/// amount) refuses the whole file. Every order paid or returned: reconciled.
/// </summary>
public sealed class PaymentBatch
{
    private PaymentBatch()
    {
        CityCode = AssembledBy = "";
    }

    public Guid Id { get; private set; }

    public string CityCode { get; private set; }

    public BatchStatus Status { get; private set; }

    public int Count { get; private set; }

    public decimal Total { get; private set; }

    public DateTimeOffset AssembledAt { get; private set; }

    public string AssembledBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset? ReconciledAt { get; private set; }

    /// <summary>
    /// Incremented by the changes that must happen once (the approval, applying results): the database keeps it as a concurrency token,
    /// so of two reviewers approving the same draft at once, or an approval racing another change, only one writes — the
    /// other's command reads an older revision and loses with 409 (第一百一十九条: one approval, by one named reviewer).
    /// </summary>
    public int Revision { get; private set; }

    /// <summary>Assembles <paramref name="orders"/> (all of the city, all pending and not reversed) into a new batch.</summary>
    public static PaymentBatch Assemble(Guid id, string cityCode, IReadOnlyCollection<PaymentOrder> orders, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var city = Parties.City.Parse(cityCode).Code;
        if (orders.Count == 0)
        {
            throw new DomainRuleException(new LocalizedText("没有可编入批次的待支付单。", "There is no pending payment order to put in a batch."));
        }

        if (orders.FirstOrDefault(o => o.CityCode != city) is { } other)
        {
            throw new DomainValidationException("orderIds", new LocalizedText($"支付单 {other.Id} 不属于本市（{city}），不能编入本市批次。", $"Payment order {other.Id} is not of city {city}."));
        }

        var batch = new PaymentBatch
        {
            Id = Guard.RequiredId(id, "id", new LocalizedText("支付批次", "Batch")),
            CityCode = city,
            Status = BatchStatus.Draft,
            Count = orders.Count,
            Total = orders.Sum(o => o.Amount) + 0.00m,
            AssembledAt = at,
            AssembledBy = by,
        };
        foreach (var order in orders)
        {
            order.PutInBatch(batch.Id);
        }

        return batch;
    }

    /// <summary>Approves the draft: never by the person who assembled it (第一百一十九条).</summary>
    public void Approve(string by, DateTimeOffset at)
    {
        if (string.Equals(by, AssembledBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new ForbiddenException(new LocalizedText(
                "岗位不相容（第一百一十九条）：支付批次须由编制人以外的复核人员审批（第一百一十九条 岗位不相容）；您是本批次的编制人。",
                "Separation of duties (第一百一十九条): a batch is approved by someone other than who assembled it; you assembled this one."));
        }

        if (Status != BatchStatus.Draft)
        {
            throw new DomainRuleException(new LocalizedText($"支付批次已{StatusZh(Status)}，不能再次审批。", $"The batch is {Status}; it is not approved again."));
        }

        (Status, ApprovedBy, ApprovedAt) = (BatchStatus.Approved, by, at);
        Revision++;
    }

    /// <summary>The bank file was written: an approved batch is sent (writing it again later changes nothing).</summary>
    public void MarkSent(DateTimeOffset at)
    {
        if (Status == BatchStatus.Draft)
        {
            throw new DomainRuleException(new LocalizedText("支付批次尚未审批，不能生成银行文件。", "The batch is not approved; no bank file is written."));
        }

        if (Status == BatchStatus.Approved)
        {
            // No new revision: two first downloads at once both send the same file, and both may say so.
            (Status, SentAt) = (BatchStatus.Sent, at);
        }
    }

    /// <summary>
    /// Applies the bank's result to <paramref name="orders"/> (the batch's): every line is checked before any is applied —
    /// an order not in the batch, another amount, a result that contradicts one recorded before refuse the whole file.
    /// A line whose result is already recorded changes nothing. Once every order is paid or returned, the batch is reconciled.
    /// </summary>
    public BankResultApplied ApplyResults(IReadOnlyList<BankResultLine> lines, IReadOnlyCollection<PaymentOrder> orders, DateOnly on, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(orders);
        if (Status is BatchStatus.Draft or BatchStatus.Approved)
        {
            throw new DomainRuleException(new LocalizedText("银行文件尚未生成发送，不能导入支付结果。", "The bank file has not been sent; there is no result to import."));
        }

        if (lines.Count == 0)
        {
            throw new DomainValidationException("file", new LocalizedText("结果文件中没有任何结果行。", "The result file has no lines."));
        }

        var byId = orders.Where(o => o.BatchId == Id).ToDictionary(o => o.Id);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, row) = (lines[i], i + 2);
            if (!seen.Add(line.OrderId))
            {
                throw Refused(row, $"支付单 {line.OrderId} 在结果文件中出现了两次", $"order {line.OrderId} appears twice");
            }

            if (!byId.TryGetValue(line.OrderId, out var order))
            {
                throw Refused(row, $"支付单 {line.OrderId} 不在本批次中", $"order {line.OrderId} is not in this batch");
            }

            if (line.Amount != order.Amount)
            {
                throw Refused(row, Guard.Invariant($"支付单 {line.OrderId} 的金额 {line.Amount:0.00} 与批次中的 {order.Amount:0.00} 不符"),
                    Guard.Invariant($"order {line.OrderId} has {line.Amount:0.00}, the batch {order.Amount:0.00}"));
            }

            var recorded = order.Status switch { PaymentStatus.Paid => BankOutcome.Paid, PaymentStatus.Returned => BankOutcome.Returned, _ => (BankOutcome?)null };
            if (recorded is { } r && r != line.Outcome)
            {
                throw Refused(row, $"支付单 {line.OrderId} 已登记为「{PaymentOrder.StatusZh(order.Status)}」，结果不能改变", $"order {line.OrderId} is already {order.Status}");
            }
        }

        var applied = 0;
        foreach (var line in lines)
        {
            var order = byId[line.OrderId];
            if (order.Status != PaymentStatus.Batched)
            {
                continue;
            }

            if (line.Outcome == BankOutcome.Paid)
            {
                order.MarkPaid(on);
            }
            else
            {
                order.MarkReturned(on, line.Reason);
            }

            applied++;
        }

        if (Status == BatchStatus.Sent && byId.Values.All(o => o.Status is PaymentStatus.Paid or PaymentStatus.Returned))
        {
            (Status, ReconciledAt) = (BatchStatus.Reconciled, at);
        }

        if (applied > 0)
        {
            // Two imports of the same file at once: one applies it, the other loses rather than applying it twice.
            Revision++;
        }

        return new BankResultApplied(applied, lines.Count - applied);
    }

    public static string StatusZh(BatchStatus status) => status switch
    {
        BatchStatus.Draft => "待审批",
        BatchStatus.Approved => "已审批",
        BatchStatus.Sent => "已发送银行",
        _ => "已对账",
    };

    private static DomainValidationException Refused(int row, string zh, string en) => new("file", new LocalizedText(
        $"结果文件第 {row} 行：{zh}；整个文件未予导入。", $"Result file line {row}: {en}; nothing was imported."));
}
