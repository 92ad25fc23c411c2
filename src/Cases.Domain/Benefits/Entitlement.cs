using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Domain.Payments;

namespace Cases.Domain.Benefits;

/// <summary>The benefits the fund pays every month, for years (定期待遇, 第六十三条).</summary>
public enum MonthlyBenefit
{
    /// <summary>伤残津贴: grades 1–4, from the month after the appraisal (第七十五条).</summary>
    DisabilityAllowance = 1,

    /// <summary>生活护理费: by self-care level, from the month after the appraisal (第七十五条).</summary>
    NursingCare = 2,

    /// <summary>供养亲属抚恤金: each dependant of a worker who died, from the month after the death (第八十二条).</summary>
    DependantsPension = 3,
}

public enum EntitlementStatus
{
    Active = 1,
    Suspended = 2,
    Stopped = 3,
}

public enum EntitlementChangeKind
{
    /// <summary>核定: the first decision.</summary>
    Granted = 1,

    /// <summary>The monthly amount changed from a month on (再次/复查鉴定, 第七十八条; 待遇调整).</summary>
    AmountChanged = 2,

    /// <summary>停发: nothing is paid from the month on.</summary>
    Stopped = 3,

    /// <summary>待遇调整 (第一百〇五条): the year's adjustment from its effective month; a suspended benefit takes none (第六十二条).</summary>
    Adjusted = 4,

    /// <summary>暂停: nothing is paid from the month on until resumed (a missed certification, 第六十三条; imprisonment, 第六十二条).</summary>
    Suspended = 5,

    /// <summary>恢复: paid again from the month on; the suspended months from <see cref="EntitlementChange.BackPaidFrom"/> are paid too.</summary>
    Resumed = 6,

    /// <summary>The account the benefit is paid to was recorded or changed (第九十七条 社会保障卡金融账户).</summary>
    AccountRecorded = 7,
}

/// <summary>Why a benefit is suspended: each cause has its own resumption rule.</summary>
public enum SuspensionCause
{
    /// <summary>
    /// 未按期认证: the yearly certification (第六十三条) was not made by its due date. The recipient never lost the right to
    /// the benefit, only failed to show it: on certification it is resumed and the suspended months are paid.
    /// </summary>
    CertificationOverdue = 1,

    /// <summary>
    /// 判刑收监或羁押执行 (第六十二条): a dependant's pension is suspended and takes no adjustment; on release it is paid at
    /// the standard of the month before the judgment, and detention beyond the sentence is paid back. A worker's own
    /// benefits are not suspended for it (第九十八条).
    /// </summary>
    Imprisonment = 2,
}

/// <summary>
/// One change of an entitlement, kept for good (第一百二十条 留痕可溯): what changed, from which month, the monthly
/// amount from then on, why, in which case, by whom and when.
/// </summary>
/// <param name="Kind">What changed.</param>
/// <param name="FromMonth">The first month it applies to.</param>
/// <param name="MonthlyAmount">The monthly amount from then on.</param>
/// <param name="Reason">Why, in the officer's words or the case's number and article.</param>
/// <param name="CaseId">The case whose decision made it, if one did.</param>
/// <param name="By">Who made it.</param>
/// <param name="At">When.</param>
/// <param name="BackPaidFrom">On a resumption: the first suspended month paid after all (null: none is).</param>
/// <param name="Cause">On a suspension: why.</param>
public sealed record EntitlementChange(
    EntitlementChangeKind Kind, DateOnly FromMonth, decimal MonthlyAmount, string Reason, Guid? CaseId, string By, DateTimeOffset At,
    DateOnly? BackPaidFrom = null, SuspensionCause? Cause = null)
{
    /// <summary>Whether the change sets the monthly amount from its month on.</summary>
    public bool SetsAmount => Kind is EntitlementChangeKind.Granted or EntitlementChangeKind.AmountChanged or EntitlementChangeKind.Adjusted or EntitlementChangeKind.Resumed;
}

/// <summary>
/// A periodic benefit one person receives (定期待遇): the monthly amount a decision set, from its month, until it stops.
/// Months are the first day of the month. The amount of any month is read from the history, so a late change never
/// edits what a month already paid: 第七十八条 changes a re-appraised worker's allowance "自再次鉴定结论作出的次月起",
/// and what was paid before "不予补发或扣减".
/// </summary>
public sealed class Entitlement
{
    /// <summary>Longest recipient name accepted.</summary>
    public const int NameMaxLength = 100;

    /// <summary>Longest reason accepted for a change.</summary>
    public const int ReasonMaxLength = 300;

    private readonly List<EntitlementChange> history = [];

    private Entitlement()
    {
        (CityCode, RecipientName, RecipientIdNumber, Article) = (string.Empty, string.Empty, string.Empty, string.Empty);
    }

    public Guid Id { get; private set; }

    public string CityCode { get; private set; }

    public Guid InjuryCaseId { get; private set; }

    public MonthlyBenefit Benefit { get; private set; }

    public string RecipientName { get; private set; }

    /// <summary>The recipient's identity number: the worker's, or the dependant's (whose 18th birthday it gives, 第六十二条（二）).</summary>
    public string RecipientIdNumber { get; private set; }

    /// <summary>The dependant's relation to the worker; null for the worker's own benefits.</summary>
    public DependantRelation? Relation { get; private set; }

    /// <summary>The article the benefit is decided under (e.g. 第七十五条).</summary>
    public string Article { get; private set; }

    /// <summary>The first month paid.</summary>
    public DateOnly FromMonth { get; private set; }

    /// <summary>The last month paid, once stopped; null while it runs.</summary>
    public DateOnly? ToMonth { get; private set; }

    /// <summary>The monthly amount from the latest change on.</summary>
    public decimal MonthlyAmount { get; private set; }

    public EntitlementStatus Status { get; private set; }

    /// <summary>
    /// The day a child dependant turns 18: the pension stops then unless the child has completely lost the ability to
    /// work (第六十二条（二）"年满18周岁且未完全丧失劳动能力的"); null for everyone else.
    /// </summary>
    public DateOnly? AdulthoodOn { get; private set; }

    /// <summary>The case whose decision granted it.</summary>
    public Guid CaseId { get; private set; }

    /// <summary>Why it is suspended, while it is.</summary>
    public SuspensionCause? Suspension { get; private set; }

    /// <summary>A <see cref="PaymentAccount.Code"/>: the kind of account it is paid to; null until one is recorded.</summary>
    public string? AccountKind { get; private set; }

    /// <summary>The account number it is paid to (第九十七条: the recipient's own social-security card, in principle).</summary>
    public string? AccountNumber { get; private set; }

    public string? Bank { get; private set; }

    /// <summary>The account it is paid to; null until recorded (the payroll holds it back until then, and pays the months in arrears).</summary>
    public PaymentAccount? Account => AccountNumber is null || Payments.PaymentAccount.KindOf(AccountKind) is not { } kind
        ? null : Payments.PaymentAccount.Parse(kind, AccountNumber, Bank);

    /// <summary>The latest month a payroll run settled (paid, or found nothing due); null before the first run.</summary>
    public DateOnly? PaidThrough { get; private set; }

    /// <summary>
    /// The first settled month a later change reaches back to (a retroactive stop, an adjustment approved after its
    /// effective month, a resumption paying suspended months): the next run settles every month from it again, paying
    /// the difference or recording the overpayment. Null when nothing settled has changed.
    /// </summary>
    public DateOnly? RecheckFrom { get; private set; }

    /// <summary>
    /// Incremented by every change: the database keeps it as a concurrency token, so a payroll run settling the benefit
    /// and an officer changing it at the same moment cannot both write — the later one fails and is retried, and no
    /// change is lost under the run's "settled".
    /// </summary>
    public int Revision { get; private set; }

    public IReadOnlyList<EntitlementChange> History => history;

    /// <summary>
    /// Grants a monthly benefit from the grant's first month. A child dependant (<see cref="DependantRelation.Child"/>)
    /// who has not completely lost the ability to work carries the day of the 18th birthday as the end the next
    /// certification checks (第六十二条（二）).
    /// </summary>
    public static Entitlement Grant(EntitlementGrant grant, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var amount = Amount(grant.MonthlyAmount);
        var month = Month(grant.FromMonth, "fromMonth");
        var idNumber = IdNumber.Parse(grant.RecipientIdNumber, "recipientIdNumber");
        if (grant.Benefit is MonthlyBenefit.DependantsPension != grant.Relation is not null)
        {
            throw new DomainValidationException("relation", new LocalizedText(
                "供养亲属抚恤金须写明与工亡职工的关系；职工本人的待遇不写关系。",
                "A dependants' pension names the relation to the worker; the worker's own benefits name none."));
        }

        var reason = Guard.RequiredText(grant.Reason, "reason", new LocalizedText("核定依据", "Reason"), ReasonMaxLength);
        var entitlement = new Entitlement
        {
            Id = Guard.NewIdOr(grant.Id, "id"),
            CityCode = (grant.City ?? throw new DomainValidationException("city", Guard.CityRequired)).Code,
            InjuryCaseId = Guard.RequiredId(grant.InjuryCaseId, "injuryCaseId", new LocalizedText("工伤案件", "Injury case")),
            Benefit = Enum.IsDefined(grant.Benefit) ? grant.Benefit : throw new DomainValidationException("benefit", new LocalizedText("待遇项目不在定期待遇之列。", "Not a monthly benefit.")),
            RecipientName = Guard.RequiredText(grant.RecipientName, "recipientName", new LocalizedText("领取人姓名", "Recipient's name"), NameMaxLength),
            RecipientIdNumber = idNumber.Value,
            Relation = grant.Relation,
            Article = Guard.RequiredText(grant.Article, "article", new LocalizedText("依据条款", "Article"), 40),
            FromMonth = month,
            MonthlyAmount = amount,
            Status = EntitlementStatus.Active,
            AdulthoodOn = grant.Relation == DependantRelation.Child && !grant.UnableToWork ? idNumber.BirthDate.AddYears(18) : null,
            CaseId = grant.CaseId,
        };
        entitlement.history.Add(new EntitlementChange(EntitlementChangeKind.Granted, month, amount, reason, grant.CaseId, by, at));
        return entitlement;
    }

    /// <summary>
    /// The monthly amount from <paramref name="fromMonth"/> on (再次/复查鉴定, 第七十八条). Months before it keep what they
    /// had, so a change never reaches back before the latest one.
    /// </summary>
    public void ChangeAmount(DateOnly fromMonth, decimal monthlyAmount, string? reason, Guid? caseId, string by, DateTimeOffset at)
    {
        var month = Month(fromMonth, "fromMonth");
        var amount = Amount(monthlyAmount);
        GuardRunning();
        GuardAfterLatest(month);
        if (amount == MonthlyAmount)
        {
            return;
        }

        Record(new EntitlementChange(EntitlementChangeKind.AmountChanged, month, amount, Reason(reason), caseId, by, at));
        MonthlyAmount = amount;
    }

    /// <summary>
    /// The year's adjustment (待遇调整, 第一百〇五条) from its effective month: a benefit running then takes the new amount
    /// (a month already paid gets the difference in the next run); a suspended one takes none (第六十二条 "暂停…且不参加
    /// 待遇调整").
    /// </summary>
    public void Adjust(DateOnly fromMonth, decimal monthlyAmount, string? reason, string by, DateTimeOffset at)
    {
        var month = Month(fromMonth, "effectiveMonth");
        var amount = Amount(monthlyAmount);
        GuardRunning();
        if (Status == EntitlementStatus.Suspended)
        {
            throw new DomainRuleException(new LocalizedText(
                "暂停发放期间不参加待遇调整（第六十二条）。", "A suspended benefit takes no adjustment (第六十二条)."));
        }

        GuardAfterLatest(month, "effectiveMonth");
        Record(new EntitlementChange(EntitlementChangeKind.Adjusted, month, amount, Reason(reason), null, by, at));
        MonthlyAmount = amount;
    }

    /// <summary>
    /// Stops the benefit: nothing is paid from <paramref name="fromMonth"/> on (a re-appraisal to grade 5, 第七十八条; a
    /// death or the 18th birthday, 第六十二条). It may reach back to months already paid: they are then overpaid, and the
    /// next run records what is to be recovered (第六十四条 "停止发放并追回多发待遇").
    /// </summary>
    public void Stop(DateOnly fromMonth, string? reason, Guid? caseId, string by, DateTimeOffset at)
    {
        var month = Month(fromMonth, "fromMonth");
        GuardRunning();
        GuardNotBeforeStart(month);
        Record(new EntitlementChange(EntitlementChangeKind.Stopped, month, 0m, Reason(reason), caseId, by, at));
        (Status, ToMonth, Suspension) = (EntitlementStatus.Stopped, month.AddMonths(-1), null);
    }

    /// <summary>
    /// Suspends the benefit from <paramref name="fromMonth"/> (it may reach back to months already paid: they are then
    /// overpaid). Imprisonment suspends a dependant's pension only: a worker's own benefits are paid while the worker
    /// serves a sentence (第九十八条).
    /// </summary>
    public void Suspend(DateOnly fromMonth, SuspensionCause cause, string? reason, Guid? caseId, string by, DateTimeOffset at)
    {
        var month = Month(fromMonth, "fromMonth");
        GuardRunning();
        if (Status == EntitlementStatus.Suspended)
        {
            throw new DomainRuleException(new LocalizedText("该项待遇已暂停发放。", "The benefit is already suspended."));
        }

        if (!Enum.IsDefined(cause))
        {
            throw new DomainValidationException("cause", new LocalizedText("暂停原因须为 certification-overdue 或 imprisonment。", "cause is certification-overdue or imprisonment."));
        }

        if (cause == SuspensionCause.Imprisonment && Benefit != MonthlyBenefit.DependantsPension)
        {
            throw new DomainRuleException(new LocalizedText(
                "工伤职工判刑收监期间，工伤保险基金按规定支付其工伤保险待遇（第九十八条）；只有供养亲属抚恤金因收监暂停（第六十二条）。",
                "A worker's own benefits are paid while the worker serves a sentence (第九十八条); only a dependant's pension is suspended for it (第六十二条)."));
        }

        GuardNotBeforeStart(month);
        if (history.LastOrDefault(c => c.Kind == EntitlementChangeKind.Resumed) is { } resumed && month < resumed.FromMonth)
        {
            throw new DomainValidationException("fromMonth", new LocalizedText(
                $"暂停月份 {MonthText(month)} 早于上次恢复发放的 {MonthText(resumed.FromMonth)}。",
                $"The suspension's month {MonthText(month)} is before the latest resumption's {MonthText(resumed.FromMonth)}."));
        }

        Record(new EntitlementChange(EntitlementChangeKind.Suspended, month, MonthlyAmount, Reason(reason), caseId, by, at, Cause: cause));
        (Status, Suspension) = (EntitlementStatus.Suspended, cause);
    }

    /// <summary>
    /// Resumes the suspended benefit from <paramref name="fromMonth"/>. After a missed certification every suspended month
    /// is paid (the recipient never lost the right, only failed to show it). After imprisonment the pension is paid at the
    /// standard of the month before the suspension (第六十二条 "按法院判决前月待遇标准"), and only the months of detention
    /// beyond the sentence are paid back, from <paramref name="backPaidFrom"/> (第六十二条 "应补发超过判刑收监执行期间的待遇").
    /// </summary>
    public void Resume(DateOnly fromMonth, DateOnly? backPaidFrom, string? reason, Guid? caseId, string by, DateTimeOffset at)
    {
        var month = Month(fromMonth, "fromMonth");
        if (Status != EntitlementStatus.Suspended)
        {
            throw new DomainRuleException(new LocalizedText("该项待遇未暂停，无需恢复发放。", "The benefit is not suspended."));
        }

        var suspended = history.Last(c => c.Kind == EntitlementChangeKind.Suspended);
        if (month < suspended.FromMonth)
        {
            throw new DomainValidationException("fromMonth", new LocalizedText(
                $"恢复月份 {MonthText(month)} 早于暂停月份 {MonthText(suspended.FromMonth)}。", $"The resumption's month {MonthText(month)} is before the suspension's {MonthText(suspended.FromMonth)}."));
        }

        GuardAfterLatest(month);
        DateOnly? paidBack;
        decimal amount;
        if (suspended.Cause == SuspensionCause.Imprisonment)
        {
            paidBack = backPaidFrom is { } b ? Month(b, "backPaidFrom") : null;
            if (paidBack is { } p && (p < suspended.FromMonth || p > month))
            {
                throw new DomainValidationException("backPaidFrom", new LocalizedText(
                    $"补发起始月份须在暂停月份 {MonthText(suspended.FromMonth)} 与恢复月份 {MonthText(month)} 之间。",
                    $"Back pay starts between the suspension's month {MonthText(suspended.FromMonth)} and the resumption's {MonthText(month)}."));
            }

            amount = AmountAt(suspended.FromMonth.AddMonths(-1)) ?? MonthlyAmount;
        }
        else
        {
            paidBack = suspended.FromMonth;
            amount = MonthlyAmount;
        }

        paidBack = paidBack == month ? null : paidBack;
        Record(new EntitlementChange(EntitlementChangeKind.Resumed, month, amount, Reason(reason), caseId, by, at, BackPaidFrom: paidBack));
        if (paidBack is { } from)
        {
            Touch(from);
        }

        (Status, Suspension, MonthlyAmount) = (EntitlementStatus.Active, null, amount);
    }

    /// <summary>Records the account the benefit is paid to from now on (第九十七条); a run holds the benefit back until there is one.</summary>
    public void RecordAccount(PaymentAccount account, DateOnly month, string? reason, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(account);
        GuardRunning();
        (AccountKind, AccountNumber, Bank) = (PaymentAccount.Code(account.Kind), account.Number, account.Bank);
        history.Add(new EntitlementChange(EntitlementChangeKind.AccountRecorded, Month(month, "month"), MonthlyAmount,
            Guard.RequiredText(reason, "reason", new LocalizedText("变更原因", "Reason"), ReasonMaxLength) + $"（{account.Masked}）", null, by, at));
        Revision++;
    }

    /// <summary>A payroll run settled every month up to <paramref name="month"/>: nothing settled is to be checked again.</summary>
    public void Settled(DateOnly month)
    {
        var first = Month(month, "month");
        PaidThrough = PaidThrough is { } p && p > first ? p : first;
        RecheckFrom = null;
        Revision++;
    }

    /// <summary>The amount for <paramref name="month"/> as the history sets it; null when nothing is payable that month.</summary>
    public decimal? AmountFor(DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        if (first < FromMonth || (ToMonth is { } last && first > last) || Unpaid(first))
        {
            return null;
        }

        return AmountAt(first);
    }

    /// <summary>The first month the next run settles: the first changed settled month, else the month after the last settled, else the first month.</summary>
    public DateOnly FirstUnsettled => RecheckFrom ?? PaidThrough?.AddMonths(1) ?? FromMonth;

    private decimal? AmountAt(DateOnly first) =>
        history.Where(c => c.SetsAmount && c.FromMonth <= first).Select(c => (decimal?)c.MonthlyAmount).LastOrDefault();

    /// <summary>Whether <paramref name="first"/> falls in a suspension not paid back.</summary>
    private bool Unpaid(DateOnly first)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Kind != EntitlementChangeKind.Suspended || first < history[i].FromMonth)
            {
                continue;
            }

            var resumed = history.Skip(i + 1).FirstOrDefault(c => c.Kind == EntitlementChangeKind.Resumed);
            if (resumed is null)
            {
                return true;
            }

            if (first < resumed.FromMonth && (resumed.BackPaidFrom is not { } back || first < back))
            {
                return true;
            }
        }

        return false;
    }

    private void Record(EntitlementChange change)
    {
        history.Add(change);
        Touch(change.FromMonth);
        Revision++;
    }

    private void Touch(DateOnly month)
    {
        if (PaidThrough is { } paid && month <= paid && (RecheckFrom is not { } from || month < from))
        {
            RecheckFrom = month;
        }
    }

    private void GuardRunning()
    {
        if (Status == EntitlementStatus.Stopped)
        {
            throw new DomainRuleException(new LocalizedText(
                $"该项待遇已自 {MonthText(ToMonth!.Value.AddMonths(1))} 起停发，不能再变更。",
                $"The benefit stopped from {MonthText(ToMonth!.Value.AddMonths(1))}; it is not changed again."));
        }
    }

    private void GuardNotBeforeStart(DateOnly month)
    {
        if (month < FromMonth)
        {
            throw new DomainValidationException("fromMonth", new LocalizedText(
                $"月份 {MonthText(month)} 早于待遇起始月份 {MonthText(FromMonth)}。", $"The month {MonthText(month)} is before the benefit's first month {MonthText(FromMonth)}."));
        }
    }

    private void GuardAfterLatest(DateOnly month, string field = "fromMonth")
    {
        var latest = history.Last(c => c.SetsAmount).FromMonth;
        if (month < latest)
        {
            throw new DomainValidationException(field, new LocalizedText(
                $"变更月份 {MonthText(month)} 早于上一次变更的 {MonthText(latest)}：已发放的月份不予补发或扣减（第七十八条）。",
                $"The change's month {MonthText(month)} is before the latest change's {MonthText(latest)}: months already paid are not changed (第七十八条)."));
        }
    }

    private static string MonthText(DateOnly month) => Guard.Iso(month)[..7];

    private static string Reason(string? reason) =>
        Guard.RequiredText(reason, "reason", new LocalizedText("变更原因", "Reason"), ReasonMaxLength);

    private static DateOnly Month(DateOnly month, string field) =>
        month.Day == 1 ? month : throw new DomainValidationException(field, new LocalizedText($"月份须为当月1日，现为 {Guard.Iso(month)}。", $"A month is its first day; got {Guard.Iso(month)}."));

    private static decimal Amount(decimal amount)
    {
        if (amount <= 0m)
        {
            throw new DomainValidationException("monthlyAmount", new LocalizedText($"月待遇金额须大于零，现为 {amount}。", $"The monthly amount must be above zero; got {amount}."));
        }

        return decimal.Round(amount, 2) == amount ? amount
            : throw new DomainValidationException("monthlyAmount", new LocalizedText($"月待遇金额须精确到分，现为 {amount}。", $"The monthly amount is to the fen; got {amount}."));
    }
}

/// <summary>What a decision grants: who receives which monthly benefit, how much, from which month, under which article.</summary>
public sealed record EntitlementGrant(
    City City,
    Guid InjuryCaseId,
    Guid CaseId,
    MonthlyBenefit Benefit,
    string? RecipientName,
    string? RecipientIdNumber,
    DependantRelation? Relation,
    decimal MonthlyAmount,
    DateOnly FromMonth,
    string? Article,
    string? Reason,
    bool UnableToWork = false,
    Guid? Id = null);
