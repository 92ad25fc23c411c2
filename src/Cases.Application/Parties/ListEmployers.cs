using Cases.Domain.Parties;

namespace Cases.Application.Parties;

/// <summary>
/// The employer register of the caller's city (a provincial user sees the province's), found by a prefix of the name or
/// by the whole credit code, in pages ordered by name and code (keyset: <see cref="After"/> is the credit code of the
/// last employer of the previous page).
/// </summary>
public sealed record ListEmployers(string? Q, string? After, int? Limit, Actor By) : IQuery<EmployerPage>;

/// <summary>One page of the register; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record EmployerPage(IReadOnlyList<EmployerView> Items, string? Next);

public sealed class ListEmployersHandler(CasesDb db) : IQueryHandler<ListEmployers, EmployerPage>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async ValueTask<EmployerPage> Handle(ListEmployers query, CancellationToken cancellationToken)
    {
        Cases.Workflows.Instances.CaseAccess.EnsureCaseStaff(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数应为 1 至 {MaxLimit}。", $"limit must be 1 to {MaxLimit}."));
        }

        var q = TextInput.Optional(query.Q, "q", new LocalizedText("查询内容", "Search text"), Employer.NameMaxLength);
        var employers = db.Employers.AsNoTracking();
        if (query.By.CityCode is { } city)
        {
            employers = employers.Where(e => e.CityCode == city);
        }

        if (q is not null)
        {
            employers = CreditCode.TryParse(q, out var code, out _)
                ? employers.Where(e => e.CreditCode == code)
                : employers.Where(e => e.Name.StartsWith(q));
        }

        var page = new List<Employer>(limit + 1);
        if (query.After is not null)
        {
            // The cursor is an employer of the list; one the caller cannot see is as unknown as a mistyped one.
            var after = CreditCode.Parse(query.After, "after");
            var last = await employers.Where(e => e.CreditCode == after).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainValidationException("after", new LocalizedText($"翻页位置 {after} 不在本次查询结果中。", $"after: {after} is not in this list."));
            // Ties on the name are few: those after the cursor's code are taken in memory (ordinal, as the codes sort).
            var sameName = await employers.Where(e => e.Name == last).OrderBy(e => e.CreditCode).ToListAsync(cancellationToken);
            page.AddRange(sameName.Where(e => string.CompareOrdinal(e.CreditCode.Value, after.Value) > 0).Take(limit + 1));
            // Compared in the database, by the collation its ORDER BY uses, so the page after is the one the order shows.
#pragma warning disable CA1309
            employers = employers.Where(e => string.Compare(e.Name, last) > 0);
#pragma warning restore CA1309
        }

        if (page.Count <= limit)
        {
            page.AddRange(await employers.OrderBy(e => e.Name).ThenBy(e => e.CreditCode).Take(limit + 1 - page.Count).ToListAsync(cancellationToken));
        }

        var more = page.Count > limit;
        var items = page.Take(limit).Select(EmployerView.From).ToList();
        return new EmployerPage(items, more ? items[^1].CreditCode : null);
    }
}
