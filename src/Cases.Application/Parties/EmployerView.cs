using System.Text.Json.Serialization;
using Cases.Domain.Parties;

namespace Cases.Application.Parties;

/// <summary>
/// An employer as the API and pages show it: the items of 第七条, its risk class (第八条) and the state of its registration
/// (第十八条). The legal representative's document number and phone are personal data and always masked here
/// (规程 第一百四十条), as a worker's number is in a list.
/// </summary>
public sealed record EmployerView(Guid Id, string CreditCode, string Name, int RiskClass, string RiskClassName, string City, string CityName, DateOnly? RegisteredOn)
{
    public TermView? UnitType { get; init; }

    public TermView? EconomicType { get; init; }

    public TermView? Affiliation { get; init; }

    public TermView? RegistrationAuthority { get; init; }

    public DateOnly? EstablishedOn { get; init; }

    public string? Industry { get; init; }

    public string? Address { get; init; }

    public string? Phone { get; init; }

    public LegalRepresentativeView? LegalRepresentative { get; init; }

    public bool LaborDispatch { get; init; }

    public string? DispatchRiskBasis { get; init; }

    public TermView Status { get; init; } = TermView.Of(EmployerStatus.Active);

    public DateOnly? StatusOn { get; init; }

    public static EmployerView From(Employer e) => new(
        e.Id, e.CreditCode.Value, e.Name, e.RiskClass.Value, e.RiskClass.NameZh, e.CityCode,
        Domain.Parties.City.TryParse(e.CityCode, out var city, out _) ? city.NameZh : e.CityCode, e.RegisteredOn)
    {
        UnitType = TermView.Of(e.UnitType),
        EconomicType = TermView.Of(e.EconomicType),
        Affiliation = TermView.Of(e.Affiliation),
        RegistrationAuthority = TermView.Of(e.RegistrationAuthority),
        EstablishedOn = e.EstablishedOn,
        Industry = e.Industry,
        Address = e.Address,
        Phone = e.Phone is null ? null : Cases.Domain.Privacy.PersonalDataMask.Phone(e.Phone),
        LegalRepresentative = e.LegalRepresentative is { } rep ? new LegalRepresentativeView(rep.Name, TermView.Of(rep.DocumentType), Cases.Domain.Privacy.PersonalDataMask.IdNumber(rep.DocumentNumber), true, rep.Phone is null ? null : Cases.Domain.Privacy.PersonalDataMask.Phone(rep.Phone)) : null,
        LaborDispatch = e.LaborDispatch,
        DispatchRiskBasis = e.DispatchRiskBasis,
        Status = TermView.Of(e.Status),
        StatusOn = e.StatusOn,
    };
}

/// <summary>A member of a closed vocabulary: its code and its label in both languages.</summary>
public sealed record TermView(string Code, string NameZh, string NameEn)
{
    public static TermView Of<T>(T value) where T : struct, Enum
    {
        var label = EmployerTerms.Label(value);
        return new(EmployerTerms.Code(value), label.Zh, label.En);
    }

    public static TermView? Of<T>(T? value) where T : struct, Enum => value is { } v ? Of(v) : null;
}

/// <summary>The legal representative (第七条（二）), number and phone masked.</summary>
public sealed record LegalRepresentativeView(string Name, TermView DocumentType, string DocumentNumber, bool DocumentNumberMasked, string? Phone);

/// <summary>
/// A worker as the API and pages show it. The identity number and phone are masked unless the caller's role needs
/// them (规程 第一百四十条: personal data only to those whose duty requires it). The birth date and sex are the
/// number's 7th to 14th and 17th digits: beside a masked number they would give back what the mask hides, so they are
/// shown only with the whole number and left out of the answer otherwise.
/// </summary>
public sealed record WorkerView(
    Guid Id, string IdNumber, bool IdNumberMasked, string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? BirthDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sex,
    string? Phone, string? EmployerCreditCode)
{
    public static WorkerView From(Worker w, string? employerCreditCode, bool unmasked) => new(
        w.Id,
        unmasked ? w.IdNumber.Value : w.IdNumber.Masked,
        !unmasked,
        w.Name,
        unmasked ? w.BirthDate : null,
        unmasked ? (w.Sex == Domain.Parties.Sex.Female ? "female" : "male") : null,
        unmasked ? w.Phone : w.MaskedPhone,
        employerCreditCode);
}
