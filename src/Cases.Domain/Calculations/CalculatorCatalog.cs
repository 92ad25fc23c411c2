using System.Text.Json.Serialization;

namespace Cases.Domain.Calculations;

/// <summary>
/// One calculator: its name, titles and articles as the API and the pages list them, and what runs it — the request
/// record it takes and the domain function it applies. The run and the request type are not part of the listing.
/// </summary>
public sealed class CalculatorDescriptor
{
    internal CalculatorDescriptor(
        string name, string titleZh, string titleEn, string description, IReadOnlyList<string> basis, Type requestType, Func<object, IParameterSource, object> run)
    {
        (Name, TitleZh, TitleEn, Description, Basis, RequestType, Run) = (name, titleZh, titleEn, description, basis, requestType, run);
    }

    /// <summary>The calculator's name in the API, e.g. "late-fee".</summary>
    public string Name { get; }

    /// <summary>The Chinese title shown in the UI.</summary>
    public string TitleZh { get; }

    /// <summary>The English title.</summary>
    public string TitleEn { get; }

    /// <summary>What it computes, in one sentence.</summary>
    public string Description { get; }

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
            "The premium difference for months paid at the previous rate once the floating rate is fixed: positive, the employer owes; negative, refund.",
            ["第二十二条"], (r, _) => RateDifferenceCalculator.Calculate(r)),
        Of<ContributionBaseRequest>(ContributionBaseCalculator.Name, "个人缴费基数", "Contribution base",
            "The monthly wage kept within 60%–300% of the previous year's provincial average monthly wage.",
            ["第二十六条"], ContributionBaseCalculator.Calculate),
        Of<ProjectPremiumRequest>(ProjectPremiumCalculator.Name, "建设项目工伤保险费", "Project premium",
            "The premium of a construction project: total cost × rate, paid once by the general contractor.",
            ["第二十六条", "第二十七条"], (r, _) => ProjectPremiumCalculator.Calculate(r)),
        Of<LateFeeRequest>(LateFeeCalculator.Name, "滞纳金", "Late fee",
            "0.05% of the arrears a day, from the day after the due date through the payment date.",
            ["第二十八条"], (r, _) => LateFeeCalculator.Calculate(r)),
        Of<OverseasMedicalRequest>(OverseasMedicalCalculator.Name, "境外医疗费用汇率换算", "Overseas medical costs",
            "Medical costs abroad converted at the settlement day's rate, or the last rate before it.",
            ["第四十一条"], (r, _) => OverseasMedicalCalculator.Calculate(r)),
        Of<HospitalMealRequest>(HospitalMealCalculator.Name, "住院伙食补助费", "Hospital meal subsidy",
            "The provincial daily standard × days in hospital.",
            ["第六十七条"], HospitalMealCalculator.Calculate),
        Of<DisabilityBenefitRequest>(DisabilityBenefitCalculator.Name, "伤残待遇", "Disability benefits",
            "One-time disability subsidy and monthly disability allowance by grade, on the worker's wage within the 60%–300% band, with the minimum-wage top-up.",
            ["第七十五条", "第七十七条", "第七十九条", "《工伤保险条例》第三十五条", "《工伤保险条例》第三十六条", "《工伤保险条例》第三十七条", "《工伤保险条例》第六十四条"],
            DisabilityBenefitCalculator.Calculate),
        Of<TerminationLumpSumRequest>(TerminationLumpSumCalculator.Name, "一次性工伤医疗补助金和伤残就业补助金", "One-time benefits on termination",
            "For grades 5–10 whose employment ends: Shandong's months for the grade × the previous year's provincial average monthly wage; the fund pays the medical one, the employer the employment one.",
            ["第八十条"], TerminationLumpSumCalculator.Calculate),
        Of<NursingCareRequest>(NursingCareCalculator.Name, "生活护理费", "Nursing care fee",
            "50%, 40% or 30% of the previous year's provincial average monthly wage by self-care impairment level.",
            ["第七十七条", "《工伤保险条例》第三十四条"], NursingCareCalculator.Calculate),
        Of<DeathBenefitRequest>(DeathBenefitCalculator.Name, "工亡待遇", "Death benefits",
            "One-time death subsidy, funeral grant and the dependants' pensions.",
            ["第八十二条", "第八十三条", "第八十四条", "《工伤保险条例》第三十九条"], DeathBenefitCalculator.Calculate),
        Of<DependantsPensionRequest>(DependantsPensionCalculator.Name, "供养亲属抚恤金", "Dependants' pension",
            "Spouse 40%, other dependants 30%, +10% for an orphan or solitary elder; scaled when the rates exceed 100%; the total never exceeds the base.",
            ["第八十二条", "第八十三条", "第八十四条", "《工伤保险条例》第三十九条"], (r, _) => DependantsPensionCalculator.Calculate(r)),
        Of<ThirdPartyTopUpRequest>(ThirdPartyTopUpCalculator.Name, "第三人责任医疗费差额补足", "Third-party top-up",
            "The eligible medical cost minus what the third party's compensation covered, never below 0.",
            ["第八十九条", "第九十条"], (r, _) => ThirdPartyTopUpCalculator.Calculate(r)),
    ];

    private static readonly Dictionary<string, CalculatorDescriptor> ByName =
        All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The calculator named <paramref name="name"/>, or null.</summary>
    public static CalculatorDescriptor? Find(string name) => ByName.GetValueOrDefault(name);

    private static CalculatorDescriptor Of<TRequest>(
        string name, string titleZh, string titleEn, string description, IReadOnlyList<string> basis, Func<TRequest, IParameterSource, object> calculate)
        where TRequest : class =>
        new(name, titleZh, titleEn, description, basis, typeof(TRequest), (request, parameters) => calculate((TRequest)request, parameters));
}
