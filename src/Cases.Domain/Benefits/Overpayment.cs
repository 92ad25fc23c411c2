namespace Cases.Domain.Benefits;

/// <summary>Where the recovery of an overpayment stands.</summary>
public enum OverpaymentStatus
{
    /// <summary>待追回: demanded, something still owed.</summary>
    Open = 1,

    /// <summary>已追回: nothing owed any more.</summary>
    Recovered = 2,

    /// <summary>已移交: the recipient refused to repay; referred to the social-insurance administration (第一百一十七条（五）).</summary>
    Referred = 3,
}

public enum OverpaymentEntryKind
{
    /// <summary>多发认定: a run found months paid that were not due.</summary>
    Found = 1,

    /// <summary>扣回: taken from a later payroll line of the same benefit.</summary>
    Deducted = 2,

    /// <summary>退还: the recipient (or the estate) paid it back.</summary>
    Repaid = 3,

    /// <summary>移交: 拒不退还的，移交社会保险行政部门依法处理 (第一百一十七条（五）).</summary>
    Referred = 4,
}

/// <summary>One step of a recovery, kept for good (第一百二十条 留痕可溯).</summary>
public sealed record OverpaymentEntry(OverpaymentEntryKind Kind, decimal Amount, string Note, Guid? PayrollLineId, string By, DateTimeOffset At);

/// <summary>
/// Money paid that was not due — months paid after a death, after a stop or during a suspension found late — and its
/// recovery: 经核实确认不符合待遇享受资格的，停止发放并追回多发待遇 (第六十四条); 责令退还；拒不退还的，移交社会保险
/// 行政部门依法处理 (第一百一十七条（五）). A benefit still paid has it deducted from its next lines; otherwise the
/// recipient repays, or the officer refers the refusal.
/// </summary>
public sealed class Overpayment
{
    public const int NoteMaxLength = 300;

    private readonly List<OverpaymentEntry> entries = [];

    private Overpayment()
    {
        CityCode = RecipientName = string.Empty;
    }

    public Guid Id { get; private set; }

    public string CityCode { get; private set; }

    public Guid EntitlementId { get; private set; }

    public string RecipientName { get; private set; }

    public MonthlyBenefit Benefit { get; private set; }

    /// <summary>The first and last month overpaid.</summary>
    public DateOnly FirstPeriod { get; private set; }

    public DateOnly LastPeriod { get; private set; }

    /// <summary>What was overpaid, yuan.</summary>
    public decimal Amount { get; private set; }

    /// <summary>What is still owed.</summary>
    public decimal Balance { get; private set; }

    public OverpaymentStatus Status { get; private set; }

    public DateTimeOffset FoundAt { get; private set; }

    public IReadOnlyList<OverpaymentEntry> Entries => entries;

    /// <summary>The overpayment a run found in <paramref name="items"/> (the overpaid months and what the line could not offset).</summary>
    public static Overpayment Found(Guid id, Entitlement entitlement, IReadOnlyList<PayrollItem> items, decimal amount, Guid lineId, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entitlement);
        ArgumentNullException.ThrowIfNull(items);
        var overpaid = items.Where(i => i.Kind == PayrollItemKind.Overpaid).ToList();
        if (amount <= 0m || overpaid.Count == 0)
        {
            throw new DomainRuleException(new LocalizedText("没有多发的月份。", "No month was overpaid."));
        }

        var found = new Overpayment
        {
            Id = id,
            CityCode = entitlement.CityCode,
            EntitlementId = entitlement.Id,
            RecipientName = entitlement.RecipientName,
            Benefit = entitlement.Benefit,
            FirstPeriod = overpaid.Min(i => i.Period),
            LastPeriod = overpaid.Max(i => i.Period),
            Amount = amount + 0.00m,
            Balance = amount + 0.00m,
            Status = OverpaymentStatus.Open,
            FoundAt = at,
        };
        found.entries.Add(new OverpaymentEntry(OverpaymentEntryKind.Found, amount, Guard.Invariant(
            $"{Guard.Iso(found.FirstPeriod)[..7]} 至 {Guard.Iso(found.LastPeriod)[..7]} 多发待遇"), lineId, by, at));
        return found;
    }

    /// <summary>Takes <paramref name="amount"/> from a payroll line of the same benefit.</summary>
    public void Deduct(decimal amount, Guid lineId, string by, DateTimeOffset at) =>
        Take(OverpaymentEntryKind.Deducted, amount, "从月度发放中扣回", lineId, by, at, "amount");

    /// <summary>The recipient repaid <paramref name="amount"/>.</summary>
    public void Repay(decimal amount, string? note, string by, DateTimeOffset at) =>
        Take(OverpaymentEntryKind.Repaid, amount, Guard.RequiredText(note, "note", new LocalizedText("退还说明", "Note"), NoteMaxLength), null, by, at, "amount");

    /// <summary>The recipient refused to repay: referred to the administration (第一百一十七条（五）); the balance stays owed.</summary>
    public void Refer(string? note, string by, DateTimeOffset at)
    {
        RequireOpen();
        entries.Add(new OverpaymentEntry(OverpaymentEntryKind.Referred, Balance, Guard.RequiredText(note, "note", new LocalizedText("移交说明", "Note"), NoteMaxLength), null, by, at));
        Status = OverpaymentStatus.Referred;
    }

    private void Take(OverpaymentEntryKind kind, decimal amount, string note, Guid? lineId, string by, DateTimeOffset at, string field)
    {
        RequireOpen();
        if (amount <= 0m || decimal.Round(amount, 2) != amount)
        {
            throw new DomainValidationException(field, new LocalizedText("金额须大于零并精确到分。", "The amount is above zero and exact to the fen."));
        }

        if (amount > Balance)
        {
            throw new DomainValidationException(field, new LocalizedText(
                Guard.Invariant($"金额 {amount:N2} 元超过尚欠的 {Balance:N2} 元。"), Guard.Invariant($"The amount {amount:N2} is more than the {Balance:N2} owed.")));
        }

        entries.Add(new OverpaymentEntry(kind, amount, note, lineId, by, at));
        Balance -= amount;
        if (Balance == 0m)
        {
            Status = OverpaymentStatus.Recovered;
        }
    }

    private void RequireOpen()
    {
        if (Status != OverpaymentStatus.Open)
        {
            throw new DomainRuleException(new LocalizedText(
                Status == OverpaymentStatus.Recovered ? "多发待遇已全部追回。" : "该笔多发待遇已移交社会保险行政部门处理（第一百一十七条（五））。",
                Status == OverpaymentStatus.Recovered ? "The overpayment was recovered in full." : "The overpayment was referred to the administration (第一百一十七条（五）)."));
        }
    }
}
