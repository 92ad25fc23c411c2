using Cases.Domain.Parties;

namespace Cases.Application.Parties;

/// <summary>
/// An officer registers an insured worker, optionally with their employer (规程 第十一条). With the day of employment
/// (<paramref name="EmployedOn"/>, 用工之日) the insured period is recorded too, filed today (<see cref="Employment"/>); a
/// worker whose every period has ended is registered again this way under the new employer (a change of employer:
/// 中断登记, then 参保登记 with the new one).
/// </summary>
public sealed record RegisterWorker(string? IdNumber, string? Name, string? Phone, string? EmployerCreditCode, Actor By, DateOnly? EmployedOn = null) : ICommand<WorkerView>;

public sealed class RegisterWorkerHandler(CasesDb db, IPersonalDataAccessLog accessLog, TimeProvider clock, Cases.Workflows.Calendar.CalendarStore calendars) : ICommandHandler<RegisterWorker, WorkerView>
{
    public async ValueTask<WorkerView> Handle(RegisterWorker command, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
        var id = IdNumber.Parse(command.IdNumber, today);
        Employer? employer = null;
        if (!string.IsNullOrWhiteSpace(command.EmployerCreditCode))
        {
            var code = CreditCode.Parse(command.EmployerCreditCode, "employerCreditCode");
            employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
            if (employer is null || !command.By.CanSeeCity(employer.CityCode))
            {
                throw new DomainValidationException("employerCreditCode", new LocalizedText($"本市没有登记统一社会信用代码为 {code} 的用人单位。", $"No employer with credit code {code} is registered in your city."));
            }
        }
        else if (!command.By.IsProvincial)
        {
            throw new DomainValidationException("employerCreditCode", new LocalizedText(
                "市级经办人员须将职工登记在本市的用人单位名下，请填写用人单位的统一社会信用代码。",
                "A city officer registers a worker under an employer of their city; employerCreditCode is required."));
        }

        if (command.EmployedOn is not null && employer is null)
        {
            throw new DomainValidationException("employerCreditCode", new LocalizedText("登记用工之日须同时填写用人单位的统一社会信用代码。", "employerCreditCode is required with employedOn."));
        }

        var worker = Worker.Register(id, command.Name!, command.Phone, employer?.Id);
        var employment = command.EmployedOn is { } employedOn ? await EmploymentAsync(worker.Id, employer!.Id, employedOn, today, cancellationToken) : null;
        if (employment is not null && await RehiredAsync(id, command.Name, employer!, employment, cancellationToken) is { } rehired)
        {
            return WorkerView.From(rehired, employer!.CreditCode.Value, command.By.NeedsFullIdNumbers);
        }

        await RegisterOnce.SaveAsync(db, () => RefusalAsync(id, command.By, cancellationToken), () =>
        {
            db.Workers.Add(worker);
            if (employment is not null)
            {
                db.Employments.Add(employment);
            }
        }, cancellationToken);

        return WorkerView.From(worker, employer?.CreditCode.Value, command.By.NeedsFullIdNumbers);
    }

    /// <summary>The insured period filed today, its 30 days (第十一条) counted on the working-day calendar.</summary>
    private async Task<Employment> EmploymentAsync(Guid workerId, Guid employerId, DateOnly employedOn, DateOnly today, CancellationToken ct)
    {
        // Checked before the calendar is asked, so a day after today is refused at its field, not as a missing year.
        _ = Employment.File(workerId, employerId, employedOn, today, Employment.NominalFilingDueOn(employedOn));
        var calendar = await calendars.GetAsync(db, ct);
        return Employment.File(workerId, employerId, employedOn, today, calendar.AddCalendarDays(employedOn, Employment.FilingDays));
    }

    /// <summary>
    /// A registered worker whose every insured period has ended, registered again under the same name: the new period
    /// is recorded and the new employer becomes the current one. Null when the number is free (a new worker) or the
    /// worker cannot be registered again (still employed, never filed, another name): the usual refusal answers that.
    /// </summary>
    private async Task<Worker?> RehiredAsync(IdNumber id, string? name, Employer employer, Employment filed, CancellationToken ct)
    {
        var existing = await db.Workers.SingleOrDefaultAsync(w => w.IdNumber == id, ct);
        if (existing is null || existing.Name != name?.Trim())
        {
            return null;
        }

        var periods = await db.Employments.AsNoTracking().Where(e => e.WorkerId == existing.Id).Select(e => e.EndedOn).ToListAsync(ct);
        if (periods.Count == 0 || periods.Any(ended => ended is null))
        {
            return null;
        }

        existing.EmployedBy(employer.Id);
        db.Employments.Add(Employment.File(existing.Id, employer.Id, filed.EmployedOn, filed.FiledOn, filed.FilingDueOn));
        await db.SaveChangesAsync(ct);
        return existing;
    }

    // The city of the worker's employer; "" for a worker registered without one; null when the number is not registered.
    private async Task<string?> RegisteredCityAsync(IdNumber id, CancellationToken ct)
    {
        var found = await (from w in db.Workers.AsNoTracking()
                           where w.IdNumber == id
                           join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id into es
                           from e in es.DefaultIfEmpty()
                           select new { City = e == null ? null : e.CityCode }).FirstOrDefaultAsync(ct);
        return found is null ? null : found.City ?? "";
    }

    private async Task<ConflictException?> RefusalAsync(IdNumber id, Actor by, CancellationToken ct) =>
        await RegisteredCityAsync(id, ct) is { } registeredIn ? await RefusedAsync(id, registeredIn, by, ct) : null;

    /// <summary>
    /// The one answer to a number the province's register already holds, whether under an employer of the caller's city
    /// or of another: 409, saying neither where nor whose (a read of another city's worker stays 404, 规程 第一百四十条). A
    /// 404 would tell the officer the number is free to register when it is not, and any refusal tells that the number is
    /// known somewhere in the province; what it must not tell is where. The attempt is journaled for auditors.
    /// </summary>
    private async Task<ConflictException> RefusedAsync(IdNumber id, string registeredIn, Actor by, CancellationToken ct)
    {
        await accessLog.RecordAsync([PersonalDataAccess.RefusedRegistration(clock.GetUtcNow(), by, PersonalDataAccess.Worker, id.Value, id.Masked, registeredIn)], ct);
        return new ConflictException(RegisterEmployerHandler.DuplicateMessage(id.Masked));
    }
}

/// <summary>
/// Look up one worker by identity number, within the caller's city (via the worker's employer). The full identity
/// number and phone are shown only to a role that handles cases and only with a purpose, and the view is recorded
/// (规程 第一百四十条); otherwise both are masked.
/// </summary>
public sealed record GetWorker(string IdNumber, Actor By, string? Purpose = null) : IQuery<WorkerView>;

/// <summary>The workers of one employer; identity numbers always masked in a list.</summary>
public sealed record ListWorkers(string EmployerCreditCode, Actor By) : IQuery<IReadOnlyList<WorkerView>>;

public sealed class WorkerQueryHandlers(CasesDb db, IPersonalDataAccessLog accessLog, TimeProvider clock)
    : IQueryHandler<GetWorker, WorkerView>, IQueryHandler<ListWorkers, IReadOnlyList<WorkerView>>
{
    public async ValueTask<WorkerView> Handle(GetWorker query, CancellationToken cancellationToken)
    {
        Cases.Workflows.Instances.CaseAccess.EnsureCaseStaff(query.By);
        var id = IdNumber.Parse(query.IdNumber);
        var purpose = CasePersonalData.Purpose(query.Purpose);
        var found = await (from w in db.Workers.AsNoTracking()
                           where w.IdNumber == id
                           join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id into es
                           from e in es.DefaultIfEmpty()
                           select new { Worker = w, Employer = e }).SingleOrDefaultAsync(cancellationToken);
        var visible = found is not null && (query.By.IsProvincial || (found.Employer is not null && query.By.CanSeeCity(found.Employer.CityCode)));
        if (!visible)
        {
            throw new NotFoundException(new LocalizedText($"本市没有身份证号码为 {id.Masked} 的职工。", $"No worker with identity number {id.Masked} in your city."));
        }

        var unmasked = query.By.NeedsFullIdNumbers && purpose is not null;
        if (unmasked)
        {
            var access = new PersonalDataAccess(clock.GetUtcNow(), query.By.UserName, query.By.CityCode, purpose!, id.Masked,
                found!.Worker.Phone is null ? "idNumber" : "idNumber, phone", found.Worker.Id, null)
            {
                SubjectKey = id.Value,
                SubjectCity = found.Employer?.CityCode ?? "",
            };
            await accessLog.RecordAsync([access], cancellationToken);
        }

        return WorkerView.From(found!.Worker, found.Employer?.CreditCode.Value, unmasked);
    }

    public async ValueTask<IReadOnlyList<WorkerView>> Handle(ListWorkers query, CancellationToken cancellationToken)
    {
        Cases.Workflows.Instances.CaseAccess.EnsureCaseStaff(query.By);
        var code = CreditCode.Parse(query.EmployerCreditCode, "creditCode");
        var employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (employer is null || !query.By.CanSeeCity(employer.CityCode))
        {
            throw new NotFoundException(new LocalizedText($"本市没有统一社会信用代码为 {code} 的用人单位。", $"No employer with credit code {code} in your city."));
        }

        var workers = await db.Workers.AsNoTracking().Where(w => w.EmployerId == employer.Id).OrderBy(w => w.Name).Take(1000).ToListAsync(cancellationToken);
        return workers.Select(w => WorkerView.From(w, code.Value, unmasked: false)).ToList();
    }
}
