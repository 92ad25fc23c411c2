using System.Text.Json.Serialization;
using Cases.Domain.Parties;

namespace Cases.Application.Parties;

/// <summary>An employer as the API and pages show it.</summary>
public sealed record EmployerView(Guid Id, string CreditCode, string Name, int RiskClass, string RiskClassName, string City, string CityName, DateOnly? RegisteredOn)
{
    public static EmployerView From(Employer e) => new(
        e.Id, e.CreditCode.Value, e.Name, e.RiskClass.Value, e.RiskClass.NameZh, e.CityCode,
        Domain.Parties.City.TryParse(e.CityCode, out var city, out _) ? city.NameZh : e.CityCode, e.RegisteredOn);
}

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
