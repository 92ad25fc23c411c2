using Cases.Domain.Parties;

namespace Cases.Application.Parties;

/// <summary>An officer registers an employer for work-injury insurance (规程 第六条、第七条、第八条).</summary>
/// <remarks>
/// <see cref="Details"/> carries the other items of 第七条 (unit and economic type, affiliation, registration authority,
/// establishment, industry, address, phone, legal representative) and the labour-dispatch basis of 第八条第二款. The
/// procedure employer-registration registers through the same rules (<see cref="EmployerRegisterWriter"/>).
/// </remarks>
public sealed record RegisterEmployer(string? CreditCode, string? Name, int? RiskClass, string? City, DateOnly? RegisteredOn, Actor By, EmployerInput? Details = null) : ICommand<EmployerView>;

public sealed class RegisterEmployerHandler(CasesDb db, IPersonalDataAccessLog accessLog, TimeProvider clock) : ICommandHandler<RegisterEmployer, EmployerView>
{
    public async ValueTask<EmployerView> Handle(RegisterEmployer command, CancellationToken cancellationToken)
    {
        // Each parse throws a DomainValidationException naming its field; nothing is written before all pass.
        var code = CreditCode.Parse(command.CreditCode);
        var city = City.Parse(command.City);
        var risk = IndustryRiskClass.From(command.RiskClass ?? throw new DomainValidationException("riskClass", new LocalizedText("请选择行业风险类别（一类至八类，即 1 至 8）。", "riskClass is required (1 to 8, 一类 to 八类).")));
        if (!command.By.CanSeeCity(city.Code))
        {
            throw new ForbiddenException(new LocalizedText(
                $"您所在的城市为 {command.By.CityCode}，不能在 {city.Code} 登记用人单位。",
                $"You work for city {command.By.CityCode} and cannot register an employer in {city.Code}."));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
        var details = command.Details is null ? null : EmployerDetails.Parse(command.Details, today);
        var employer = Employer.Register(code, command.Name!, risk, city, command.RegisteredOn, details: details);
        await RegisterOnce.SaveAsync(db, () => RefusalAsync(code, command.By, cancellationToken), () => db.Employers.Add(employer), cancellationToken);

        return EmployerView.From(employer);
    }

    internal Task<string?> RegisteredCityAsync(CreditCode code, CancellationToken ct) =>
        db.Employers.AsNoTracking().Where(e => e.CreditCode == code).Select(e => (string?)e.CityCode).FirstOrDefaultAsync(ct);

    private async Task<ConflictException?> RefusalAsync(CreditCode code, Actor by, CancellationToken ct) =>
        await RegisteredCityAsync(code, ct) is { } registeredIn ? await RefusedAsync(code, registeredIn, by, ct) : null;

    /// <summary>
    /// The one answer to a code the province's register already holds, whether in the caller's city or another: the
    /// register is one for the province (省级统筹), so refusing tells that the code is known somewhere, but never where or
    /// whose, and a read of another city's employer stays 404 (规程 第一百四十条). The attempt is journaled for auditors.
    /// </summary>
    internal async Task<ConflictException> RefusedAsync(CreditCode code, string registeredIn, Actor by, CancellationToken ct)
    {
        await accessLog.RecordAsync([PersonalDataAccess.RefusedRegistration(clock.GetUtcNow(), by, PersonalDataAccess.Employer, code.Value, Cases.Domain.Privacy.PersonalDataMask.IdNumber(code.Value), registeredIn)], ct);
        return new ConflictException(DuplicateMessage(code.Value));
    }

    /// <summary>What a refused registration says, the same for a number of the caller's city and of any other.</summary>
    public static LocalizedText DuplicateMessage(string number) => new(
        $"{number} 无法在此登记：全省登记簿中已有该号码。如应在本市登记，请联系省级经办机构核查登记簿。",
        $"{number} cannot be registered here: the province's register already holds it. If it should be registered in your city, ask the provincial agency to check the register.");
}

/// <summary>Look up one employer by credit code, within the caller's city.</summary>
public sealed record GetEmployer(string CreditCode, Actor By) : IQuery<EmployerView>;

public sealed class GetEmployerHandler(CasesDb db) : IQueryHandler<GetEmployer, EmployerView>
{
    public async ValueTask<EmployerView> Handle(GetEmployer query, CancellationToken cancellationToken)
    {
        Cases.Workflows.Instances.CaseAccess.EnsureCaseStaff(query.By);
        var code = CreditCode.Parse(query.CreditCode);
        var employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        // Another city's employer is answered exactly like a missing one: its existence is not disclosed.
        return employer is not null && query.By.CanSeeCity(employer.CityCode)
            ? EmployerView.From(employer)
            : throw new NotFoundException(new LocalizedText($"本市没有统一社会信用代码为 {code} 的用人单位。", $"No employer with credit code {code} in your city."));
    }
}
