namespace Cases.Domain.Benefits;

/// <summary>What one item of a payroll line pays or takes back.</summary>
public enum PayrollItemKind
{
    /// <summary>当月待遇: the run's own month.</summary>
    Regular = 1,

    /// <summary>补发: an earlier month that became due, or became due at a higher amount, after it was settled.</summary>
    Arrears = 2,

    /// <summary>多发: an earlier month paid more than is due after all (a stop or suspension reaching back): negative.</summary>
    Overpaid = 3,

    /// <summary>扣回: a recovered overpayment taken from this line (第六十四条 追回多发待遇): negative; pays for no month.</summary>
    Deduction = 4,
}

/// <summary>One item of a line: the month it settles, the amount (negative to take back) and why.</summary>
public sealed record PayrollItem(DateOnly Period, decimal Amount, PayrollItemKind Kind)
{
    /// <summary>Whether it settles its month (a deduction recovers a debt instead and settles none).</summary>
    public bool Settles => Kind != PayrollItemKind.Deduction;
}

/// <summary>Where a run stands: computed (its orders wait) → approved by a supervisor (its batch may go to the bank).</summary>
public enum PayrollRunStatus
{
    Computed = 1,
    Approved = 2,
}

/// <summary>
/// The monthly payroll (第九十六条 当月工伤职工待遇支付台账) of one city: one line per benefit with anything to settle, each
/// line's payment order in one batch. There is one run per city and month: asking again gives the same run.
/// </summary>
public sealed class PayrollRun
{
    private PayrollRun()
    {
        CityCode = CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public string CityCode { get; private set; }

    /// <summary>The month paid: its first day.</summary>
    public DateOnly Month { get; private set; }

    public PayrollRunStatus Status { get; private set; }

    /// <summary>How many lines.</summary>
    public int Lines { get; private set; }

    /// <summary>What the run pays, yuan.</summary>
    public decimal Total { get; private set; }

    /// <summary>Benefits with something due and no account to pay it to: held back, paid in arrears once an account is recorded.</summary>
    public int Held { get; private set; }

    /// <summary>The batch of the run's payment orders; null when nothing is paid.</summary>
    public Guid? BatchId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    /// <summary>A concurrency token: of two supervisors approving at once, one writes.</summary>
    public int Revision { get; private set; }

    public static PayrollRun Start(Guid id, Parties.City city, DateOnly month, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(city);
        return new PayrollRun
        {
            Id = Guard.RequiredId(id, "id", new LocalizedText("发放批次", "Payroll run")),
            CityCode = city.Code,
            Month = month.Day == 1 ? month : throw new DomainValidationException("month", new LocalizedText("月份须为当月1日。", "A month is its first day.")),
            Status = PayrollRunStatus.Computed,
            CreatedAt = at,
            CreatedBy = by,
        };
    }

    /// <summary>The computed lines' figures and the batch of their orders.</summary>
    public void Computed(int lines, decimal total, int held, Guid? batchId) => (Lines, Total, Held, BatchId) = (lines, total + 0.00m, held, batchId);

    /// <summary>Approves the run: a supervisor who did not compute it (第一百一十九条 岗位不相容).</summary>
    public void Approve(string by, DateTimeOffset at)
    {
        if (string.Equals(by, CreatedBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new ForbiddenException(new LocalizedText(
                "岗位不相容（第一百一十九条）：月度发放须由计算人以外的人员审批；您计算了本月发放。",
                "Separation of duties (第一百一十九条): a run is approved by someone other than who computed it; you computed this one."));
        }

        if (Status != PayrollRunStatus.Computed)
        {
            throw new DomainRuleException(new LocalizedText($"本月发放已由 {ApprovedBy} 审批。", $"The run was already approved by {ApprovedBy}."));
        }

        (Status, ApprovedBy, ApprovedAt) = (PayrollRunStatus.Approved, by, at);
        Revision++;
    }
}

/// <summary>
/// One benefit's line in a run: the items it settles (the month, arrears, overpaid months) and the deductions, and
/// what it pays (never below zero). There is one line per benefit and month: a run never pays a benefit twice.
/// </summary>
public sealed class PayrollLine
{
    private readonly List<PayrollItem> items = [];

    private PayrollLine()
    {
        CityCode = RecipientName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid RunId { get; private set; }

    public Guid EntitlementId { get; private set; }

    public string CityCode { get; private set; }

    /// <summary>The run's month.</summary>
    public DateOnly Month { get; private set; }

    public MonthlyBenefit Benefit { get; private set; }

    public string RecipientName { get; private set; }

    public IReadOnlyList<PayrollItem> Items => items;

    /// <summary>What the line pays: the items' sum, never below zero (a larger overpayment is recovered instead).</summary>
    public decimal Amount { get; private set; }

    /// <summary>The payment order paying it; null when it pays nothing.</summary>
    public Guid? PaymentOrderId { get; private set; }

    public static PayrollLine Create(Guid id, PayrollRun run, Entitlement entitlement, IReadOnlyList<PayrollItem> items, Guid? paymentOrderId)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(entitlement);
        ArgumentNullException.ThrowIfNull(items);
        var line = new PayrollLine
        {
            Id = id,
            RunId = run.Id,
            EntitlementId = entitlement.Id,
            CityCode = run.CityCode,
            Month = run.Month,
            Benefit = entitlement.Benefit,
            RecipientName = entitlement.RecipientName,
            Amount = Math.Max(0m, items.Sum(i => i.Amount)) + 0.00m,
            PaymentOrderId = paymentOrderId,
        };
        line.items.AddRange(items);
        return line;
    }
}

/// <summary>
/// What a run settles for one benefit. Every month from the first unsettled one to the run's month is due what the
/// history says (<see cref="Entitlement.AmountFor"/>) and has been paid what earlier lines settled for it: the difference
/// is an item — the month itself, arrears, or an overpaid month. So a late change is never an edit of a paid month, but
/// a correcting item in the next run, and running a month again finds nothing left to settle.
/// </summary>
public static class PayrollCalculator
{
    /// <summary>
    /// The items of <paramref name="entitlement"/> in the run of <paramref name="month"/>, given what earlier lines settled
    /// per month (<paramref name="settled"/>: needed only from <see cref="Entitlement.RecheckFrom"/>), and the deduction of
    /// an open overpayment of <paramref name="owed"/> yuan from what is left to pay.
    /// </summary>
    public static IReadOnlyList<PayrollItem> ItemsFor(Entitlement entitlement, DateOnly month, IReadOnlyDictionary<DateOnly, decimal> settled, decimal owed)
    {
        ArgumentNullException.ThrowIfNull(entitlement);
        ArgumentNullException.ThrowIfNull(settled);
        var items = new List<PayrollItem>();
        var from = entitlement.FirstUnsettled < entitlement.FromMonth ? entitlement.FromMonth : entitlement.FirstUnsettled;
        for (var period = from; period <= month; period = period.AddMonths(1))
        {
            var difference = (entitlement.AmountFor(period) ?? 0m) - settled.GetValueOrDefault(period);
            if (difference != 0m)
            {
                items.Add(new PayrollItem(period, difference, difference < 0m ? PayrollItemKind.Overpaid : period == month ? PayrollItemKind.Regular : PayrollItemKind.Arrears));
            }
        }

        var net = items.Sum(i => i.Amount);
        if (owed > 0m && net > 0m)
        {
            items.Add(new PayrollItem(month, -Math.Min(owed, net), PayrollItemKind.Deduction));
        }

        return items;
    }

    /// <summary>What earlier lines settled per month, from <paramref name="lines"/> of one benefit (deductions settle none).</summary>
    public static Dictionary<DateOnly, decimal> Settled(IEnumerable<PayrollLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.SelectMany(l => l.Items).Where(i => i.Settles).GroupBy(i => i.Period).ToDictionary(g => g.Key, g => g.Sum(i => i.Amount));
    }
}
