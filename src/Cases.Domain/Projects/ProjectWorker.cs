using Cases.Domain.Calendar;
using Cases.Domain.Parties;

namespace Cases.Domain.Projects;

/// <summary>
/// A worker of a construction project filed by real name (第十一条: 建设项目用工实行动态实名管理，建设项目单位在办理参保登记后，
/// 应在用工之日起30日内通过社会保险信息系统备案用工人员信息): who, from when, filed when, and until when. A filing after the
/// 30 days is still accepted, because the worker must be covered, and flagged late; a worker who leaves is recorded as
/// having left, never deleted (dynamic management).
/// </summary>
public sealed class ProjectWorker
{
    /// <summary>The days of 第十一条 within which a worker is filed, counted from the day of employment.</summary>
    public const int FilingDays = 30;

    private ProjectWorker() => Name = string.Empty;

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    /// <summary>The worker's identity number (personal data: shown masked, 规程 第一百四十条).</summary>
    public IdNumber IdNumber { get; private set; }

    public string Name { get; private set; }

    /// <summary>The day the worker started on the project (用工之日).</summary>
    public DateOnly EmployedOn { get; private set; }

    /// <summary>The day the filing was received.</summary>
    public DateOnly FiledOn { get; private set; }

    /// <summary>
    /// The last day of the 第十一条 period: 30 days after the day of employment (that day not counted), moved to the next
    /// working day when it is a rest day (民法典 第二百零三条).
    /// </summary>
    public DateOnly FilingDeadline { get; private set; }

    /// <summary>Filed after <see cref="FilingDeadline"/>: accepted, flagged.</summary>
    public bool FiledLate => FiledOn > FilingDeadline;

    /// <summary>The last day on the project; null while employed.</summary>
    public DateOnly? LeftOn { get; private set; }

    /// <summary>Files a worker of <paramref name="project"/> by real name (第十一条); each argument names its field on failure.</summary>
    public static ProjectWorker File(ConstructionProject project, IdNumber idNumber, string? name, DateOnly employedOn, DateOnly filedOn, WorkingDayCalendar calendar, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(calendar);
        if (idNumber.IsEmpty)
        {
            throw new DomainValidationException("idNumber", new LocalizedText("公民身份号码必须填写。", "Resident identity number is required."));
        }

        if (employedOn > filedOn)
        {
            throw new DomainValidationException("employedOn", new LocalizedText(
                $"用工日期 {Guard.Iso(employedOn)} 晚于备案日期 {Guard.Iso(filedOn)}：只能为已经用工的人员备案。",
                $"Employed on {Guard.Iso(employedOn)}, after the filing day {Guard.Iso(filedOn)}: only a worker already employed is filed."));
        }

        if (employedOn < project.ContractStartsOn || employedOn > project.TermEndsOn)
        {
            throw new DomainValidationException("employedOn", new LocalizedText(
                $"用工日期 {Guard.Iso(employedOn)} 不在项目工期（{Guard.Iso(project.ContractStartsOn)} 至 {Guard.Iso(project.TermEndsOn)}）之内（第九条）。",
                $"Employed on {Guard.Iso(employedOn)}, outside the project's period {Guard.Iso(project.ContractStartsOn)} to {Guard.Iso(project.TermEndsOn)} (第九条)."));
        }

        return new ProjectWorker
        {
            Id = Guard.NewIdOr(id, "id"),
            ProjectId = project.Id,
            IdNumber = idNumber,
            Name = Guard.RequiredText(name, "name", new LocalizedText("姓名", "Name"), Worker.NameMaxLength),
            EmployedOn = employedOn,
            FiledOn = filedOn,
            FilingDeadline = calendar.AddCalendarDays(employedOn, FilingDays),
        };
    }

    /// <summary>Records the worker's last day on the project (停止用工, 第十一条).</summary>
    public void Leave(DateOnly leftOn)
    {
        if (LeftOn is { } already)
        {
            throw new DomainRuleException(new LocalizedText(
                $"该人员已于 {Guard.Iso(already)} 离开项目。", $"The worker already left the project on {Guard.Iso(already)}."));
        }

        if (leftOn < EmployedOn)
        {
            throw new DomainValidationException("leftOn", new LocalizedText(
                $"离场日期 {Guard.Iso(leftOn)} 早于用工日期 {Guard.Iso(EmployedOn)}。",
                $"Left on {Guard.Iso(leftOn)}, before being employed on {Guard.Iso(EmployedOn)}."));
        }

        LeftOn = leftOn;
    }
}
