using System.Globalization;
using System.Text;
using Cases.Application.Common;
using Cases.Workflows.Common;
using Cases.Workflows.Instances;

namespace Cases.Application.Parties;

// The keyset comparisons run in SQL: string.Compare there is the database's collation, the one that orders the page.
#pragma warning disable CA1309

/// <summary>
/// 「当事人」: the workers, employers and construction projects a user may see (规程 第一百四十条: their city — a worker by
/// the employer's — provincial staff every city), found by what an officer has at hand: a worker by the start of the
/// name, the last digits of the identity number (4 or more) or the last 4 of the phone; an employer by a part of its
/// name or its credit code (or its start); a project by a part of its name or its code (or its start). Numbers are masked
/// as in every list (a search is not a recorded view). Workers first, then employers, then projects, each by name;
/// keyset-paged on (kind, name, id).
/// </summary>
public sealed record SearchParties(string? Q, string? After, int? Limit, Actor By) : IQuery<PartySearchPage>;

/// <summary>One party found: its kind ("worker", "employer", "project"), the key its page is found by, its name, its
/// number as lists show it, its city and a detail (a worker's employer, an employer's risk class, a project's contractor).</summary>
public sealed record PartyHit(string Kind, string Key, string Name, string Number, string City, string CityName, string? Detail, string Url)
{
    public const string Worker = "worker";
    public const string Employer = "employer";
    public const string Project = "project";
}

public sealed record PartySearchPage(IReadOnlyList<PartyHit> Items, string? Next);

public sealed class SearchPartiesHandler(CasesDb db) : IQueryHandler<SearchParties, PartySearchPage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    private const string CursorKind = "parties";

    private sealed record Row(int Rank, Guid Id, string Key, string Name, string Number, string City, string? Detail);

    public async ValueTask<PartySearchPage> Handle(SearchParties query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        var q = SearchText.Of(query.Q);
        var after = query.After is { Length: > 0 } a ? Decode(a) : ((int Rank, string Name, Guid Id)?)null;
        if (q is null)
        {
            return new PartySearchPage([], null);
        }

        var city = query.By.IsProvincial ? null : query.By.CityCode;
        var rows = new List<Row>();
        if (after is not { Rank: > 0 })
        {
            rows.AddRange(await WorkersAsync(q, city, after, limit + 1, cancellationToken));
        }

        if (rows.Count <= limit && after is not { Rank: > 1 })
        {
            rows.AddRange(await EmployersAsync(q, city, after is { Rank: 1 } ? after : null, limit + 1 - rows.Count, cancellationToken));
        }

        if (rows.Count <= limit)
        {
            rows.AddRange(await ProjectsAsync(q, city, after is { Rank: 2 } ? after : null, limit + 1 - rows.Count, cancellationToken));
        }

        var hits = rows.Take(limit).Select(r => new PartyHit(
            r.Rank switch { 0 => PartyHit.Worker, 1 => PartyHit.Employer, _ => PartyHit.Project },
            r.Key, r.Name, r.Number, r.City, Domain.Parties.City.TryParse(r.City, out var c, out _) ? c.NameZh : r.City, r.Detail,
            r.Rank switch { 0 => $"/workers/{r.Key}", 1 => $"/employers/{Uri.EscapeDataString(r.Key)}", _ => $"/projects/{Uri.EscapeDataString(r.Key)}" })).ToList();
        var next = rows.Count > limit ? Encode(rows[limit - 1]) : null;
        return new PartySearchPage(hits, next);
    }

    // string.Compare(…) > 0 is the database's own order (its collation), the same that orders the page.
    private async Task<List<Row>> WorkersAsync(string q, string? city, (int Rank, string Name, Guid Id)? after, int take, CancellationToken ct)
    {
        var digits = Digits(q);
        var workers = from w in db.Workers.AsNoTracking()
                      join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id into es
                      from e in es.DefaultIfEmpty()
                      select new { Worker = w, Employer = e };
        if (city is not null)
        {
            workers = workers.Where(x => x.Employer != null && x.Employer.CityCode == city);
        }

        if (digits is null)
        {
            workers = workers.Where(x => x.Worker.Name.StartsWith(q));
        }
        else
        {
            // The stored number is the column's text; a pattern of digits (and X) needs no escaping.
            var tail = "%" + digits;
            workers = digits.Length == 4
                ? workers.Where(x => EF.Functions.Like((string)(object)x.Worker.IdNumber, tail) || (x.Worker.Phone != null && x.Worker.Phone.EndsWith(digits)))
                : workers.Where(x => EF.Functions.Like((string)(object)x.Worker.IdNumber, tail));
        }

        if (after is { } c)
        {
            workers = workers.Where(x => string.Compare(x.Worker.Name, c.Name) > 0 || (x.Worker.Name == c.Name && x.Worker.Id.CompareTo(c.Id) > 0));
        }

        var found = await workers.OrderBy(x => x.Worker.Name).ThenBy(x => x.Worker.Id).Take(take)
            .Select(x => new { x.Worker, EmployerName = x.Employer == null ? null : x.Employer.Name, City = x.Employer == null ? "" : x.Employer.CityCode }).ToListAsync(ct);
        return [.. found.Select(x => new Row(0, x.Worker.Id, x.Worker.Id.ToString(), x.Worker.Name, x.Worker.IdNumber.Masked, x.City, x.EmployerName))];
    }

    private async Task<List<Row>> EmployersAsync(string q, string? city, (int Rank, string Name, Guid Id)? after, int take, CancellationToken ct)
    {
        var employers = db.Employers.AsNoTracking();
        if (city is not null)
        {
            employers = employers.Where(e => e.CityCode == city);
        }

        var code = q.ToUpperInvariant();
        employers = code.Length >= 4 && code.All(char.IsAsciiLetterOrDigit)
            ? employers.Where(e => e.Name.Contains(q) || EF.Functions.Like((string)(object)e.CreditCode, code + "%"))
            : employers.Where(e => e.Name.Contains(q));
        if (after is { } c)
        {
            employers = employers.Where(e => string.Compare(e.Name, c.Name) > 0 || (e.Name == c.Name && e.Id.CompareTo(c.Id) > 0));
        }

        var found = await employers.OrderBy(e => e.Name).ThenBy(e => e.Id).Take(take).ToListAsync(ct);
        return [.. found.Select(e => new Row(1, e.Id, e.CreditCode.Value, e.Name, e.CreditCode.Value, e.CityCode, e.RiskClass.NameZh))];
    }

    private async Task<List<Row>> ProjectsAsync(string q, string? city, (int Rank, string Name, Guid Id)? after, int take, CancellationToken ct)
    {
        var projects = db.ConstructionProjects.AsNoTracking();
        if (city is not null)
        {
            projects = projects.Where(p => p.CityCode == city);
        }

        var code = q.ToUpperInvariant();
        projects = projects.Where(p => p.Name.Contains(q) || p.ProjectCode.StartsWith(code) || p.ProjectCode.StartsWith(q));
        if (after is { } c)
        {
            projects = projects.Where(p => string.Compare(p.Name, c.Name) > 0 || (p.Name == c.Name && p.Id.CompareTo(c.Id) > 0));
        }

        var found = await projects.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(take)
            .Select(p => new { p.Id, p.ProjectCode, p.Name, p.CityCode, Contractor = db.Employers.Where(e => e.CreditCode == p.GeneralContractorCreditCode).Select(e => e.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return [.. found.Select(p => new Row(2, p.Id, p.ProjectCode, p.Name, p.ProjectCode, p.CityCode, p.Contractor))];
    }

    /// <summary>The digits searched for: 4 or more digits, the last of an identity number may be X; null for a name.</summary>
    private static string? Digits(string q)
    {
        var text = q.ToUpperInvariant();
        return text.Length >= 4 && text.Length <= 18 && text[..^1].All(char.IsAsciiDigit) && (char.IsAsciiDigit(text[^1]) || text[^1] == 'X') ? text : null;
    }

    private static string Encode(Row row) =>
        KeysetCursor.Encode(string.Create(CultureInfo.InvariantCulture, $"{CursorKind}:{row.Rank}:{Convert.ToHexString(Encoding.UTF8.GetBytes(row.Name))}:{row.Id:N}"));

    private static (int Rank, string Name, Guid Id) Decode(string cursor)
    {
        var parts = KeysetCursor.Decode(cursor, CursorKind, 4);
        try
        {
            var rank = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return rank is < 0 or > 2 ? throw KeysetCursor.Refused(CursorKind) : (rank, Encoding.UTF8.GetString(Convert.FromHexString(parts[2])), Guid.ParseExact(parts[3], "N"));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw KeysetCursor.Refused(CursorKind);
        }
    }
}
