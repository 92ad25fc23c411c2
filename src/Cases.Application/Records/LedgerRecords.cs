namespace Cases.Application.Records;

/// <summary>
/// One posting to a ledger (规程 第九十三条 先行支付台账; 第九十条 third-party medical reimbursements): written in the
/// same transaction as the case's transition, never updated or deleted; corrections are further postings.
/// </summary>
public sealed class LedgerEntry
{
    public Guid Id { get; set; }

    /// <summary>advance-payment or third-party-medical.</summary>
    public string Ledger { get; set; } = "";

    /// <summary>advanced, repaid, written-off (advance-payment); reimbursed (third-party-medical).</summary>
    public string Entry { get; set; } = "";

    public Guid CaseId { get; set; }

    public Guid InstanceId { get; set; }

    public string CityCode { get; set; } = "";

    /// <summary>The injury case the money belongs to: the unit within which a cost may be paid once (第九十条).</summary>
    public string InjuryCaseId { get; set; } = "";

    public decimal Amount { get; set; }

    /// <summary>The statutory date of the posting (paid, repaid, written off), China time.</summary>
    public DateOnly OccurredOn { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}

/// <summary>An item (e.g. an invoice number) paid by a ledger entry: unique per ledger and injury case, so a cost is never paid twice (第九十条).</summary>
public sealed class LedgerItem
{
    public string Ledger { get; set; } = "";

    public string InjuryCaseId { get; set; } = "";

    public string ItemKey { get; set; } = "";

    public Guid EntryId { get; set; }

    public Guid CaseId { get; set; }
}
