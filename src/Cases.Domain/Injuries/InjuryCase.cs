using Cases.Domain.Parties;

namespace Cases.Domain.Injuries;

/// <summary>
/// Work-injury case (工伤案件): the injury, its recognition and the appraisal result that benefit review checks (第五十七条, 第七十六条, 第七十八条).
/// </summary>
public sealed class InjuryCase
{
    /// <summary>Longest recognition decision number accepted (e.g. 济人社工伤认字〔2025〕第0123号).</summary>
    public const int RecognitionNumberMaxLength = 60;

    /// <summary>Longest description of the injury accepted.</summary>
    public const int DescriptionMaxLength = 1000;

    private InjuryCase() => CityCode = string.Empty;

    public Guid Id { get; private set; }

    public Guid WorkerId { get; private set; }

    public Guid EmployerId { get; private set; }

    /// <summary>The city where the worker is insured (参保地).</summary>
    public string CityCode { get; private set; }

    public DateOnly InjuryOn { get; private set; }

    /// <summary>Day of the work-injury recognition decision (工伤认定); never before <see cref="InjuryOn"/>.</summary>
    public DateOnly? RecognizedOn { get; private set; }

    /// <summary>The number of the recognition decision (工伤认定决定书), as the recognition department issued it.</summary>
    public string? RecognitionNumber { get; private set; }

    /// <summary>How the injury happened, as the recognition decision describes it.</summary>
    public string? Description { get; private set; }

    /// <summary>First day of the rehabilitation period the appraisal committee confirmed (第四十三条); null until confirmed.</summary>
    public DateOnly? RehabStartsOn { get; private set; }

    /// <summary>
    /// Last day of the rehabilitation period, extended or not: costs after it are not paid (第四十四条 "超出康复期的不予支付").
    /// </summary>
    public DateOnly? RehabEndsOn { get; private set; }

    /// <summary>The end first confirmed, kept once the period is extended (第四十九条 allows one extension, of the first period).</summary>
    public DateOnly? RehabOriginallyEndsOn { get; private set; }

    /// <summary>Whether the period was extended: it cannot be extended again (第四十九条 "在首次康复期治疗时").</summary>
    public bool RehabExtended => RehabOriginallyEndsOn is not null;

    /// <summary>Latest appraisal grade; null until appraised or when no grade was reached.</summary>
    public DisabilityGrade? DisabilityGrade { get; private set; }

    public SelfCareLevel SelfCareLevel { get; private set; }

    /// <summary>Day of the latest appraisal conclusion (劳动能力鉴定结论); null until appraised.</summary>
    public DateOnly? AppraisedOn { get; private set; }

    /// <summary>
    /// Day the worker's labour or engagement relation ended (第六十条, 第八十条); null while it lasts. From the month after,
    /// the fund pays no further medical treatment unless <see cref="KeepsMedicalTreatment"/>.
    /// </summary>
    public DateOnly? EmploymentEndedOn { get; private set; }

    /// <summary>
    /// Whether the worker has a medical dependency and gave up the one-time medical subsidy, so the fund keeps paying the
    /// treatment after the employment ended (第六十条 "存在医疗依赖的工伤职工放弃领取一次性工伤医疗补助金的除外").
    /// </summary>
    public bool KeepsMedicalTreatment { get; private set; }

    /// <summary>The first day the fund pays no further medical treatment (第六十条 次月起); null while it pays.</summary>
    public DateOnly? FundTreatmentEndsFrom =>
        EmploymentEndedOn is { } ended && !KeepsMedicalTreatment ? Catalogues.BillReview.FirstOfNextMonth(ended) : null;

    /// <summary>Opens a case for an injury; each argument is checked and a failure names its field.</summary>
    public static InjuryCase Open(Guid workerId, Guid employerId, City city, DateOnly injuryOn, Guid? id = null) =>
        new()
        {
            Id = Guard.NewIdOr(id, "id"),
            WorkerId = Guard.RequiredId(workerId, "workerId", new LocalizedText("职工", "Worker")),
            EmployerId = Guard.RequiredId(employerId, "employerId", new LocalizedText("用人单位", "Employer")),
            CityCode = (city ?? throw new DomainValidationException("city", Guard.CityRequired)).Code,
            InjuryOn = injuryOn,
        };

    /// <summary>Records the recognition decision as the recognition department sent it: its number and the account of the injury.</summary>
    public void RecordRecognition(DateOnly recognizedOn, string? recognitionNumber, string? description)
    {
        var number = Guard.RequiredText(recognitionNumber, "recognitionNumber", new LocalizedText("工伤认定决定书编号", "Recognition decision number"), RecognitionNumberMaxLength);

        // A decision's number is a document number (济人社工认字〔2025〕第0123号): markup characters are never part of one,
        // and a number is what cases typed before the register are matched by.
        if (number.IndexOfAny(['<', '>', '"', '\'', '`', '=']) >= 0)
        {
            throw new DomainValidationException("recognitionNumber", new LocalizedText(
                "工伤认定决定书编号含有编号中不会出现的字符（< > \" ' ` =），请按决定书填写。",
                "The recognition decision number holds characters no number has (< > \" ' ` =); type it as the decision prints it."));
        }

        var told = string.IsNullOrWhiteSpace(description) ? null : Guard.RequiredText(description, "description", new LocalizedText("受伤经过", "Description"), DescriptionMaxLength);
        RecordRecognition(recognizedOn);
        (RecognitionNumber, Description) = (number, told);
    }

    /// <summary>Whether rehabilitation costs of <paramref name="day"/> fall in the period (第四十四条); false while no period is confirmed.</summary>
    public bool InRehabilitationPeriod(DateOnly day) => RehabStartsOn <= day && day <= RehabEndsOn;

    /// <summary>Records the rehabilitation period the appraisal committee confirmed (第四十三条): start and end.</summary>
    public void ConfirmRehabilitation(DateOnly startsOn, DateOnly endsOn)
    {
        if (RehabExtended)
        {
            throw new DomainRuleException(new LocalizedText("康复期已经延长，不能再重新确认（第四十九条）。", "The period was extended; it is not confirmed again (第四十九条)."));
        }

        if (endsOn < startsOn)
        {
            throw new DomainValidationException("rehabEndsOn", new LocalizedText($"康复期截止日 {Guard.Iso(endsOn)} 早于起始日 {Guard.Iso(startsOn)}。", $"The period's end {Guard.Iso(endsOn)} is before its start {Guard.Iso(startsOn)}."));
        }

        if (startsOn < InjuryOn)
        {
            throw new DomainValidationException("rehabStartsOn", new LocalizedText($"康复期起始日 {Guard.Iso(startsOn)} 早于受伤日期 {Guard.Iso(InjuryOn)}。", $"The period's start {Guard.Iso(startsOn)} is before the injury on {Guard.Iso(InjuryOn)}."));
        }

        (RehabStartsOn, RehabEndsOn) = (startsOn, endsOn);
    }

    /// <summary>
    /// The committee confirmed an extension (第四十九条): the period now ends on <paramref name="newEndsOn"/>, once. A
    /// period not yet recorded is recorded as the extension case states it (<paramref name="startsOn"/>, <paramref name="endsOn"/>).
    /// </summary>
    public void ExtendRehabilitation(DateOnly newEndsOn, DateOnly? startsOn = null, DateOnly? endsOn = null)
    {
        if (RehabExtended)
        {
            throw new DomainRuleException(new LocalizedText(
                $"康复期已于此前延长至 {Guard.Iso(RehabEndsOn!.Value)}，已延长的康复期不能再次延长（第四十九条）。",
                $"The period was already extended to {Guard.Iso(RehabEndsOn!.Value)}; an extended period is not extended again (第四十九条)."));
        }

        if (RehabEndsOn is null)
        {
            ConfirmRehabilitation(
                startsOn ?? throw new DomainRuleException(new LocalizedText("工伤案件尚未登记康复期（第四十三条），无法延长。", "The injury case has no confirmed rehabilitation period (第四十三条) to extend.")),
                endsOn ?? throw new DomainRuleException(new LocalizedText("工伤案件尚未登记康复期（第四十三条），无法延长。", "The injury case has no confirmed rehabilitation period (第四十三条) to extend.")));
        }

        if (newEndsOn <= RehabEndsOn)
        {
            throw new DomainValidationException("rehabEndsOn", new LocalizedText(
                $"延长后的截止日 {Guard.Iso(newEndsOn)} 须晚于原截止日 {Guard.Iso(RehabEndsOn!.Value)}。",
                $"The extended end {Guard.Iso(newEndsOn)} must be after the current end {Guard.Iso(RehabEndsOn!.Value)}."));
        }

        (RehabOriginallyEndsOn, RehabEndsOn) = (RehabEndsOn, newEndsOn);
    }

    /// <summary>Records the work-injury recognition decision.</summary>
    public void RecordRecognition(DateOnly recognizedOn)
    {
        if (recognizedOn < InjuryOn)
        {
            throw new DomainValidationException(
                "recognizedOn",
                new LocalizedText($"工伤认定日期 {Guard.Iso(recognizedOn)} 早于受伤日期 {Guard.Iso(InjuryOn)}。", $"Recognition date {Guard.Iso(recognizedOn)} is before the injury date {Guard.Iso(InjuryOn)}."));
        }

        if (AppraisedOn is { } appraised && recognizedOn > appraised)
        {
            throw new DomainValidationException(
                "recognizedOn",
                new LocalizedText($"工伤认定日期 {Guard.Iso(recognizedOn)} 晚于劳动能力鉴定日期 {Guard.Iso(appraised)}。", $"Recognition date {Guard.Iso(recognizedOn)} is after the appraisal date {Guard.Iso(appraised)}."));
        }

        RecognizedOn = recognizedOn;
    }

    /// <summary>
    /// Records an appraisal conclusion; a later one (再次/复查鉴定) replaces the earlier (第七十八条).
    /// <paramref name="grade"/> is null when no disability grade was reached.
    /// </summary>
    public void RecordAppraisal(DisabilityGrade? grade, SelfCareLevel selfCareLevel, DateOnly appraisedOn)
    {
        if (RecognizedOn is not { } recognized)
        {
            throw new DomainRuleException(new LocalizedText("须先认定为工伤，才能登记劳动能力鉴定结论。", "The injury must be recognised as a work injury before an appraisal is recorded."));
        }

        if (grade is { IsEmpty: true })
        {
            throw new DomainValidationException("disabilityGrade", new LocalizedText("伤残等级应为一级至十级（1–10），现为 0。", "Disability grade must be 1 to 10 (一级 to 十级); got 0."));
        }

        if (!Enum.IsDefined(selfCareLevel))
        {
            throw new DomainValidationException(
                "selfCareLevel",
                new LocalizedText($"生活自理障碍程度应为无、部分、大部分或完全不能自理之一，现为 {(int)selfCareLevel}。", $"Self-care level must be None, Partial, Major or Complete; got {(int)selfCareLevel}."));
        }

        if (appraisedOn < recognized)
        {
            throw new DomainValidationException(
                "appraisedOn",
                new LocalizedText($"劳动能力鉴定日期 {Guard.Iso(appraisedOn)} 早于工伤认定日期 {Guard.Iso(recognized)}。", $"Appraisal date {Guard.Iso(appraisedOn)} is before the recognition date {Guard.Iso(recognized)}."));
        }

        if (AppraisedOn is { } previous && appraisedOn < previous)
        {
            throw new DomainValidationException(
                "appraisedOn",
                new LocalizedText($"劳动能力鉴定日期 {Guard.Iso(appraisedOn)} 早于上一次鉴定日期 {Guard.Iso(previous)}。", $"Appraisal date {Guard.Iso(appraisedOn)} is before the previous appraisal on {Guard.Iso(previous)}."));
        }

        DisabilityGrade = grade;
        SelfCareLevel = selfCareLevel;
        AppraisedOn = appraisedOn;
    }

    /// <summary>
    /// Records that the labour relation ended on <paramref name="endedOn"/> (第六十条; for grades 5–10 the insurance
    /// relationship ends with it, 第八十条) and whether the worker keeps fund-paid treatment for a medical dependency,
    /// having given up the one-time medical subsidy (第六十条 除外). Recorded once: the relationship does not end twice.
    /// </summary>
    public void RecordEmploymentEnd(DateOnly endedOn, bool keepsMedicalTreatment)
    {
        if (EmploymentEndedOn is { } recorded)
        {
            throw new DomainRuleException(new LocalizedText(
                $"该工伤案件已登记劳动关系于 {Guard.Iso(recorded)} 终止，不能再次登记。",
                $"This injury case already records the employment ending on {Guard.Iso(recorded)}; it cannot end again."));
        }

        if (endedOn < InjuryOn)
        {
            throw new DomainValidationException("employmentEndedOn", new LocalizedText(
                $"劳动关系终止日期 {Guard.Iso(endedOn)} 早于受伤日期 {Guard.Iso(InjuryOn)}。",
                $"The employment end {Guard.Iso(endedOn)} is before the injury on {Guard.Iso(InjuryOn)}."));
        }

        EmploymentEndedOn = endedOn;
        KeepsMedicalTreatment = keepsMedicalTreatment;
    }
}
