using Cases.Domain.Parties;

namespace Cases.Domain.Injuries;

/// <summary>
/// Work-injury case (工伤案件): the injury, its recognition and the appraisal result that benefit review checks (第五十七条, 第七十六条, 第七十八条).
/// </summary>
public sealed class InjuryCase
{
    private InjuryCase() => CityCode = string.Empty;

    public Guid Id { get; private set; }

    public Guid WorkerId { get; private set; }

    public Guid EmployerId { get; private set; }

    /// <summary>The city where the worker is insured (参保地).</summary>
    public string CityCode { get; private set; }

    public DateOnly InjuryOn { get; private set; }

    /// <summary>Day of the work-injury recognition decision (工伤认定); never before <see cref="InjuryOn"/>.</summary>
    public DateOnly? RecognizedOn { get; private set; }

    /// <summary>Latest appraisal grade; null until appraised or when no grade was reached.</summary>
    public DisabilityGrade? DisabilityGrade { get; private set; }

    public SelfCareLevel SelfCareLevel { get; private set; }

    /// <summary>Day of the latest appraisal conclusion (劳动能力鉴定结论); null until appraised.</summary>
    public DateOnly? AppraisedOn { get; private set; }

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
}
