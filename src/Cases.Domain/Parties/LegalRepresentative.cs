namespace Cases.Domain.Parties;

/// <summary>
/// The employer's legal representative or person in charge (法定代表人/负责人) with their identity document (证件类型和
/// 证件号码) and phone, as 第七条（二） registers them. The number and phone are personal data (规程 第一百四十条): every
/// view shows them masked as a worker's are.
/// </summary>
public sealed record LegalRepresentative
{
    public const int NameMaxLength = 100;
    public const int DocumentNumberMaxLength = 30;

    private LegalRepresentative(string name, IdDocumentType documentType, string documentNumber, string? phone)
    {
        Name = name;
        DocumentType = documentType;
        DocumentNumber = documentNumber;
        Phone = phone;
    }

    public string Name { get; }

    public IdDocumentType DocumentType { get; }

    /// <summary>The whole number; every view masks it (Cases.Domain.Privacy.PersonalDataMask, as a worker's number).</summary>
    public string DocumentNumber { get; }

    public string? Phone { get; }

    /// <summary>
    /// The representative, each part checked and a failure naming <c>{field}.name</c>, <c>.documentType</c>,
    /// <c>.documentNumber</c> or <c>.phone</c>. A resident identity card's number is checked with its GB 11643 check digit.
    /// </summary>
    public static LegalRepresentative Create(string? name, string? documentType, string? documentNumber, string? phone, string field = "legalRepresentative")
    {
        var checkedName = Guard.RequiredText(name, $"{field}.name", new LocalizedText("法定代表人（负责人）姓名", "Legal representative's name"), NameMaxLength);
        var type = EmployerTerms.Optional<IdDocumentType>(documentType, $"{field}.documentType", new LocalizedText("证件类型", "Document type"))
            ?? throw new DomainValidationException($"{field}.documentType", Guard.Required(new LocalizedText("法定代表人（负责人）证件类型", "Legal representative's document type")));
        var number = type == IdDocumentType.ResidentId
            ? IdNumber.Parse(documentNumber, $"{field}.documentNumber").Value
            : Guard.RequiredText(documentNumber, $"{field}.documentNumber", new LocalizedText("证件号码", "Document number"), DocumentNumberMaxLength).ToUpperInvariant();
        return new LegalRepresentative(checkedName, type, number, Worker.NormalizePhone(phone, $"{field}.phone"));
    }

    /// <summary>As stored: the columns give back what <see cref="Create"/> checked.</summary>
    public static LegalRepresentative FromStored(string name, IdDocumentType documentType, string documentNumber, string? phone) =>
        new(name, documentType, documentNumber, phone);
}
