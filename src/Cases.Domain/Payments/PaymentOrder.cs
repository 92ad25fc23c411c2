using System.Globalization;

namespace Cases.Domain.Payments;

/// <summary>Where a payment order stands: pending → batched → paid | returned; a reversing order is only posted.</summary>
public enum PaymentStatus
{
    /// <summary>Ordered, waiting for a batch.</summary>
    Pending,

    /// <summary>In a batch on its way to the bank.</summary>
    Batched,

    /// <summary>The bank paid it.</summary>
    Paid,

    /// <summary>The bank returned it (a closed or wrong account): a correcting order pays it again.</summary>
    Returned,

    /// <summary>A reversing order (negative amount): recorded in the ledger, never sent to a bank.</summary>
    Posted,
}

/// <summary>
/// One payment the fund makes (规程 第九十四条: 支付对象、支付金额、支付账户): to whom, how much, to which account, for
/// which benefit under which article, and for which period. Orders are never changed in what they pay: a mistake is
/// undone by a reversing order (negative amount, <see cref="Reverses"/>) and a returned payment is paid again by a
/// correcting order (<see cref="Corrects"/>) with the corrected account; the old one stays in the ledger (第九十六条 支付台账).
/// </summary>
public sealed class PaymentOrder
{
    public const int PayeeMaxLength = 100;
    public const int ArticleMaxLength = 20;
    public const int ReasonMaxLength = 500;

    private PaymentOrder()
    {
        CityCode = PayeeName = PayeeKind = AccountKind = AccountNumber = Bank = Benefit = Article = OrderedBy = "";
    }

    public Guid Id { get; private set; }

    public string CityCode { get; private set; }

    /// <summary>The case (procedure instance) whose step ordered it.</summary>
    public Guid CaseId { get; private set; }

    /// <summary>The step (action state) of the case that ordered it.</summary>
    public string Step { get; private set; } = "";

    /// <summary>The injury case the benefit belongs to; null for a payee outside one (an appraisal committee's fee, 第九十九条).</summary>
    public Guid? InjuryCaseId { get; private set; }

    public string PayeeName { get; private set; }

    /// <summary>A <see cref="Payments.PayeeKind"/> code.</summary>
    public string PayeeKind { get; private set; }

    /// <summary>A <see cref="PaymentAccount.Code"/> of the account's kind.</summary>
    public string AccountKind { get; private set; }

    public string AccountNumber { get; private set; }

    public string Bank { get; private set; }

    /// <summary>Yuan, exactly to the fen; negative only for a reversing order.</summary>
    public decimal Amount { get; private set; }

    /// <summary>A <see cref="BenefitKind"/> code.</summary>
    public string Benefit { get; private set; }

    /// <summary>The article the benefit is paid under (第九十五条 …).</summary>
    public string Article { get; private set; }

    /// <summary>The month it pays for ("2025-10"), for a periodic benefit; null for a one-time one.</summary>
    public string? Period { get; private set; }

    public PaymentStatus Status { get; private set; }

    public Guid? BatchId { get; private set; }

    /// <summary>The order this one reverses (its amount is the negative of that one's).</summary>
    public Guid? Reverses { get; private set; }

    /// <summary>The reversing order that undid this one.</summary>
    public Guid? ReversedBy { get; private set; }

    /// <summary>The returned order this one pays again to a corrected account.</summary>
    public Guid? Corrects { get; private set; }

    /// <summary>The correcting order that pays this returned one again.</summary>
    public Guid? SupersededBy { get; private set; }

    /// <summary>Why it was reversed (on the reversing order) or returned (the bank's reason).</summary>
    public string? Reason { get; private set; }

    /// <summary>China date the bank paid or returned it.</summary>
    public DateOnly? SettledOn { get; private set; }

    public DateTimeOffset OrderedAt { get; private set; }

    public string OrderedBy { get; private set; }

    /// <summary>The account number as lists and pages show it (first 4 and last 4 digits).</summary>
    public string MaskedAccount => Privacy.PersonalDataMask.BankCard(AccountNumber);

    /// <summary>The month the ledger counts it in (第九十六条 当月支付台账): the period it pays for, else the month it was ordered.</summary>
    public string LedgerMonth(DateOnly orderedOn) => Period ?? orderedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// Orders a payment. The amount must be above zero and exact to the fen: the procedure rounds where its rule rounds
    /// (the calculators do), a payment order never does.
    /// </summary>
    public static PaymentOrder Create(
        Guid id, string cityCode, Guid caseId, string step, Guid? injuryCaseId, string payeeName, PayeeKind payeeKind, PaymentAccount account,
        decimal amount, BenefitKind benefit, string article, string? period, DateTimeOffset at, string by,
        string amountField = "amount", string payeeField = "payee")
    {
        ArgumentNullException.ThrowIfNull(payeeKind);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(benefit);
        return new PaymentOrder
        {
            Id = Guard.RequiredId(id, "id", new LocalizedText("支付单", "Payment order")),
            CityCode = Parties.City.Parse(cityCode).Code,
            CaseId = caseId,
            Step = step,
            InjuryCaseId = injuryCaseId,
            PayeeName = Guard.RequiredText(payeeName, payeeField, new LocalizedText("支付对象", "Payee"), PayeeMaxLength),
            PayeeKind = payeeKind.Code,
            AccountKind = PaymentAccount.Code(account.Kind),
            AccountNumber = account.Number,
            Bank = account.Bank,
            Amount = Fen(amount, amountField, positive: true),
            Benefit = benefit.Code,
            Article = Guard.RequiredText(article, "article", new LocalizedText("支付依据条款", "Article"), ArticleMaxLength),
            Period = Month(period, "period"),
            Status = PaymentStatus.Pending,
            OrderedAt = at,
            OrderedBy = by,
        };
    }

    /// <summary>An amount as an order holds it: exact to the fen (never rounded here) and above zero unless a reversal.</summary>
    public static decimal Fen(decimal amount, string field, bool positive)
    {
        if (decimal.Round(amount, 2) != amount)
        {
            throw new DomainValidationException(field, new LocalizedText(
                Guard.Invariant($"支付金额 {amount} 元须精确到分（至多两位小数）；请按待遇规则先行取整。"),
                Guard.Invariant($"The amount {amount} must be exact to the fen (two decimals at most); round it as the benefit's rule says first.")));
        }

        if (positive && amount <= 0)
        {
            throw new DomainValidationException(field, new LocalizedText("支付金额须大于零。", "The amount must be above zero."));
        }

        // Two decimals always: 48000.00, never 48000 or 48000.0.
        return amount + 0.00m;
    }

    /// <summary>A month as "yyyy-MM", or null; anything else is refused naming <paramref name="field"/>.</summary>
    public static string? Month(string? period, string field)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            return null;
        }

        return DateOnly.TryParseExact(period.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : throw new DomainValidationException(field, new LocalizedText($"支付期间「{period}」须为年月，如 2025-10。", $"The period \"{period}\" must be a month, e.g. 2025-10."));
    }

    /// <summary>Whether a batch may take it: pending, and neither reversed nor a reversal.</summary>
    public bool Batchable => Status == PaymentStatus.Pending && ReversedBy is null;

    /// <summary>Puts the order in <paramref name="batchId"/>: only a pending order that was not reversed.</summary>
    public void PutInBatch(Guid batchId)
    {
        if (!Batchable)
        {
            throw new DomainRuleException(new LocalizedText(
                $"支付单 {Id} 当前为「{StatusZh(Status)}」{(ReversedBy is null ? "" : "且已冲正")}，不能编入支付批次。",
                $"Payment order {Id} is {Status}{(ReversedBy is null ? "" : " and reversed")}; it cannot go in a batch."));
        }

        (Status, BatchId) = (PaymentStatus.Batched, batchId);
    }

    /// <summary>The bank paid it on <paramref name="on"/>.</summary>
    public void MarkPaid(DateOnly on)
    {
        RequireBatched();
        (Status, SettledOn) = (PaymentStatus.Paid, on);
    }

    /// <summary>The bank returned it on <paramref name="on"/> for <paramref name="reason"/>.</summary>
    public void MarkReturned(DateOnly on, string? reason)
    {
        RequireBatched();
        (Status, SettledOn, Reason) = (PaymentStatus.Returned, on, string.IsNullOrWhiteSpace(reason) ? null : Guard.RequiredText(reason, "reason", new LocalizedText("退回原因", "Reason"), ReasonMaxLength));
    }

    /// <summary>
    /// A reversing order for this one (a negative amount, recorded, never sent): a pending order is then never batched;
    /// a paid one's money is to be recovered. A batched order is with the bank, a returned one was never paid (correct it).
    /// </summary>
    public PaymentOrder Reverse(Guid id, string? reason, DateTimeOffset at, string by)
    {
        if (Reverses is not null || Status is not (PaymentStatus.Pending or PaymentStatus.Paid) || ReversedBy is not null)
        {
            throw new DomainRuleException(new LocalizedText(
                $"只有待支付或已支付、且未冲正过的支付单可以冲正；此单为「{StatusZh(Status)}」{(ReversedBy is null ? "" : "，已冲正")}。",
                $"Only a pending or paid order not reversed before can be reversed; this one is {Status}{(ReversedBy is null ? "" : ", reversed")}."));
        }

        var reversal = Copy(id, at, by);
        reversal.Amount = -Amount;
        reversal.Status = PaymentStatus.Posted;
        reversal.Reverses = Id;
        reversal.Reason = Guard.RequiredText(reason, "reason", new LocalizedText("冲正原因", "Reason"), ReasonMaxLength);
        ReversedBy = reversal.Id;
        return reversal;
    }

    /// <summary>The correcting order of a returned one: the same payment to <paramref name="account"/>, pending again.</summary>
    public PaymentOrder Correct(Guid id, PaymentAccount account, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Status != PaymentStatus.Returned || SupersededBy is not null)
        {
            throw new DomainRuleException(new LocalizedText(
                SupersededBy is null ? $"只有被银行退回的支付单可以更正账户后重新支付；此单为「{StatusZh(Status)}」。" : $"此单已由支付单 {SupersededBy} 更正重付。",
                SupersededBy is null ? $"Only an order the bank returned is corrected and paid again; this one is {Status}." : $"This order was already corrected by {SupersededBy}."));
        }

        var correction = Copy(id, at, by);
        correction.AccountKind = PaymentAccount.Code(account.Kind);
        correction.AccountNumber = account.Number;
        correction.Bank = account.Bank;
        correction.Status = PaymentStatus.Pending;
        correction.Corrects = Id;
        SupersededBy = correction.Id;
        return correction;
    }

    public static string StatusZh(PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => "待支付",
        PaymentStatus.Batched => "已编批",
        PaymentStatus.Paid => "已支付",
        PaymentStatus.Returned => "已退回",
        _ => "冲正",
    };

    private void RequireBatched()
    {
        if (Status != PaymentStatus.Batched)
        {
            throw new DomainRuleException(new LocalizedText(
                $"支付单 {Id} 为「{StatusZh(Status)}」，只有已编入批次送银行的支付单可以登记支付结果。",
                $"Payment order {Id} is {Status}; only a batched order takes the bank's result."));
        }
    }

    private PaymentOrder Copy(Guid id, DateTimeOffset at, string by) => new()
    {
        Id = Guard.RequiredId(id, "id", new LocalizedText("支付单", "Payment order")),
        CityCode = CityCode, CaseId = CaseId, Step = Step, InjuryCaseId = InjuryCaseId, PayeeName = PayeeName, PayeeKind = PayeeKind,
        AccountKind = AccountKind, AccountNumber = AccountNumber, Bank = Bank, Amount = Amount, Benefit = Benefit, Article = Article,
        Period = Period, OrderedAt = at, OrderedBy = by,
    };
}
