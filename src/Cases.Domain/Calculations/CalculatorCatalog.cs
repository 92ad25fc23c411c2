using System.Text.Json.Serialization;

namespace Cases.Domain.Calculations;

/// <summary>
/// One calculator: its name, titles and articles as the API and the pages list them, and what runs it — the request
/// record it takes and the domain function it applies. The run and the request type are not part of the listing.
/// </summary>
public sealed class CalculatorDescriptor
{
    internal CalculatorDescriptor(
        string name, string titleZh, string titleEn, LocalizedText description, IReadOnlyList<string> basis, Type requestType, Func<object, IParameterSource, object> run)
    {
        (Name, TitleZh, TitleEn, DescriptionText, Basis, RequestType, Run) = (name, titleZh, titleEn, description, basis, requestType, run);
    }

    /// <summary>The calculator's name in the API, e.g. "late-fee".</summary>
    public string Name { get; }

    /// <summary>The Chinese title shown in the UI.</summary>
    public string TitleZh { get; }

    /// <summary>The English title.</summary>
    public string TitleEn { get; }

    /// <summary>What it computes, in one sentence, in the reader's language.</summary>
    public string Description => DescriptionText.Current;

    /// <summary>What it computes, in both languages.</summary>
    [JsonIgnore]
    public LocalizedText DescriptionText { get; }

    /// <summary>The articles it applies.</summary>
    public IReadOnlyList<string> Basis { get; }

    /// <summary>The request record the calculator takes (its primary constructor's parameters are its fields).</summary>
    [JsonIgnore]
    public Type RequestType { get; }

    /// <summary>Runs the calculator on a request of <see cref="RequestType"/>; the result record carries its explanation.</summary>
    [JsonIgnore]
    public Func<object, IParameterSource, object> Run { get; }
}

/// <summary>
/// The benefit and fee calculators (第二十二条 … 第九十条), each described once: the API, the "calculate" action of the
/// procedures, the calculator pages and their forms all read this list.
/// </summary>
public static class CalculatorCatalog
{
    /// <summary>All calculators, in the regulation's order.</summary>
    public static IReadOnlyList<CalculatorDescriptor> All { get; } =
    [
        Of<RateDifferenceRequest>(RateDifferenceCalculator.Name, "费率浮动差额多退少补", "Rate difference",
            new LocalizedText("浮动费率核定后，按原费率缴纳各月的保费差额：为正数由用人单位补缴，为负数予以退还。", "The premium difference for months paid at the previous rate once the floating rate is fixed: positive, the employer owes; negative, refund."),
            ["第二十二条"], (r, _) => RateDifferenceCalculator.Calculate(r)),
        Of<ContributionBaseRequest>(ContributionBaseCalculator.Name, "个人缴费基数", "Contribution base",
            new LocalizedText("月缴费工资按全省上年度月平均工资的 60%–300% 确定上下限。", "The monthly wage kept within 60%–300% of the previous year's provincial average monthly wage."),
            ["第二十六条"], ContributionBaseCalculator.Calculate),
        Of<ProjectPremiumRequest>(ProjectPremiumCalculator.Name, "建设项目工伤保险费", "Project premium",
            new LocalizedText("建设项目工伤保险费：工程总造价 × 费率，由施工总承包单位一次性代缴。", "The premium of a construction project: total cost × rate, paid once by the general contractor."),
            ["第二十六条", "第二十七条"], (r, _) => ProjectPremiumCalculator.Calculate(r)),
        Of<LateFeeRequest>(LateFeeCalculator.Name, "滞纳金", "Late fee",
            new LocalizedText("自应缴日期次日起至实缴日期止，按日加收欠缴金额万分之五的滞纳金。", "0.05% of the arrears a day, from the day after the due date through the payment date."),
            ["第二十八条"], (r, _) => LateFeeCalculator.Calculate(r)),
        Of<OverseasMedicalRequest>(OverseasMedicalCalculator.Name, "境外医疗费用汇率换算", "Overseas medical costs",
            new LocalizedText("境外医疗费用按实际结算当日汇率折算人民币；当日无汇率的，取此前最近一次汇率。", "Medical costs abroad converted at the settlement day's rate, or the last rate before it."),
            ["第四十一条"], (r, _) => OverseasMedicalCalculator.Calculate(r)),
        Of<HospitalMealRequest>(HospitalMealCalculator.Name, "住院伙食补助费", "Hospital meal subsidy",
            new LocalizedText("省规定的每日补助标准 × 住院天数。", "The provincial daily standard × days in hospital."),
            ["第六十七条"], HospitalMealCalculator.Calculate),
        Of<DisabilityBenefitRequest>(DisabilityBenefitCalculator.Name, "伤残待遇", "Disability benefits",
            new LocalizedText("按伤残等级计算一次性伤残补助金和按月伤残津贴：本人工资按 60%–300% 确定上下限，伤残津贴低于最低工资标准的补足差额。", "One-time disability subsidy and monthly disability allowance by grade, on the worker's wage within the 60%–300% band, with the minimum-wage top-up."),
            ["第七十五条", "第七十七条", "第七十九条", "《工伤保险条例》第三十五条", "《工伤保险条例》第三十六条", "《工伤保险条例》第三十七条", "《工伤保险条例》第六十四条"],
            DisabilityBenefitCalculator.Calculate),
        Of<TerminationLumpSumRequest>(TerminationLumpSumCalculator.Name, "一次性工伤医疗补助金和伤残就业补助金", "One-time benefits on termination",
            new LocalizedText("五至十级伤残职工劳动关系终止时：山东省规定的该等级月数 × 全省上年度月平均工资；一次性工伤医疗补助金由基金支付，一次性伤残就业补助金由用人单位支付。", "For grades 5–10 whose employment ends: Shandong's months for the grade × the previous year's provincial average monthly wage; the fund pays the medical one, the employer the employment one."),
            ["第八十条"], TerminationLumpSumCalculator.Calculate),
        Of<NursingCareRequest>(NursingCareCalculator.Name, "生活护理费", "Nursing care fee",
            new LocalizedText("按生活自理障碍等级，分别为全省上年度月平均工资的 50%、40% 或 30%。", "50%, 40% or 30% of the previous year's provincial average monthly wage by self-care impairment level."),
            ["第七十七条", "《工伤保险条例》第三十四条"], NursingCareCalculator.Calculate),
        Of<DeathBenefitRequest>(DeathBenefitCalculator.Name, "工亡待遇", "Death benefits",
            new LocalizedText("一次性工亡补助金、丧葬补助金和供养亲属抚恤金。", "One-time death subsidy, funeral grant and the dependants' pensions."),
            ["第八十二条", "第八十三条", "第八十四条", "《工伤保险条例》第三十九条"], DeathBenefitCalculator.Calculate),
        Of<DependantsPensionRequest>(DependantsPensionCalculator.Name, "供养亲属抚恤金", "Dependants' pension",
            new LocalizedText("配偶 40%，其他亲属 30%，孤儿或孤寡老人另加 10%；比例合计超过 100% 的按比例折算，抚恤金之和不高于计发基数。", "Spouse 40%, other dependants 30%, +10% for an orphan or solitary elder; scaled when the rates exceed 100%; the total never exceeds the base."),
            ["第八十二条", "第八十三条", "第八十四条", "《工伤保险条例》第三十九条"], (r, _) => DependantsPensionCalculator.Calculate(r)),
        Of<ThirdPartyTopUpRequest>(ThirdPartyTopUpCalculator.Name, "第三人责任医疗费差额补足", "Third-party top-up",
            new LocalizedText("可报销医疗费减去第三人已赔付的医疗费，差额予以补足，最低为 0。", "The eligible medical cost minus what the third party's compensation covered, never below 0."),
            ["第八十九条", "第九十条"], (r, _) => ThirdPartyTopUpCalculator.Calculate(r)),
    ];

    private static readonly Dictionary<string, CalculatorDescriptor> ByName =
        All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The calculator named <paramref name="name"/>, or null.</summary>
    public static CalculatorDescriptor? Find(string name) => ByName.GetValueOrDefault(name);

    private static CalculatorDescriptor Of<TRequest>(
        string name, string titleZh, string titleEn, LocalizedText description, IReadOnlyList<string> basis, Func<TRequest, IParameterSource, object> calculate)
        where TRequest : class =>
        new(name, titleZh, titleEn, description, basis, typeof(TRequest), (request, parameters) => calculate((TRequest)request, parameters));
}
