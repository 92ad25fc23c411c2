using Cases.Domain.Injuries;

namespace Cases.Application.Injuries;

/// <summary>
/// An injury case as the API and pages show it: the injury, its recognition decision, the worker (by name, the number
/// masked as in every list) and employer, the rehabilitation period, the appraisal, and the end of the employment with
/// the first day the fund pays no further treatment (第六十条; null while it pays, or kept for a medical dependency).
/// </summary>
public sealed record InjuryCaseView(
    Guid Id, string City, string CityName,
    Guid WorkerId, string WorkerName, string WorkerIdNumber,
    Guid EmployerId, string EmployerName, string EmployerCreditCode,
    DateOnly InjuredOn, DateOnly? RecognizedOn, string? RecognitionNumber, string? Description,
    DateOnly? RehabStartsOn, DateOnly? RehabEndsOn, DateOnly? RehabOriginallyEndsOn,
    int? DisabilityGrade, DateOnly? AppraisedOn,
    SelfCareLevel? SelfCareLevel = null, IReadOnlyList<InjuryAppraisalView>? Appraisals = null,
    DateOnly? EmploymentEndedOn = null, bool KeepsMedicalTreatment = false, DateOnly? FundTreatmentEndsFrom = null)
{
    internal static InjuryCaseView From(
        InjuryCase i, string workerName, string workerIdNumber, string employerName, string employerCreditCode, IReadOnlyList<InjuryAppraisalView>? appraisals = null) => new(
        i.Id, i.CityCode, Domain.Parties.City.TryParse(i.CityCode, out var city, out _) ? city.NameZh : i.CityCode,
        i.WorkerId, workerName, workerIdNumber, i.EmployerId, employerName, employerCreditCode,
        i.InjuryOn, i.RecognizedOn, i.RecognitionNumber, i.Description,
        i.RehabStartsOn, i.RehabEndsOn, i.RehabOriginallyEndsOn,
        i.DisabilityGrade is { IsEmpty: false } grade ? grade.Value : null, i.AppraisedOn,
        i.AppraisedOn is null ? null : i.SelfCareLevel, appraisals,
        i.EmploymentEndedOn, i.KeepsMedicalTreatment, i.FundTreatmentEndsFrom);
}

/// <summary>
/// One appraisal conclusion recorded on the injury case (第七十八条: the latest is the one benefits follow; the earlier
/// ones are kept): the grade (null: none reached), the self-care level, the day, the number, who recorded it and when,
/// and the case whose step wrote it (null: recorded on the injury case).
/// </summary>
public sealed record InjuryAppraisalView(
    int? DisabilityGrade, SelfCareLevel SelfCareLevel, DateOnly AppraisedOn, string? ConclusionNumber, DateTimeOffset RecordedAt, string RecordedBy, Guid? CaseId);

/// <summary>One page of injury cases, newest injury first, and the cursor of the next (null on the last).</summary>
public sealed record InjuryCasePage(IReadOnlyList<InjuryCaseView> Items, string? Next);
