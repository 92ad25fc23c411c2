using Cases.Workflows.Tasks;

namespace Cases.Application.Parties;

/// <summary>
/// The registers of workers and employers as the tasks' party filter reads them (<see cref="IPartyRegister"/>): a name
/// typed in the inbox finds the numbers the cases' data holds. A prefix of the name, within the user's city (a worker
/// by their employer's), as the pages name parties (规程 第一百四十条).
/// </summary>
public sealed class PartyRegister(CasesDb db) : IPartyRegister
{
    public async Task<IReadOnlyList<string>> NumbersNamedAsync(string namePrefix, Actor by, int limit, CancellationToken ct)
    {
        var city = by.CityCode;
        var employers = db.Employers.AsNoTracking().Where(e => e.Name.StartsWith(namePrefix));
        var workers = db.Workers.AsNoTracking().Where(w => w.Name.StartsWith(namePrefix));
        if (city is not null)
        {
            employers = employers.Where(e => e.CityCode == city);
            workers = workers.Where(w => db.Employers.Any(e => e.Id == w.EmployerId && e.CityCode == city));
        }

        var codes = await employers.Select(e => e.CreditCode).Take(limit).ToListAsync(ct);
        var numbers = await workers.Select(w => w.IdNumber).Take(limit).ToListAsync(ct);
        return [.. codes.Select(c => c.Value), .. numbers.Select(n => n.Value)];
    }
}
