namespace Cases.Domain.Parties;

/// <summary>
/// Employer (用人单位) registered for work-injury insurance under 第六～八条: the items of 第七条, the industry risk class
/// of 第八条, and the state of its registration — changed under 第十三～十五条 (every item but the credit code), marked
/// 预注销 or 已注销 under 第十七、十八条. A deregistered employer changes no more.
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

    public UnitType? UnitType { get; private set; }

    public EconomicType? EconomicType { get; private set; }

    public Affiliation? Affiliation { get; private set; }

    public RegistrationAuthority? RegistrationAuthority { get; private set; }

    public DateOnly? EstablishedOn { get; private set; }

    public string? Industry { get; private set; }

    public string? Address { get; private set; }

    /// <summary>The employer's contact phone (联系方式), digits only.</summary>
    public string? Phone { get; private set; }

    public string? LegalRepresentativeName { get; private set; }

    public IdDocumentType? LegalRepresentativeDocumentType { get; private set; }

    public string? LegalRepresentativeDocumentNumber { get; private set; }

    public string? LegalRepresentativePhone { get; private set; }

    /// <summary>劳务派遣企业 (第八条第二款).</summary>
    public bool LaborDispatch { get; private set; }

    /// <summary>What a dispatch firm's risk class follows (第八条第二款); null for other employers.</summary>
    public string? DispatchRiskBasis { get; private set; }

    public EmployerStatus Status { get; private set; } = EmployerStatus.Active;

    /// <summary>The day of the last change of <see cref="Status"/> (预注销 or 注销); null while active since registration.</summary>
    public DateOnly? StatusOn { get; private set; }

    /// <summary>The legal representative as registered, or null when the register has none.</summary>
    public LegalRepresentative? LegalRepresentative =>
        LegalRepresentativeName is null || LegalRepresentativeDocumentType is null || LegalRepresentativeDocumentNumber is null
            ? null
            : LegalRepresentative.FromStored(LegalRepresentativeName, LegalRepresentativeDocumentType.Value, LegalRepresentativeDocumentNumber, LegalRepresentativePhone);

    /// <summary>The registration items besides name, code, class and city.</summary>
    public EmployerDetails Details => new()
    {
        UnitType = UnitType,
        EconomicType = EconomicType,
        Affiliation = Affiliation,
        RegistrationAuthority = RegistrationAuthority,
        EstablishedOn = EstablishedOn,
        Industry = Industry,
        Address = Address,
        Phone = Phone,
        LegalRepresentative = LegalRepresentative,
        LaborDispatch = LaborDispatch,
        DispatchRiskBasis = DispatchRiskBasis,
    };

    /// <summary>Registers an employer (第七条); each argument is checked and a failure names its field.</summary>
    public static Employer Register(
        CreditCode creditCode,
        string name,
        IndustryRiskClass riskClass,
        City city,
        DateOnly? registeredOn = null,
        Guid? id = null,
        EmployerDetails? details = null)
    {
        if (creditCode.IsEmpty)
        {
            throw new DomainValidationException("creditCode", new LocalizedText("统一社会信用代码必须填写。", "Unified social credit code is required."));
        }

        var employer = new Employer
        {
            Id = Guard.NewIdOr(id, "id"),
            CreditCode = creditCode,
            Name = Guard.RequiredText(name, "name", new LocalizedText("单位名称", "Employer name"), NameMaxLength),
            RiskClass = RequireRiskClass(riskClass),
            CityCode = RequireCity(city).Code,
            RegisteredOn = registeredOn,
        };
        employer.Apply(details ?? EmployerDetails.None);
        return employer;
    }

    /// <summary>
    /// Changes the registration (第十四、十五条): every item given in <paramref name="change"/> replaces the registered
    /// one. A credit code other than the registered one is refused naming <c>creditCode</c> (第十四条: the code is the one
    /// item that never changes); a deregistered employer changes no more. Returns the items that changed.
    /// </summary>
    public IReadOnlyList<string> Change(EmployerChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.CreditCode is { IsEmpty: false } code && code != CreditCode)
        {
            throw new DomainValidationException("creditCode", new LocalizedText(
                $"统一社会信用代码不能变更（第十四条：变更登记的内容包括除统一社会信用代码以外的全部登记内容）；登记的代码为 {CreditCode}。",
                $"The unified social credit code never changes (第十四条: every registered item but the credit code may change); the registered code is {CreditCode}."));
        }

        EnsureNotDeregistered(new LocalizedText("不能再变更登记", "its registration changes no more"));
        var changed = new List<string>();
        if (change.Name is not null)
        {
            var name = Guard.RequiredText(change.Name, "name", new LocalizedText("单位名称", "Employer name"), NameMaxLength);
            Track(changed, "name", Name != name);
            Name = name;
        }

        if (change.RiskClass is { } risk)
        {
            Track(changed, "riskClass", RiskClass != RequireRiskClass(risk));
            RiskClass = risk;
        }

        var before = Details;
        var d = change.Details;
        var after = before with
        {
            UnitType = d.UnitType ?? before.UnitType,
            EconomicType = d.EconomicType ?? before.EconomicType,
            Affiliation = d.Affiliation ?? before.Affiliation,
            RegistrationAuthority = d.RegistrationAuthority ?? before.RegistrationAuthority,
            EstablishedOn = d.EstablishedOn ?? before.EstablishedOn,
            Industry = d.Industry ?? before.Industry,
            Address = d.Address ?? before.Address,
            Phone = d.Phone ?? before.Phone,
            LegalRepresentative = d.LegalRepresentative ?? before.LegalRepresentative,
            LaborDispatch = change.LaborDispatch ?? before.LaborDispatch,
            DispatchRiskBasis = change.LaborDispatch == false ? null : d.DispatchRiskBasis ?? before.DispatchRiskBasis,
        };
        Track(changed, "unitType", after.UnitType != before.UnitType);
        Track(changed, "economicType", after.EconomicType != before.EconomicType);
        Track(changed, "affiliation", after.Affiliation != before.Affiliation);
        Track(changed, "registrationAuthority", after.RegistrationAuthority != before.RegistrationAuthority);
        Track(changed, "establishedOn", after.EstablishedOn != before.EstablishedOn);
        Track(changed, "industry", after.Industry != before.Industry);
        Track(changed, "address", after.Address != before.Address);
        Track(changed, "phone", after.Phone != before.Phone);
        Track(changed, "legalRepresentative", after.LegalRepresentative != before.LegalRepresentative);
        Track(changed, "laborDispatch", after.LaborDispatch != before.LaborDispatch);
        Track(changed, "dispatchRiskBasis", after.DispatchRiskBasis != before.DispatchRiskBasis);
        Apply(after);
        return changed;
    }

    /// <summary>
    /// Marks the registration 预注销 on <paramref name="on"/> (第十八条: an employer that does not yet meet the conditions
    /// of deregistration — contributions or late fees unpaid, 第十七条 — is flagged, not deregistered).
    /// </summary>
    public void MarkPreDeregistered(DateOnly on)
    {
        EnsureNotDeregistered(new LocalizedText("不能再标记预注销", "it cannot be flagged for deregistration"));
        Status = EmployerStatus.PreDeregistered;
        StatusOn = on;
    }

    /// <summary>Deregisters the employer on <paramref name="on"/> (第十七、十八条); from then on it changes no more.</summary>
    public void Deregister(DateOnly on)
    {
        EnsureNotDeregistered(new LocalizedText("不能再次注销", "it cannot be deregistered again"));
        if (RegisteredOn is { } registered && on < registered)
        {
            throw new DomainValidationException("deregisteredOn", new LocalizedText(
                $"注销日期 {Guard.Iso(on)} 早于参保登记日期 {Guard.Iso(registered)}。", $"The deregistration day {Guard.Iso(on)} is before the registration day {Guard.Iso(registered)}."));
        }

        Status = EmployerStatus.Deregistered;
        StatusOn = on;
    }

    private void EnsureNotDeregistered(LocalizedText what)
    {
        if (Status == EmployerStatus.Deregistered)
        {
            throw new DomainRuleException(new LocalizedText(
                $"用人单位 {CreditCode} 已于 {(StatusOn is { } d ? Guard.Iso(d) : "")} 注销登记，{what.Zh}。",
                $"Employer {CreditCode} was deregistered on {(StatusOn is { } e ? Guard.Iso(e) : "")}; {what.En}."));
        }
    }

    private void Apply(EmployerDetails d)
    {
        if (d.DispatchRiskBasis is not null && !d.LaborDispatch)
        {
            throw new DomainValidationException("dispatchRiskBasis", new LocalizedText(
                "只有劳务派遣企业可按实际用工单位所在行业确定风险类别（第八条第二款）。",
                "Only a labour-dispatch firm takes its risk class from the industry of the employers its workers are sent to (第八条)."));
        }

        UnitType = d.UnitType;
        EconomicType = d.EconomicType;
        Affiliation = d.Affiliation;
        RegistrationAuthority = d.RegistrationAuthority;
        EstablishedOn = d.EstablishedOn;
        Industry = d.Industry;
        Address = d.Address;
        Phone = d.Phone;
        LegalRepresentativeName = d.LegalRepresentative?.Name;
        LegalRepresentativeDocumentType = d.LegalRepresentative?.DocumentType;
        LegalRepresentativeDocumentNumber = d.LegalRepresentative?.DocumentNumber;
        LegalRepresentativePhone = d.LegalRepresentative?.Phone;
        LaborDispatch = d.LaborDispatch;
        DispatchRiskBasis = d.DispatchRiskBasis;
    }

    private static void Track(List<string> changed, string item, bool differs)
    {
        if (differs)
        {
            changed.Add(item);
        }
    }

    private static IndustryRiskClass RequireRiskClass(IndustryRiskClass riskClass) =>
        riskClass.IsEmpty
            ? throw new DomainValidationException("riskClass", new LocalizedText("行业风险类别必须选择（一类至八类）。", "Industry risk class is required (1 to 8, 一类 to 八类)."))
            : riskClass;

    private static City RequireCity(City? city) =>
        city ?? throw new DomainValidationException("city", Guard.CityRequired);
}

/// <summary>
/// A change of registration (第十四条): the items given replace the registered ones; a null item stays. A credit code, when
/// given, must be the registered one (it never changes).
/// </summary>
public sealed record EmployerChange
{
    public CreditCode? CreditCode { get; init; }

    public string? Name { get; init; }

    public IndustryRiskClass? RiskClass { get; init; }

    /// <summary>The items of 第七条 to change; members left null stay as registered.</summary>
    public EmployerDetails Details { get; init; } = EmployerDetails.None;

    /// <summary>Whether the employer is (now) a labour-dispatch firm; null keeps it.</summary>
    public bool? LaborDispatch { get; init; }
}
