namespace Cases.Domain.Parties;

/// <summary>
/// Employer (用人单位) registered for work-injury insurance under 第七条, with its industry risk class set under 第八条.
/// </summary>
public sealed class Employer
{
    /// <summary>Longest name accepted.</summary>
    public const int NameMaxLength = 200;

    private Employer()
    {
        Name = string.Empty;
        CityCode = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Fixed at registration: 第十四条 allows changing every item except the credit code.</summary>
    public CreditCode CreditCode { get; private set; }

    public string Name { get; private set; }

    public IndustryRiskClass RiskClass { get; private set; }

    /// <summary>The city (设区的市) whose agency holds the registration, e.g. "370100".</summary>
    public string CityCode { get; private set; }

    public DateOnly? RegisteredOn { get; private set; }

    /// <summary>Registers an employer (第七条); each argument is checked and a failure names its field.</summary>
    public static Employer Register(
        CreditCode creditCode,
        string name,
        IndustryRiskClass riskClass,
        City city,
        DateOnly? registeredOn = null,
        Guid? id = null)
    {
        if (creditCode.IsEmpty)
        {
            throw new DomainValidationException("creditCode", new LocalizedText("统一社会信用代码必须填写。", "Unified social credit code is required."));
        }

        return new Employer
        {
            Id = Guard.NewIdOr(id, "id"),
            CreditCode = creditCode,
            Name = Guard.RequiredText(name, "name", new LocalizedText("单位名称", "Employer name"), NameMaxLength),
            RiskClass = RequireRiskClass(riskClass),
            CityCode = RequireCity(city).Code,
            RegisteredOn = registeredOn,
        };
    }

    private static IndustryRiskClass RequireRiskClass(IndustryRiskClass riskClass) =>
        riskClass.IsEmpty
            ? throw new DomainValidationException("riskClass", new LocalizedText("行业风险类别必须选择（一类至八类）。", "Industry risk class is required (1 to 8, 一类 to 八类)."))
            : riskClass;

    private static City RequireCity(City? city) =>
        city ?? throw new DomainValidationException("city", Guard.CityRequired);
}
