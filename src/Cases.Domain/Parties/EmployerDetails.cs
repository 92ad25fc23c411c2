namespace Cases.Domain.Parties;

/// <summary>
/// The registration items of 第七条 beyond the name, the credit code and the risk class: 单位类型、经济类型、隶属关系、
/// 登记机关、成立日期、所属行业、联系地址及联系方式, the legal representative (第七条（二）), and for a labour-dispatch firm
/// (劳务派遣, 第八条第二款) the basis on which its risk class follows the industry of the employers its workers are sent to.
/// Each is optional at registration (an older register row has none); <see cref="Parse"/> checks what is given.
/// </summary>
public sealed record EmployerDetails
{
    public const int IndustryMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int DispatchBasisMaxLength = 1000;

    public UnitType? UnitType { get; init; }

    public EconomicType? EconomicType { get; init; }

    public Affiliation? Affiliation { get; init; }

    public RegistrationAuthority? RegistrationAuthority { get; init; }

    public DateOnly? EstablishedOn { get; init; }

    /// <summary>所属行业, e.g. 「房屋建筑业」 (the national classification of industries, GB/T 4754).</summary>
    public string? Industry { get; init; }

    public string? Address { get; init; }

    /// <summary>Digits only.</summary>
    public string? Phone { get; init; }

    public LegalRepresentative? LegalRepresentative { get; init; }

    /// <summary>劳务派遣企业 (第八条第二款).</summary>
    public bool LaborDispatch { get; init; }

    /// <summary>
    /// For a labour-dispatch firm: which employers' industry set its risk class (被派遣劳动者实际用工单位所在行业, or that of
    /// most of them), as 第八条第二款 allows; null otherwise.
    /// </summary>
    public string? DispatchRiskBasis { get; init; }

    public static EmployerDetails None { get; } = new();

    /// <summary>
    /// The items as typed (codes of the vocabularies), each checked; a failure names its field. That only a dispatch firm
    /// records a dispatch basis is the register's rule (<see cref="Employer"/>), checked against the employer as it will be.
    /// </summary>
    public static EmployerDetails Parse(EmployerInput input, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.EstablishedOn is { } established && today is { } t && established > t)
        {
            throw new DomainValidationException("establishedOn", new LocalizedText(
                $"成立日期 {Guard.Iso(established)} 晚于今天 {Guard.Iso(t)}。", $"establishedOn {Guard.Iso(established)} is after today {Guard.Iso(t)}."));
        }

                var basis = TextInput.Optional(input.DispatchRiskBasis, "dispatchRiskBasis", new LocalizedText("劳务派遣企业风险类别确定依据", "Basis of a dispatch firm's risk class"), DispatchBasisMaxLength, lineBreaks: true);
        var rep = input.LegalRepresentativeName is null && input.LegalRepresentativeDocumentType is null && input.LegalRepresentativeDocumentNumber is null && input.LegalRepresentativePhone is null
            ? null
            : LegalRepresentative.Create(input.LegalRepresentativeName, input.LegalRepresentativeDocumentType, input.LegalRepresentativeDocumentNumber, input.LegalRepresentativePhone);
        return new EmployerDetails
        {
            UnitType = EmployerTerms.Optional<UnitType>(input.UnitType, "unitType", new LocalizedText("单位类型", "Unit type")),
            EconomicType = EmployerTerms.Optional<EconomicType>(input.EconomicType, "economicType", new LocalizedText("经济类型", "Economic type")),
            Affiliation = EmployerTerms.Optional<Affiliation>(input.Affiliation, "affiliation", new LocalizedText("隶属关系", "Affiliation")),
            RegistrationAuthority = EmployerTerms.Optional<RegistrationAuthority>(input.RegistrationAuthority, "registrationAuthority", new LocalizedText("登记机关", "Registration authority")),
            EstablishedOn = input.EstablishedOn,
            Industry = TextInput.Optional(input.Industry, "industry", new LocalizedText("所属行业", "Industry"), IndustryMaxLength),
            Address = TextInput.Optional(input.Address, "address", new LocalizedText("联系地址", "Address"), AddressMaxLength),
            Phone = Worker.NormalizePhone(input.Phone),
            LegalRepresentative = rep,
            LaborDispatch = input.LaborDispatch ?? false,
            DispatchRiskBasis = basis,
        };
    }
}

/// <summary>The registration items of <see cref="EmployerDetails"/> as a form or the API gives them: codes and text, unchecked.</summary>
public sealed record EmployerInput
{
    public string? UnitType { get; init; }

    public string? EconomicType { get; init; }

    public string? Affiliation { get; init; }

    public string? RegistrationAuthority { get; init; }

    public DateOnly? EstablishedOn { get; init; }

    public string? Industry { get; init; }

    public string? Address { get; init; }

    public string? Phone { get; init; }

    public string? LegalRepresentativeName { get; init; }

    public string? LegalRepresentativeDocumentType { get; init; }

    public string? LegalRepresentativeDocumentNumber { get; init; }

    public string? LegalRepresentativePhone { get; init; }

    public bool? LaborDispatch { get; init; }

    public string? DispatchRiskBasis { get; init; }
}
