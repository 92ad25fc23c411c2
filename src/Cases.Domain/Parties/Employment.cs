namespace Cases.Domain.Parties;

/// <summary>How an insured period ended (第十一条: 参保人员中断（退休）登记).</summary>
public enum EmploymentEndKind
{
    /// <summary>中断: the employer stopped employing the worker (left, dismissed, moved to another employer).</summary>
    Interrupted = 1,

    /// <summary>退休: the worker retired.</summary>
    Retired = 2,
}

/// <summary>
/// One insured period of a worker with one employer (第十一条): from the day of employment (用工之日) as filed in the
/// worker's insurance registration (参保登记) to the day employment stopped, with the kind of end (中断/退休).
/// 第十一条 gives the employer 30 days from the day of employment to file: a later filing is accepted — the worker is
/// insured either way — and flagged late by the days past that limit. The end is to be filed in the month employment
/// stopped (应在停止用工的当月办理…中断（退休）登记); a later end filing is flagged likewise.
/// </summary>
public sealed class Employment
{
    /// <summary>第十一条: 应在用工之日起30日内…办理参保登记手续.</summary>
    public const int FilingDays = 30;

    private Employment()
    {
    }

    public Guid Id { get; private set; }

    public Guid WorkerId { get; private set; }

    public Guid EmployerId { get; private set; }

    /// <summary>用工之日: the first day of employment.</summary>
    public DateOnly EmployedOn { get; private set; }

    /// <summary>参保登记: the day the agency recorded the filing.</summary>
    public DateOnly FiledOn { get; private set; }

    /// <summary>
    /// The last day of the 30 days of 第十一条, counted from the day after <see cref="EmployedOn"/> and moved to the
    /// next working day when it is a rest day (民法典 第二百零一条、第二百零三条); counted on the working-day calendar
    /// by the caller, because the domain holds no calendar of its own here.
    /// </summary>
    public DateOnly FilingDueOn { get; private set; }

    /// <summary>The last day of employment; null while the worker is employed.</summary>
    public DateOnly? EndedOn { get; private set; }

    public EmploymentEndKind? EndKind { get; private set; }

    /// <summary>The day the end (中断/退休登记) was filed; null while employed.</summary>
    public DateOnly? EndFiledOn { get; private set; }

    public bool IsOpen => EndedOn is null;

    /// <summary>Days the filing came after <see cref="FilingDueOn"/> (逾期登记 N 日); 0 when on time.</summary>
    public int FilingDaysLate => FiledOn > FilingDueOn ? FiledOn.DayNumber - FilingDueOn.DayNumber : 0;

    /// <summary>Whether the end was filed after the month employment stopped (第十一条: 当月办理).</summary>
    public bool EndFiledLate => EndedOn is { } ended && EndFiledOn is { } filed && (filed.Year * 12 + filed.Month) > (ended.Year * 12 + ended.Month);

    /// <summary>The nominal last day of the filing period before a rest day moves it: <paramref name="employedOn"/> + 30 days.</summary>
    public static DateOnly NominalFilingDueOn(DateOnly employedOn) => employedOn.AddDays(FilingDays);

    /// <summary>
    /// Records an insured period filed on <paramref name="filedOn"/>; each argument is checked and a failure names its
    /// field. <paramref name="filingDueOn"/> is the period's last day as the calendar counts it, never before the nominal one.
    /// </summary>
    public static Employment File(Guid workerId, Guid employerId, DateOnly employedOn, DateOnly filedOn, DateOnly filingDueOn, Guid? id = null)
    {
        if (employedOn > filedOn)
        {
            throw new DomainValidationException("employedOn", new LocalizedText(
                $"用工之日 {Guard.Iso(employedOn)} 晚于登记日 {Guard.Iso(filedOn)}：参保登记应在用工之后办理（第十一条）。",
                $"The day of employment {Guard.Iso(employedOn)} is after the filing day {Guard.Iso(filedOn)}: the registration follows the employment (Article 11)."));
        }

        if (filingDueOn < NominalFilingDueOn(employedOn))
        {
            throw new DomainValidationException("filingDueOn", new LocalizedText(
                $"登记期限 {Guard.Iso(filingDueOn)} 早于用工之日起 30 日。", $"The filing limit {Guard.Iso(filingDueOn)} is earlier than 30 days after employment."));
        }

        return new Employment
        {
            Id = Guard.NewIdOr(id, "id"),
            WorkerId = Guard.RequiredId(workerId, "workerId", new LocalizedText("职工", "Worker")),
            EmployerId = Guard.RequiredId(employerId, "employerId", new LocalizedText("用人单位", "Employer")),
            EmployedOn = employedOn,
            FiledOn = filedOn,
            FilingDueOn = filingDueOn,
        };
    }

    /// <summary>Records the end of employment (中断（退休）登记, 第十一条) filed on <paramref name="filedOn"/>.</summary>
    public void End(DateOnly endedOn, EmploymentEndKind? kind, DateOnly filedOn)
    {
        if (EndedOn is { } ended)
        {
            throw new DomainRuleException(new LocalizedText(
                $"该参保期间已于 {Guard.Iso(ended)} 终止，不能再次办理中断（退休）登记。", $"This insured period already ended on {Guard.Iso(ended)}; it cannot end again."));
        }

        if (kind is not (EmploymentEndKind.Interrupted or EmploymentEndKind.Retired))
        {
            throw new DomainValidationException("kind", new LocalizedText("请选择终止类型：中断（interrupted）或退休（retired）。", "kind is required: interrupted (中断) or retired (退休)."));
        }

        if (endedOn < EmployedOn)
        {
            throw new DomainValidationException("endedOn", new LocalizedText(
                $"停止用工日 {Guard.Iso(endedOn)} 早于用工之日 {Guard.Iso(EmployedOn)}。", $"The last day of employment {Guard.Iso(endedOn)} is before the day of employment {Guard.Iso(EmployedOn)}."));
        }

        if (endedOn > filedOn)
        {
            throw new DomainValidationException("endedOn", new LocalizedText(
                $"停止用工日 {Guard.Iso(endedOn)} 晚于今天 {Guard.Iso(filedOn)}：中断（退休）登记在停止用工后办理。",
                $"The last day of employment {Guard.Iso(endedOn)} is after today {Guard.Iso(filedOn)}: the end is filed once employment has stopped."));
        }

        EndedOn = endedOn;
        EndKind = kind;
        EndFiledOn = filedOn;
    }
}
