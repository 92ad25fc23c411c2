using Cases.Domain;
using Cases.Domain.Parties;
using Cases.Workflows.Common;
using Cases.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Cases.Workflows.Parties;

/// <summary>An officer registers an employer for work-injury insurance (规程 第六条、第七条、第八条).</summary>
public sealed record RegisterEmployer(string? CreditCode, string? Name, int? RiskClass, string? City, DateOnly? RegisteredOn, Actor By) : ICommand<EmployerView>;

public sealed class RegisterEmployerHandler(CasesDb db) : ICommandHandler<RegisterEmployer, EmployerView>
{
    public async ValueTask<EmployerView> Handle(RegisterEmployer command, CancellationToken cancellationToken)
    {
        // Each parse throws a DomainValidationException naming its field; nothing is written before all pass.
        var code = CreditCode.Parse(command.CreditCode);
        var city = City.Parse(command.City);
        var risk = IndustryRiskClass.From(command.RiskClass ?? throw new DomainValidationException("riskClass", "riskClass is required (1 to 8, 一类 to 八类)."));
        if (!command.By.CanSeeCity(city.Code))
        {
            throw new ForbiddenException($"You work for city {command.By.CityCode} and cannot register an employer in {city.Code}.");
        }

        var employer = Employer.Register(code, command.Name!, risk, city, command.RegisteredOn);
        if (await db.Employers.AnyAsync(e => e.CreditCode == code, cancellationToken))
        {
            throw new ConflictException($"An employer with credit code {code} is already registered.");
        }

        db.Employers.Add(employer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two registrations raced past the check above; the unique index let one in.
            if (await ExistsAfterRaceAsync(code, cancellationToken))
            {
                throw new ConflictException($"An employer with credit code {code} is already registered.");
            }

            throw;
        }

        return EmployerView.From(employer);
    }

    private async Task<bool> ExistsAfterRaceAsync(CreditCode code, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Employers.AnyAsync(e => e.CreditCode == code, ct);
    }
}

/// <summary>Look up one employer by credit code, within the caller's city.</summary>
public sealed record GetEmployer(string CreditCode, Actor By) : IQuery<EmployerView>;

public sealed class GetEmployerHandler(CasesDb db) : IQueryHandler<GetEmployer, EmployerView>
{
    public async ValueTask<EmployerView> Handle(GetEmployer query, CancellationToken cancellationToken)
    {
        Casework.CaseAccess.EnsureCaseStaff(query.By);
        var code = CreditCode.Parse(query.CreditCode);
        var employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        // Another city's employer is answered exactly like a missing one: its existence is not disclosed.
        return employer is not null && query.By.CanSeeCity(employer.CityCode)
            ? EmployerView.From(employer)
            : throw new NotFoundException($"No employer with credit code {code} in your city.");
    }
}
