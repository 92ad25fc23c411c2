using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Workflows.Runtime;

namespace Cases.Application.Injuries;

/// <summary>
/// An officer registers an injury case as the recognition department decided it (工伤认定决定书): the insured worker and
/// employer, both registered in the city, the day of the injury and of the decision, the decision's number. Every
/// procedure about the injury (rehabilitation, transfer, advance payment, third-party top-up, benefits) starts from it.
/// </summary>
public sealed record RegisterInjuryCase(
    string? City, string? WorkerIdNumber, string? EmployerCreditCode, DateOnly? InjuredOn, DateOnly? RecognizedOn,
    string? RecognitionNumber, string? Description, Actor By, Guid? WorkerId = null) : ICommand<InjuryCaseView>
{
    // Injury pages: the registration page picks the worker from the city's register (WorkerId) and never holds the whole
    // identity number (规程 第一百四十条); the API names the worker by the number.
}

public sealed class RegisterInjuryCaseHandler(CasesDb db, TimeProvider clock, Cases.Workflows.Persistence.ProgressWriter writer, Cases.Workflows.Persistence.DefinitionStore definitions)
    : ICommandHandler<RegisterInjuryCase, InjuryCaseView>
{
    public async ValueTask<InjuryCaseView> Handle(RegisterInjuryCase command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.RegisterParties))
        {
            throw new ForbiddenException(new LocalizedText("只有经办人员和主管可以登记工伤案件。", "Only officers and supervisors register injury cases."));
        }

        var city = City.Parse(command.City);
        if (!command.By.CanSeeCity(city.Code))
        {
            throw new ForbiddenException(new LocalizedText($"您属于 {command.By.CityCode} 经办机构，不能在 {city.Code} 登记工伤案件。", $"You work for city {command.By.CityCode} and cannot register an injury case in {city.Code}."));
        }

        var today = Domain.Calendar.ChinaTime.DateOf(clock.GetUtcNow());
        IdNumber? idNumber = command.WorkerId is null ? IdNumber.Parse(command.WorkerIdNumber, "workerIdNumber") : null;
        var code = CreditCode.Parse(command.EmployerCreditCode, "employerCreditCode");
        var injuredOn = command.InjuredOn ?? throw new DomainValidationException("injuredOn", new LocalizedText("请填写受伤日期。", "injuredOn is required."));
        var recognizedOn = command.RecognizedOn ?? throw new DomainValidationException("recognizedOn", new LocalizedText("请填写工伤认定日期。", "recognizedOn is required."));
        foreach (var (field, day, label) in new[] { ("injuredOn", injuredOn, new LocalizedText("受伤日期", "injuredOn")), ("recognizedOn", recognizedOn, new LocalizedText("工伤认定日期", "recognizedOn")) })
        {
            if (day > today)
            {
                var (d, t) = (Clocks.Format(day), Clocks.Format(today));
                throw new DomainValidationException(field, new LocalizedText($"{label.Zh} {d} 晚于今天（{t}）。", $"{label.En} {d} is after today ({t})."));
            }
        }

        var employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code && e.CityCode == city.Code, cancellationToken)
            ?? throw new DomainValidationException("employerCreditCode", new LocalizedText($"本市没有登记统一社会信用代码为 {code} 的用人单位。", $"No employer with credit code {code} is registered in the city."));
        // Injury pages: an employer deregistered (第十七、十八条) opens no new work, but an injury on or before the day it
        // closed stays registrable — the claim survives the employer, whose liquidation owes the benefits (第十九条).
        if (employer.Status == EmployerStatus.Deregistered && employer.StatusOn is { } closed && injuredOn > closed)
        {
            var (c, i) = (Clocks.Format(closed), Clocks.Format(injuredOn));
            throw new DomainValidationException("employerCreditCode", new LocalizedText(
                $"用人单位 {employer.Name}（{code}）已注销，已于 {c} 注销登记（第十七、十八条）；{i} 的受伤在注销之后，不能登记工伤案件。注销之日及以前发生的工伤仍可登记（第十九条）。",
                $"Employer {employer.Name} ({code}) was deregistered (已注销) on {c} (第十七、十八条); an injury on {i} is after it and is not registered. Injuries up to that day remain registrable (第十九条)."));
        }

        var byNumber = idNumber.GetValueOrDefault();
        var workers = from w in db.Workers.AsNoTracking()
                      join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id
                      where e.CityCode == city.Code
                      select w;
        var worker = (command.WorkerId is { } workerId
                ? await workers.Where(w => w.Id == workerId).SingleOrDefaultAsync(cancellationToken)
                : await workers.Where(w => w.IdNumber == byNumber).SingleOrDefaultAsync(cancellationToken))
            ?? throw (idNumber is { } number
                ? new DomainValidationException("workerIdNumber", new LocalizedText($"本市没有登记身份证号码为 {number.Masked} 的参保职工（第十一条）。", $"No insured worker with identity number {number.Masked} is registered in the city (第十一条)."))
                : new DomainValidationException("workerId", new LocalizedText("本市没有登记这名参保职工（第十一条）。", "No such insured worker is registered in the city (第十一条).")));

        var injury = InjuryCase.Open(worker.Id, employer.Id, city, injuredOn);
        injury.RecordRecognition(recognizedOn, command.RecognitionNumber, command.Description);
        if (await db.InjuryCases.AnyAsync(i => i.RecognitionNumber == injury.RecognitionNumber, cancellationToken))
        {
            throw Duplicate(injury.RecognitionNumber!);
        }

        db.InjuryCases.Add(injury);
        // Unlinked cases (docs/adr/0017): the cases of the city opened before the register whose text is this decision's
        // number are linked to it in the same transaction — registered and linked, or neither.
        await Linking.LegacyInjuryCases.LinkMatchingAsync(db, writer, definitions, null, injury, command.By, "registration", clock.GetUtcNow(), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (await RacedAsync(injury.RecognitionNumber!, cancellationToken))
            {
                throw Duplicate(injury.RecognitionNumber!);
            }

            throw;
        }

        return InjuryCaseView.From(injury, worker.Name, worker.IdNumber.Masked, employer.Name, employer.CreditCode.Value);
    }

    // Two officers registering the same decision at once: the unique index refused the second, which answers as the check does.
    private async Task<bool> RacedAsync(string number, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.InjuryCases.AsNoTracking().AnyAsync(i => i.RecognitionNumber == number, ct);
    }

    // One decision, one injury case, province-wide: saying so tells neither the city nor the worker.
    private static ConflictException Duplicate(string number) => new(new LocalizedText(
        $"工伤认定决定书 {number} 已经登记过工伤案件，不能重复登记。",
        $"An injury case is already registered for recognition decision {number}; it is not registered twice."));
}

/// <summary>The appraisal committee confirmed the rehabilitation period (第四十三条): it is recorded on the injury case.</summary>
public sealed record ConfirmRehabilitation(Guid InjuryCaseId, DateOnly? StartsOn, DateOnly? EndsOn, Actor By) : ICommand<InjuryCaseView>;

public sealed class ConfirmRehabilitationHandler(CasesDb db, IMediator mediator) : ICommandHandler<ConfirmRehabilitation, InjuryCaseView>
{
    public async ValueTask<InjuryCaseView> Handle(ConfirmRehabilitation command, CancellationToken cancellationToken)
    {
        var injury = await InjuryCaseQueries.ToRecordOnAsync(db, command.InjuryCaseId, command.By,
            new LocalizedText("只有经办人员和主管可以登记康复期。", "Only officers and supervisors record a rehabilitation period."), cancellationToken);

        injury.ConfirmRehabilitation(
            command.StartsOn ?? throw new DomainValidationException("startsOn", new LocalizedText("请填写康复期起始日。", "startsOn is required.")),
            command.EndsOn ?? throw new DomainValidationException("endsOn", new LocalizedText("请填写康复期截止日。", "endsOn is required.")));
        await db.SaveChangesAsync(cancellationToken);
        return await mediator.Send(new GetInjuryCase(injury.Id, command.By), cancellationToken);
    }
}
