using Cases.Domain.Injuries;

namespace Cases.Application.Injuries;

/// <summary>
/// An injury case as the API and pages show it: the injury, its recognition decision, the worker (by name, the number
/// masked as in every list) and employer, the rehabilitation period and the appraisal.
/// </summary>
public sealed record InjuryCaseView(
    Guid Id, string City, string CityName,
    Guid WorkerId, string WorkerName, string WorkerIdNumber,
    Guid EmployerId, string EmployerName, string EmployerCreditCode,
    DateOnly InjuredOn, DateOnly? RecognizedOn, string? RecognitionNumber, string? Description,
    DateOnly? RehabStartsOn, DateOnly? RehabEndsOn, DateOnly? RehabOriginallyEndsOn,
    int? DisabilityGrade, DateOnly? AppraisedOn)
{
    internal static InjuryCaseView From(InjuryCase i, string workerName, string workerIdNumber, string employerName, string employerCreditCode) => new(
        i.Id, i.CityCode, Domain.Parties.City.TryParse(i.CityCode, out var city, out _) ? city.NameZh : i.CityCode,
        i.WorkerId, workerName, workerIdNumber, i.EmployerId, employerName, employerCreditCode,
        i.InjuryOn, i.RecognizedOn, i.RecognitionNumber, i.Description,
        i.RehabStartsOn, i.RehabEndsOn, i.RehabOriginallyEndsOn,
        i.DisabilityGrade is { IsEmpty: false } grade ? grade.Value : null, i.AppraisedOn);
}

/// <summary>One page of injury cases, newest injury first, and the cursor of the next (null on the last).</summary>
public sealed record InjuryCasePage(IReadOnlyList<InjuryCaseView> Items, string? Next);
