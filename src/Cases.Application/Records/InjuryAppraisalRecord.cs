using Cases.Domain.Injuries;

namespace Cases.Application.Records;

/// <summary>
/// One appraisal conclusion (劳动能力鉴定结论) as it was recorded on an injury case. The injury case holds the latest
/// (a re-appraisal replaces it, 第七十八条: benefits follow the new conclusion from the next month), while every earlier
/// one stays here, so what the first conclusion said — and who recorded it, when, from which case — is never lost
/// (规程 第一百二十条: 留痕可溯).
/// </summary>
public sealed class InjuryAppraisalRecord
{
    /// <summary>Longest conclusion number accepted (e.g. 济劳鉴字〔2025〕第0456号).</summary>
    public const int ConclusionNumberMaxLength = 60;

    public Guid Id { get; set; }

    public Guid InjuryCaseId { get; set; }

    /// <summary>1 (一级) to 10 (十级); null when the committee found no disability grade.</summary>
    public int? DisabilityGrade { get; set; }

    public SelfCareLevel SelfCareLevel { get; set; }

    public DateOnly AppraisedOn { get; set; }

    /// <summary>The conclusion's number as the committee issued it, when it was given.</summary>
    public string? ConclusionNumber { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";

    /// <summary>The case whose step wrote it (update-register), or null when an officer recorded it on the injury case.</summary>
    public Guid? CaseId { get; set; }
}
