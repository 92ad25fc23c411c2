namespace Cases.Domain.Payments;

/// <summary>
/// What a payment pays for: the fund's benefits and costs of 规程 第九十五条 (and the advances of 第九十三条), each with
/// its zh/en label. Stored by <see cref="Code"/>; a procedure names one literally in its "payment-order" step.
/// </summary>
public sealed record BenefitKind(string Code, string Zh, string En)
{
    public static readonly BenefitKind MedicalCost = new("medical-cost", "工伤医疗费", "Medical costs");
    public static readonly BenefitKind RehabCost = new("rehab-cost", "康复费", "Rehabilitation costs");
    public static readonly BenefitKind HospitalMealSubsidy = new("hospital-meal-subsidy", "住院伙食补助费", "Hospital meal subsidy");
    public static readonly BenefitKind OutOfAreaTravel = new("out-of-area-travel", "异地就医交通食宿费", "Travel and lodging for treatment elsewhere");
    public static readonly BenefitKind AssistiveDevice = new("assistive-device", "辅助器具配置费", "Assistive devices");
    public static readonly BenefitKind NursingCareFee = new("nursing-care-fee", "生活护理费", "Nursing care fee");
    public static readonly BenefitKind DisabilityLumpSum = new("disability-lump-sum", "一次性伤残补助金", "One-time disability subsidy");
    public static readonly BenefitKind DisabilityAllowance = new("disability-allowance", "伤残津贴", "Disability allowance");
    public static readonly BenefitKind MedicalLumpSum = new("medical-lump-sum", "一次性工伤医疗补助金", "One-time injury medical subsidy");
    public static readonly BenefitKind DeathLumpSum = new("death-lump-sum", "一次性工亡补助金", "One-time death subsidy");
    public static readonly BenefitKind FuneralGrant = new("funeral-grant", "丧葬补助金", "Funeral grant");
    public static readonly BenefitKind DependantsPension = new("dependants-pension", "供养亲属抚恤金", "Dependants' pension");
    public static readonly BenefitKind AppraisalFee = new("appraisal-fee", "劳动能力鉴定费", "Labour capacity appraisal fee");
    public static readonly BenefitKind AdvancePayment = new("advance-payment", "先行支付", "Advance payment");

    /// <summary>Every kind, in the order of 第九十五条.</summary>
    public static IReadOnlyList<BenefitKind> All { get; } =
    [
        MedicalCost, RehabCost, HospitalMealSubsidy, OutOfAreaTravel, AssistiveDevice, NursingCareFee, DisabilityLumpSum, DisabilityAllowance,
        MedicalLumpSum, DeathLumpSum, FuneralGrant, DependantsPension, AppraisalFee, AdvancePayment,
    ];

    /// <summary>The kind of <paramref name="code"/>, or null when there is none.</summary>
    public static BenefitKind? Find(string? code) => All.FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.Ordinal));

    /// <summary>The kind of <paramref name="code"/>; an unknown code is refused naming <paramref name="field"/>.</summary>
    public static BenefitKind Parse(string? code, string field) => Find(code) ?? throw new DomainValidationException(field, new LocalizedText(
        $"待遇项目须为以下之一：{string.Join("、", All.Select(k => k.Zh))}。",
        $"The benefit must be one of {string.Join(", ", All.Select(k => k.Code))}."));
}

/// <summary>Who is paid (第九十四条 支付对象): the worker, the employer, a close relative, a medical or agreement institution.</summary>
public sealed record PayeeKind(string Code, string Zh, string En)
{
    public static readonly PayeeKind Worker = new("worker", "职工", "Worker");
    public static readonly PayeeKind Employer = new("employer", "用人单位", "Employer");
    public static readonly PayeeKind Relative = new("relative", "近亲属", "Close relative");
    public static readonly PayeeKind MedicalInstitution = new("medical-institution", "医疗机构", "Medical institution");
    public static readonly PayeeKind AgreementInstitution = new("agreement-institution", "协议机构", "Agreement institution");
    public static readonly PayeeKind AppraisalCommittee = new("appraisal-committee", "劳动能力鉴定委员会", "Appraisal committee");

    public static IReadOnlyList<PayeeKind> All { get; } = [Worker, Employer, Relative, MedicalInstitution, AgreementInstitution, AppraisalCommittee];

    /// <summary>Whether the payee is a person, paid on a card (第九十七条: 原则上发放至本人社会保障卡金融账户); else an organisation's account.</summary>
    public bool IsPerson => this == Worker || this == Relative;

    public static PayeeKind? Find(string? code) => All.FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.Ordinal));

    public static PayeeKind Parse(string? code, string field) => Find(code) ?? throw new DomainValidationException(field, new LocalizedText(
        $"支付对象类别须为以下之一：{string.Join("、", All.Select(k => k.Zh))}。",
        $"The payee kind must be one of {string.Join(", ", All.Select(k => k.Code))}."));
}
