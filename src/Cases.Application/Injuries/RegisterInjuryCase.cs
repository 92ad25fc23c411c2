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
    string? RecognitionNumber, string? Description, Actor By) : ICommand<InjuryCaseView>;

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
        var idNumber = IdNumber.Parse(command.WorkerIdNumber, "workerIdNumber");
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
        var worker = await (from w in db.Workers.AsNoTracking()
                            where w.IdNumber == idNumber
                            join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id
                            where e.CityCode == city.Code
                            select w).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainValidationException("workerIdNumber", new LocalizedText($"本市没有登记身份证号码为 {idNumber.Masked} 的参保职工（第十一条）。", $"No insured worker with identity number {idNumber.Masked} is registered in the city (第十一条)."));

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
        if (!command.By.May(Permission.RegisterParties))
        {
            throw new ForbiddenException(new LocalizedText("只有经办人员和主管可以登记康复期。", "Only officers and supervisors record a rehabilitation period."));
        }

        var injury = await db.InjuryCases.SingleOrDefaultAsync(i => i.Id == command.InjuryCaseId, cancellationToken);
        if (injury is null || !command.By.CanSeeCity(injury.CityCode))
        {
            throw InjuryCaseQueries.NotFound();
        }

        injury.ConfirmRehabilitation(
            command.StartsOn ?? throw new DomainValidationException("startsOn", new LocalizedText("请填写康复期起始日。", "startsOn is required.")),
            command.EndsOn ?? throw new DomainValidationException("endsOn", new LocalizedText("请填写康复期截止日。", "endsOn is required.")));
        await db.SaveChangesAsync(cancellationToken);
        return await mediator.Send(new GetInjuryCase(injury.Id, command.By), cancellationToken);
    }
}
