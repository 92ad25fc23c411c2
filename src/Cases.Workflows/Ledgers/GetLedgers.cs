using Cases.Domain;
using Cases.Workflows.Common;
using Cases.Workflows.Identity;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Cases.Workflows.Ledgers;

/// <summary>The advance-payment ledger (规程 第九十三条 先行支付台账): advanced, recovered, written off and outstanding, per city and per case.</summary>
public sealed record GetAdvancePaymentLedger(string? City, Actor By) : IQuery<AdvancePaymentLedger>;

public sealed record AdvancePaymentLedger(IReadOnlyList<AdvancePaymentTotals> Cities, IReadOnlyList<AdvancePaymentCase> Cases);

public sealed record AdvancePaymentTotals(string City, int Cases, decimal Advanced, decimal Recovered, decimal WrittenOff, decimal Outstanding);

public sealed record AdvancePaymentCase(Guid CaseId, string City, string InjuryCaseId, string Party, string State, decimal Advanced, decimal Recovered, decimal WrittenOff, decimal Outstanding, DateOnly AdvancedOn, DateOnly? LastRepaidOn);

/// <summary>What the third-party medical ledger holds for an injury case or a city (第九十条): each reimbursement and the invoices it paid.</summary>
public sealed record GetThirdPartyMedicalLedger(string? City, string? InjuryCaseId, Actor By) : IQuery<IReadOnlyList<ThirdPartyReimbursement>>;

public sealed record ThirdPartyReimbursement(Guid CaseId, string City, string InjuryCaseId, decimal Amount, DateOnly PaidOn, IReadOnlyList<string> Invoices);

public sealed class LedgerQueryHandlers(CasesDb db) :
    IQueryHandler<GetAdvancePaymentLedger, AdvancePaymentLedger>,
    IQueryHandler<GetThirdPartyMedicalLedger, IReadOnlyList<ThirdPartyReimbursement>>
{
    public async ValueTask<AdvancePaymentLedger> Handle(GetAdvancePaymentLedger query, CancellationToken cancellationToken)
    {
        var city = Scope(query.City, query.By);
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.Ledger == LedgerKinds.AdvancePayment);
        if (city is not null)
        {
            entries = entries.Where(e => e.CityCode == city);
        }

        // Summed here rather than in SQL: SQLite stores decimals as text and cannot add them exactly; the ledger holds
        // the rare advance payments of a year (hundreds per city), not a volume that needs the database to sum.
        var rows = await entries
            .Join(db.Cases, e => e.CaseId, c => c.Id, (e, c) => new { e.CaseId, e.CityCode, e.InjuryCaseId, e.Entry, e.Amount, e.OccurredOn, c.Party })
            .Join(db.Instances, e => e.CaseId, i => i.CaseId, (e, i) => new { e.CaseId, e.CityCode, e.InjuryCaseId, e.Entry, e.Amount, e.OccurredOn, e.Party, i.State })
            .ToListAsync(cancellationToken);
        var cases = rows.GroupBy(r => r.CaseId).Select(g =>
        {
            var first = g.First();
            var advanced = g.Where(r => r.Entry == "advanced").Sum(r => r.Amount);
            var recovered = g.Where(r => r.Entry == "repaid").Sum(r => r.Amount);
            var writtenOff = g.Where(r => r.Entry == "written-off").Sum(r => r.Amount);
            return new AdvancePaymentCase(g.Key, first.CityCode, first.InjuryCaseId, first.Party, first.State, advanced, recovered, writtenOff, advanced - recovered - writtenOff,
                g.Where(r => r.Entry == "advanced").Min(r => r.OccurredOn), g.Where(r => r.Entry == "repaid").Select(r => (DateOnly?)r.OccurredOn).Max());
        }).OrderBy(c => c.City, StringComparer.Ordinal).ThenBy(c => c.AdvancedOn).ThenBy(c => c.CaseId).ToList();
        // Amounts answer with their fen (48000.00, never 48000.0 or 48000): adding 0.00m sets a decimal's scale to 2.
        cases = cases.Select(c => c with { Advanced = c.Advanced + 0.00m, Recovered = c.Recovered + 0.00m, WrittenOff = c.WrittenOff + 0.00m, Outstanding = c.Outstanding + 0.00m }).ToList();
        var cities = cases.GroupBy(c => c.City).Select(g => new AdvancePaymentTotals(g.Key, g.Count(),
            g.Sum(c => c.Advanced), g.Sum(c => c.Recovered), g.Sum(c => c.WrittenOff), g.Sum(c => c.Outstanding))).ToList();
        return new AdvancePaymentLedger(cities, cases);
    }

    public async ValueTask<IReadOnlyList<ThirdPartyReimbursement>> Handle(GetThirdPartyMedicalLedger query, CancellationToken cancellationToken)
    {
        var city = Scope(query.City, query.By);
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.Ledger == LedgerKinds.ThirdPartyMedical);
        if (city is not null)
        {
            entries = entries.Where(e => e.CityCode == city);
        }

        // As the procedures declare it (injuryCaseId: text of at most 64 characters): longer or with control characters is a 400.
        if (TextInput.Optional(query.InjuryCaseId, "injuryCaseId", "injuryCaseId", 64) is { } injuryCaseId)
        {
            entries = entries.Where(e => e.InjuryCaseId == injuryCaseId);
        }

        var list = await entries.OrderBy(e => e.OccurredOn).ThenBy(e => e.Id).Take(1000).ToListAsync(cancellationToken);
        var ids = list.Select(e => e.Id).ToList();
        var items = (await db.LedgerItems.AsNoTracking().Where(i => ids.Contains(i.EntryId)).ToListAsync(cancellationToken))
            .ToLookup(i => i.EntryId);
        return list.Select(e => new ThirdPartyReimbursement(e.CaseId, e.CityCode, e.InjuryCaseId, e.Amount + 0.00m, e.OccurredOn,
            items[e.Id].Select(i => i.ItemKey).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    private static string? Scope(string? requested, Actor by)
    {
        if (!by.IsIn(Roles.Officer) && !by.IsIn(Roles.Reviewer) && !by.IsIn(Roles.Supervisor) && !by.IsIn(Roles.Admin))
        {
            throw new ForbiddenException("Ledgers are for officers, reviewers, supervisors and administrators.");
        }

        return by.CityScope(requested);
    }
}
