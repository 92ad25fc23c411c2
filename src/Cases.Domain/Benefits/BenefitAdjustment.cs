namespace Cases.Domain.Benefits;

/// <summary>Where a yearly adjustment rule stands: entered (draft) → approved by a second person → applied; or discarded.</summary>
public enum AdjustmentStatus
{
    Draft = 1,
    Approved = 2,
    Applied = 3,
    Discarded = 4,
}

/// <summary>How a rule raises one monthly benefit: by a percentage of the old amount, or by a fixed amount a month.</summary>
public enum AdjustmentMethod
{
    /// <summary>old × (1 + value / 100).</summary>
    Percent = 1,

    /// <summary>old + value (元 a month).</summary>
    Amount = 2,
}

/// <summary>What the rule does to one monthly benefit.</summary>
public sealed record AdjustmentTerm(AdjustmentMethod Method, decimal Value)
{
    /// <summary>
    /// The new monthly amount, rounded to the fen half away from zero: the rule rounds, and only here, so the preview,
    /// the applied amount and the payroll never differ by a fen.
    /// </summary>
    public decimal Apply(decimal old) => Method == AdjustmentMethod.Percent
        ? decimal.Round(old * (1m + (Value / 100m)), 2, MidpointRounding.AwayFromZero)
        : decimal.Round(old + Value, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Why an entitlement takes the rule's amount or not.</summary>
public enum AdjustmentOutcome
{
    /// <summary>Running at the effective month and still running: adjusted.</summary>
    Adjusted = 1,

    /// <summary>
    /// Suspended now or at the effective month: 第六十二条 "领取抚恤金人员，在被判刑收监或羁押执行期间，暂停享受抚恤金待遇且不参加待遇调整";
    /// a benefit suspended for a missed certification (第六十三条) is treated alike (the domain refuses to adjust any suspended benefit).
    /// </summary>
    Suspended = 2,

    /// <summary>First paid after the effective month: its amount was computed on the year's new base already.</summary>
    GrantedLater = 3,

    /// <summary>Stopped after running at the effective month: a stopped benefit is not changed again.</summary>
    Stopped = 4,

    /// <summary>
    /// Its amount was decided again from a month after the effective month (a re-appraisal, 第七十八条; a resumption):
    /// months already decided are not reopened, so the officer looks at it by hand.
    /// </summary>
    ChangedLater = 5,

    /// <summary>The rule sets nothing for this benefit.</summary>
    NotCovered = 6,
}

/// <summary>What the rule does to one entitlement: the outcome, the amount it had at the effective month and the new one.</summary>
public sealed record AdjustmentAssessment(AdjustmentOutcome Outcome, decimal OldAmount, decimal NewAmount)
{
    public decimal Difference => NewAmount - OldAmount;
}

/// <summary>
/// The year's adjustment of the monthly benefits (待遇调整, 规程 第一百〇五条 "根据工伤保险待遇调整政策，社保经办机构对工伤职工或供养亲属的
/// 工伤保险待遇统一进行调整"): an administrator enters the policy document's terms — per monthly benefit a percentage or a fixed
/// amount a month, from an effective month — and a supervisor other than the one who entered it approves it (第一百一十九条
/// 岗位不相容), which applies it to every entitlement of the province running at the effective month and still running.
/// Applied once: the rule keeps its status under a concurrency token, and each entitlement it adjusted is recorded against it.
/// </summary>
public sealed class BenefitAdjustment
{
    /// <summary>Longest source (document number and title) accepted.</summary>
    public const int SourceMaxLength = 200;

    /// <summary>Largest percentage accepted: a yearly adjustment is a few per cent; a larger figure is a typing error.</summary>
    public const decimal MaxPercent = 50m;

    /// <summary>Largest fixed amount a month accepted (元).</summary>
    public const decimal MaxAmount = 10_000m;

    private BenefitAdjustment()
    {
        Source = EnteredBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    /// <summary>The first month the new amounts are paid for (first of the month).</summary>
    public DateOnly EffectiveMonth { get; private set; }

    /// <summary>The policy document, e.g. 鲁人社字〔2026〕xx号.</summary>
    public string Source { get; private set; }

    public AdjustmentMethod? AllowanceMethod { get; private set; }

    public decimal? AllowanceValue { get; private set; }

    public AdjustmentMethod? NursingMethod { get; private set; }

    public decimal? NursingValue { get; private set; }

    public AdjustmentMethod? PensionMethod { get; private set; }

    public decimal? PensionValue { get; private set; }

    public AdjustmentStatus Status { get; private set; }

    public string EnteredBy { get; private set; }

    public DateTimeOffset EnteredAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? AppliedAt { get; private set; }

    /// <summary>How many entitlements the application adjusted.</summary>
    public int AdjustedCount { get; private set; }

    /// <summary>The sum of the monthly increases it made (元 a month).</summary>
    public decimal AdjustedIncrease { get; private set; }

    public string? DiscardedBy { get; private set; }

    public DateTimeOffset? DiscardedAt { get; private set; }

    /// <summary>
    /// Incremented by every change of status: the database keeps it as a concurrency token, so of two supervisors approving
    /// at once only one applies the rule; the other's command loses with 409.
    /// </summary>
    public int Revision { get; private set; }

    /// <summary>The reason every adjusted entitlement's history carries (第一百二十条 留痕可溯).</summary>
    public string Reason => $"{Year}年待遇调整（{Source}）";

    /// <summary>Enters a rule as a draft. At least one benefit has a term; each term is a percentage or an amount, not both.</summary>
    public static BenefitAdjustment Enter(
        Guid id, int year, DateOnly effectiveMonth, string? source,
        AdjustmentTerm? allowance, AdjustmentTerm? nursing, AdjustmentTerm? pension, string by, DateTimeOffset at)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainValidationException("year", new LocalizedText($"调整年度须在 2000 至 2100 之间，现为 {year}。", $"The year is between 2000 and 2100; got {year}."));
        }

        if (effectiveMonth.Day != 1)
        {
            throw new DomainValidationException("effectiveMonth", new LocalizedText(
                $"执行月份须为当月1日，现为 {Guard.Iso(effectiveMonth)}。", $"The effective month is its first day; got {Guard.Iso(effectiveMonth)}."));
        }

        if (effectiveMonth.Year != year)
        {
            throw new DomainValidationException("effectiveMonth", new LocalizedText(
                $"执行月份须在调整年度 {year} 年内。", $"The effective month falls in the year {year}."));
        }

        if (allowance is null && nursing is null && pension is null)
        {
            throw new DomainValidationException("disabilityAllowance", new LocalizedText(
                "伤残津贴、生活护理费、供养亲属抚恤金至少调整一项。", "Adjust at least one of the disability allowance, nursing care and dependants' pension."));
        }

        var adjustment = new BenefitAdjustment
        {
            Id = Guard.RequiredId(id, "id", new LocalizedText("待遇调整", "Adjustment")),
            Year = year,
            EffectiveMonth = effectiveMonth,
            Source = Guard.RequiredText(source, "source", new LocalizedText("调整依据（文件）", "Source document"), SourceMaxLength),
            Status = AdjustmentStatus.Draft,
            EnteredBy = by,
            EnteredAt = at,
        };
        (adjustment.AllowanceMethod, adjustment.AllowanceValue) = Checked(allowance, "disabilityAllowance", "伤残津贴");
        (adjustment.NursingMethod, adjustment.NursingValue) = Checked(nursing, "nursingCare", "生活护理费");
        (adjustment.PensionMethod, adjustment.PensionValue) = Checked(pension, "dependantsPension", "供养亲属抚恤金");
        return adjustment;
    }

    /// <summary>The rule's term for <paramref name="benefit"/>; null when it sets none.</summary>
    public AdjustmentTerm? TermFor(MonthlyBenefit benefit) => benefit switch
    {
        MonthlyBenefit.DisabilityAllowance => Term(AllowanceMethod, AllowanceValue),
        MonthlyBenefit.NursingCare => Term(NursingMethod, NursingValue),
        MonthlyBenefit.DependantsPension => Term(PensionMethod, PensionValue),
        _ => null,
    };

    /// <summary>
    /// What the rule does to <paramref name="entitlement"/>: adjusted when it was running at the effective month (first paid
    /// by then, not suspended then) and still runs; otherwise why not.
    /// </summary>
    public AdjustmentAssessment Assess(Entitlement entitlement)
    {
        ArgumentNullException.ThrowIfNull(entitlement);
        var old = entitlement.MonthlyAmount;
        AdjustmentAssessment Not(AdjustmentOutcome outcome) => new(outcome, old, old);
        if (TermFor(entitlement.Benefit) is not { } term)
        {
            return Not(AdjustmentOutcome.NotCovered);
        }

        if (entitlement.FromMonth > EffectiveMonth)
        {
            return Not(AdjustmentOutcome.GrantedLater);
        }

        if (entitlement.Status == EntitlementStatus.Stopped)
        {
            return Not(AdjustmentOutcome.Stopped);
        }

        if (entitlement.Status == EntitlementStatus.Suspended || SuspendedAt(entitlement, EffectiveMonth))
        {
            return Not(AdjustmentOutcome.Suspended);
        }

        if (entitlement.History.LastOrDefault(c => c.SetsAmount) is { } latest && latest.FromMonth > EffectiveMonth)
        {
            return Not(AdjustmentOutcome.ChangedLater);
        }

        return new AdjustmentAssessment(AdjustmentOutcome.Adjusted, old, term.Apply(old));
    }

    /// <summary>
    /// Approves the draft: never by the person who entered it (第一百一十九条 岗位不相容). The caller applies it in the same
    /// transaction and then calls <see cref="MarkApplied"/>.
    /// </summary>
    public void Approve(string by, DateTimeOffset at)
    {
        if (string.Equals(by, EnteredBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new ForbiddenException(new LocalizedText(
                "岗位不相容（第一百一十九条）：待遇调整须由录入人以外的主管审批；您是本调整的录入人。",
                "Separation of duties (第一百一十九条): an adjustment is approved by someone other than who entered it; you entered this one."));
        }

        GuardDraft("审批", "approved");
        (Status, ApprovedBy, ApprovedAt) = (AdjustmentStatus.Approved, by, at);
        Revision++;
    }

    /// <summary>The approved rule was applied to <paramref name="count"/> entitlements, raising them by <paramref name="increase"/> a month in all.</summary>
    public void MarkApplied(int count, decimal increase, DateTimeOffset at)
    {
        if (Status != AdjustmentStatus.Approved)
        {
            throw new DomainRuleException(new LocalizedText("待遇调整尚未审批，不能执行。", "The adjustment is not approved; it is not applied."));
        }

        (Status, AppliedAt, AdjustedCount, AdjustedIncrease) = (AdjustmentStatus.Applied, at, count, increase);
        Revision++;
    }

    /// <summary>Discards the draft: it is kept, marked discarded, and never applied.</summary>
    public void Discard(string by, DateTimeOffset at)
    {
        GuardDraft("作废", "discarded");
        (Status, DiscardedBy, DiscardedAt) = (AdjustmentStatus.Discarded, by, at);
        Revision++;
    }

    /// <summary>The status in Chinese, as refusals and pages say it.</summary>
    public static string StatusZh(AdjustmentStatus status) => status switch
    {
        AdjustmentStatus.Draft => "待审批",
        AdjustmentStatus.Approved => "已审批",
        AdjustmentStatus.Applied => "已执行",
        _ => "已作废",
    };

    private void GuardDraft(string actZh, string actEn)
    {
        if (Status != AdjustmentStatus.Draft)
        {
            throw new DomainRuleException(new LocalizedText(
                $"该待遇调整{StatusZh(Status)}，不能再{actZh}。",
                $"The adjustment is {Status.ToString().ToLowerInvariant()}; it is not {actEn} again."));
        }
    }

    /// <summary>Whether the history has the benefit suspended in <paramref name="month"/> (a suspension from it or before, not resumed by it).</summary>
    private static bool SuspendedAt(Entitlement entitlement, DateOnly month)
    {
        var suspended = false;
        foreach (var change in entitlement.History.Where(c => c.FromMonth <= month))
        {
            suspended = change.Kind switch
            {
                EntitlementChangeKind.Suspended => true,
                EntitlementChangeKind.Resumed => false,
                _ => suspended,
            };
        }

        return suspended;
    }

    private static AdjustmentTerm? Term(AdjustmentMethod? method, decimal? value) =>
        method is { } m && value is { } v ? new AdjustmentTerm(m, v) : null;

    private static (AdjustmentMethod?, decimal?) Checked(AdjustmentTerm? term, string field, string labelZh)
    {
        if (term is null)
        {
            return (null, null);
        }

        if (!Enum.IsDefined(term.Method))
        {
            throw new DomainValidationException(field, new LocalizedText($"{labelZh}的调整方式须为按比例或定额。", "The method is a percentage or an amount."));
        }

        // The API's field is the term's own: disabilityAllowance.percent or disabilityAllowance.amount.
        field += term.Method == AdjustmentMethod.Percent ? ".percent" : ".amount";
        var (max, unitZh) = term.Method == AdjustmentMethod.Percent ? (MaxPercent, "%") : (MaxAmount, "元");
        if (term.Value <= 0m || term.Value > max)
        {
            throw new DomainValidationException(field, new LocalizedText(
                $"{labelZh}的调整幅度须大于 0 且不超过 {max}{unitZh}，现为 {term.Value}。", $"The adjustment is above 0 and at most {max}; got {term.Value}."));
        }

        if (decimal.Round(term.Value, 2) != term.Value)
        {
            throw new DomainValidationException(field, new LocalizedText(
                $"{labelZh}的调整幅度至多两位小数，现为 {term.Value}。", $"The adjustment has at most two decimals; got {term.Value}."));
        }

        return (term.Method, term.Value);
    }
}

/// <summary>
/// What an applied rule did to one entitlement, kept for good (第一百二十条 留痕可溯): adjusted from the old to the new amount, or
/// left as it was and why. One per rule and entitlement: the set that makes the rule apply to an entitlement at most once.
/// </summary>
public sealed class BenefitAdjustmentEntry
{
    private BenefitAdjustmentEntry()
    {
        CityCode = RecipientName = string.Empty;
    }

    public long Id { get; private set; }

    public Guid AdjustmentId { get; private set; }

    public Guid EntitlementId { get; private set; }

    public string CityCode { get; private set; }

    public MonthlyBenefit Benefit { get; private set; }

    public string RecipientName { get; private set; }

    public AdjustmentOutcome Outcome { get; private set; }

    public decimal OldAmount { get; private set; }

    public decimal NewAmount { get; private set; }

    public static BenefitAdjustmentEntry Of(BenefitAdjustment adjustment, Entitlement entitlement, AdjustmentAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(adjustment);
        ArgumentNullException.ThrowIfNull(entitlement);
        ArgumentNullException.ThrowIfNull(assessment);
        return new BenefitAdjustmentEntry
        {
            AdjustmentId = adjustment.Id,
            EntitlementId = entitlement.Id,
            CityCode = entitlement.CityCode,
            Benefit = entitlement.Benefit,
            RecipientName = entitlement.RecipientName,
            Outcome = assessment.Outcome,
            OldAmount = assessment.OldAmount,
            NewAmount = assessment.NewAmount,
        };
    }
}
