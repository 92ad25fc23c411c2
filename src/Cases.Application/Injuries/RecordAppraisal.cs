using Cases.Domain.Injuries;
using Cases.Workflows.Runtime;

namespace Cases.Application.Injuries;

/// <summary>
/// An officer records the labour capacity appraisal committee's conclusion (劳动能力鉴定结论) on the injury case: the
/// disability grade (一级至十级, or none reached), the self-care impairment level, the day it was made and its number.
/// A re-appraisal (再次鉴定、复查鉴定) replaces the conclusion benefits follow (第七十八条); the earlier one stays in the
/// history, with who recorded it and when.
/// </summary>
/// <param name="InjuryCaseId">The injury case of the caller's city.</param>
/// <param name="DisabilityGrade">1 (一级) to 10 (十级); null when no grade was reached.</param>
/// <param name="SelfCareLevel">none, partial, major or complete (生活自理障碍: 无、部分、大部分、完全不能自理).</param>
/// <param name="AppraisedOn">The day the conclusion was made.</param>
/// <param name="ConclusionNumber">The conclusion's number, when given.</param>
/// <param name="By">Who records it.</param>
public sealed record RecordAppraisal(
    Guid InjuryCaseId, int? DisabilityGrade, string? SelfCareLevel, DateOnly? AppraisedOn, string? ConclusionNumber, Actor By) : ICommand<InjuryCaseView>;

public sealed class RecordAppraisalHandler(CasesDb db, TimeProvider clock, IMediator mediator) : ICommandHandler<RecordAppraisal, InjuryCaseView>
{
    /// <summary>The self-care levels as the API and the form name them.</summary>
    public static readonly IReadOnlyDictionary<string, SelfCareLevel> Levels = new Dictionary<string, SelfCareLevel>(StringComparer.Ordinal)
    {
        ["none"] = SelfCareLevel.None, ["partial"] = SelfCareLevel.Partial, ["major"] = SelfCareLevel.Major, ["complete"] = SelfCareLevel.Complete,
    };

    public async ValueTask<InjuryCaseView> Handle(RecordAppraisal command, CancellationToken cancellationToken)
    {
        var injury = await InjuryCaseQueries.ToRecordOnAsync(db, command.InjuryCaseId, command.By,
            new LocalizedText("只有经办人员和主管可以登记劳动能力鉴定结论。", "Only officers and supervisors record an appraisal conclusion."), cancellationToken);

        DisabilityGrade? grade = command.DisabilityGrade is { } value ? Domain.Injuries.DisabilityGrade.From(value, "disabilityGrade") : null;
        var level = ParseLevel(command.SelfCareLevel, "selfCareLevel");
        var appraisedOn = command.AppraisedOn ?? throw new DomainValidationException("appraisedOn", new LocalizedText("请填写鉴定结论作出日期。", "appraisedOn is required."));
        var today = Domain.Calendar.ChinaTime.DateOf(clock.GetUtcNow());
        if (appraisedOn > today)
        {
            var (d, t) = (Clocks.Format(appraisedOn), Clocks.Format(today));
            throw new DomainValidationException("appraisedOn", new LocalizedText($"鉴定日期 {d} 晚于今天（{t}）。", $"appraisedOn {d} is after today ({t})."));
        }

        var number = TextInput.Optional(command.ConclusionNumber, "conclusionNumber", new LocalizedText("鉴定结论书编号", "Conclusion number"), InjuryAppraisalRecord.ConclusionNumberMaxLength);
        injury.RecordAppraisal(grade, level, appraisedOn);
        db.InjuryAppraisals.Add(History(injury, number, command.By.UserName, clock.GetUtcNow(), null));
        await db.SaveChangesAsync(cancellationToken);
        return await mediator.Send(new GetInjuryCase(injury.Id, command.By), cancellationToken);
    }

    /// <summary>A self-care level as named (none, partial, major, complete), or a refusal naming <paramref name="field"/>.</summary>
    public static SelfCareLevel ParseLevel(string? text, string field) =>
        string.IsNullOrWhiteSpace(text)
            ? throw new DomainValidationException(field, new LocalizedText("请选择生活自理障碍程度。", "selfCareLevel is required."))
            : Levels.TryGetValue(text.Trim(), out var level)
                ? level
                : throw new DomainValidationException(field, new LocalizedText(
                    "生活自理障碍程度应为 none（无）、partial（部分不能自理）、major（大部分不能自理）或 complete（完全不能自理）之一。",
                    "selfCareLevel must be one of none, partial, major, complete."));

    /// <summary>The history row of the conclusion the injury case now holds (第七十八条 keeps the earlier ones).</summary>
    public static InjuryAppraisalRecord History(InjuryCase injury, string? number, string by, DateTimeOffset at, Guid? caseId) => new()
    {
        Id = Guid.NewGuid(),
        InjuryCaseId = injury.Id,
        DisabilityGrade = injury.DisabilityGrade is { IsEmpty: false } g ? g.Value : null,
        SelfCareLevel = injury.SelfCareLevel,
        AppraisedOn = injury.AppraisedOn ?? throw new InvalidOperationException("The injury case holds no appraisal."),
        ConclusionNumber = number,
        RecordedAt = at,
        RecordedBy = by,
        CaseId = caseId,
    };
}
