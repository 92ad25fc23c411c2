using Cases.Domain.Parties;

namespace Cases.Application.Parties;

/// <summary>
/// An officer records that a worker's employment stopped (参保人员中断（退休）登记, 规程 第十一条: 应在停止用工的当月办理):
/// the open insured period ends on <paramref name="EndedOn"/> with its kind, filed today. The worker stays under that
/// employer until registered with the next one.
/// </summary>
public sealed record EndEmployment(string? IdNumber, DateOnly? EndedOn, string? Kind, Actor By) : ICommand<EmploymentView>;

/// <summary>One insured period as the API and pages show it.</summary>
/// <param name="Id">The period.</param>
/// <param name="EmployerCreditCode">The employer's credit code.</param>
/// <param name="EmployerName">The employer's registered name.</param>
/// <param name="EmployedOn">用工之日.</param>
/// <param name="FiledOn">参保登记 day.</param>
/// <param name="FilingDueOn">The last day of the 30 days of 第十一条.</param>
/// <param name="FilingDaysLate">逾期登记 N 日; 0 when on time.</param>
/// <param name="EndedOn">The last day of employment; null while employed.</param>
/// <param name="EndKind">"interrupted" (中断) or "retired" (退休); null while employed.</param>
/// <param name="EndFiledOn">The day the end was filed.</param>
/// <param name="EndFiledLate">The end was filed after the month employment stopped.</param>
public sealed record EmploymentView(Guid Id, string EmployerCreditCode, string EmployerName, DateOnly EmployedOn, DateOnly FiledOn, DateOnly FilingDueOn,
    int FilingDaysLate, DateOnly? EndedOn, string? EndKind, DateOnly? EndFiledOn, bool EndFiledLate)
{
    public static EmploymentView From(Employment e, Employer employer) => new(
        e.Id, employer.CreditCode.Value, employer.Name, e.EmployedOn, e.FiledOn, e.FilingDueOn, e.FilingDaysLate, e.EndedOn, EndKinds.Name(e.EndKind), e.EndFiledOn, e.EndFiledLate);
}

/// <summary>The kinds of end as the API writes and reads them.</summary>
public static class EndKinds
{
    public const string Interrupted = "interrupted";

    public const string Retired = "retired";

    public static string? Name(EmploymentEndKind? kind) => kind switch
    {
        EmploymentEndKind.Interrupted => Interrupted,
        EmploymentEndKind.Retired => Retired,
        _ => null,
    };

    public static EmploymentEndKind? Parse(string? kind) => kind?.Trim() switch
    {
        Interrupted or "中断" => EmploymentEndKind.Interrupted,
        Retired or "退休" => EmploymentEndKind.Retired,
        null or "" => null,
        _ => throw new DomainValidationException("kind", new LocalizedText("终止类型应为 interrupted（中断）或 retired（退休）。", "kind must be interrupted (中断) or retired (退休).")),
    };
}

public sealed class EndEmploymentHandler(CasesDb db, TimeProvider clock) : ICommandHandler<EndEmployment, EmploymentView>
{
    public async ValueTask<EmploymentView> Handle(EndEmployment command, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
        var id = IdNumber.Parse(command.IdNumber, today, "idNumber");
        var kind = EndKinds.Parse(command.Kind);
        var endedOn = command.EndedOn ?? throw new DomainValidationException("endedOn", new LocalizedText("请填写停止用工日（endedOn）。", "endedOn is required."));
        var found = await (from w in db.Workers.AsNoTracking()
                           where w.IdNumber == id
                           join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id into es
                           from e in es.DefaultIfEmpty()
                           select new { w.Id, City = e == null ? null : e.CityCode }).SingleOrDefaultAsync(cancellationToken);
        // Another city's worker answers exactly like a missing one (规程 第一百四十条).
        if (found is null || !(command.By.IsProvincial || (found.City is not null && command.By.CanSeeCity(found.City))))
        {
            throw new NotFoundException(new LocalizedText($"本市没有身份证号码为 {id.Masked} 的职工。", $"No worker with identity number {id.Masked} in your city."));
        }

        var open = await db.Employments.Where(e => e.WorkerId == found.Id && e.EndedOn == null).OrderByDescending(e => e.EmployedOn).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainRuleException(new LocalizedText(
                $"职工 {id.Masked} 没有在保的参保期间，无需办理中断（退休）登记。", $"Worker {id.Masked} has no open insured period to end."));
        open.End(endedOn, kind, today);
        await db.SaveChangesAsync(cancellationToken);
        var employer = await db.Employers.AsNoTracking().SingleAsync(e => e.Id == open.EmployerId, cancellationToken);
        return EmploymentView.From(open, employer);
    }
}
