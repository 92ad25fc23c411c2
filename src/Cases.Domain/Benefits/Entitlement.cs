using Cases.Domain.Injuries;
using Cases.Domain.Parties;

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
}

/// <summary>
/// One change of an entitlement, kept for good (第一百二十条 留痕可溯): what changed, from which month, the monthly
/// amount from then on, why, in which case, by whom and when.
/// </summary>
public sealed record EntitlementChange(EntitlementChangeKind Kind, DateOnly FromMonth, decimal MonthlyAmount, string Reason, Guid? CaseId, string By, DateTimeOffset At);

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

        history.Add(new EntitlementChange(EntitlementChangeKind.AmountChanged, month, amount, Reason(reason), caseId, by, at));
        MonthlyAmount = amount;
    }

    /// <summary>Stops the benefit: nothing is paid from <paramref name="fromMonth"/> on (e.g. a re-appraisal to grade 5, 第七十八条).</summary>
    public void Stop(DateOnly fromMonth, string? reason, Guid? caseId, string by, DateTimeOffset at)
    {
        var month = Month(fromMonth, "fromMonth");
        GuardRunning();
        GuardAfterLatest(month);
        history.Add(new EntitlementChange(EntitlementChangeKind.Stopped, month, 0m, Reason(reason), caseId, by, at));
        (Status, ToMonth) = (EntitlementStatus.Stopped, month.AddMonths(-1));
    }

    /// <summary>The amount for <paramref name="month"/> as the history sets it; null when nothing is payable that month.</summary>
    public decimal? AmountFor(DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        if (first < FromMonth || (ToMonth is { } last && first > last))
        {
            return null;
        }

        return history.Where(c => c.FromMonth <= first).Select(c => (decimal?)c.MonthlyAmount).LastOrDefault();
    }

    private void GuardRunning()
    {
        if (Status == EntitlementStatus.Stopped)
        {
            throw new DomainRuleException(new LocalizedText(
                $"该项待遇已自 {Guard.Iso(ToMonth!.Value.AddMonths(1))[..7]} 起停发，不能再变更。",
                $"The benefit stopped from {Guard.Iso(ToMonth!.Value.AddMonths(1))[..7]}; it is not changed again."));
        }
    }

    private void GuardAfterLatest(DateOnly month)
    {
        var latest = history[^1].FromMonth;
        if (month < latest)
        {
            throw new DomainValidationException("fromMonth", new LocalizedText(
                $"变更月份 {Guard.Iso(month)[..7]} 早于上一次变更的 {Guard.Iso(latest)[..7]}：已发放的月份不予补发或扣减（第七十八条）。",
                $"The change's month {Guard.Iso(month)[..7]} is before the latest change's {Guard.Iso(latest)[..7]}: months already paid are not changed (第七十八条)."));
        }
    }

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
