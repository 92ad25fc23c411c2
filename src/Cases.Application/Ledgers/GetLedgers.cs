using System.Text.Json.Nodes;
using Cases.Domain.Privacy;
using Cases.Domain.Parties;

namespace Cases.Application.Ledgers;

/// <summary>
/// The advance-payment ledger (规程 第九十三条 先行支付台账): advanced, recovered, written off and outstanding, per city
/// and per case; optionally only the cases of one <paramref name="Standing"/> (<see cref="AdvancePaymentStanding"/>) or
/// only those with a balance still outstanding. The totals are those of the cases answered.
/// </summary>
public sealed record GetAdvancePaymentLedger(string? City, Actor By, string? Standing = null, bool OutstandingOnly = false) : IQuery<AdvancePaymentLedger>;

public sealed record AdvancePaymentLedger(IReadOnlyList<AdvancePaymentTotals> Cities, AdvancePaymentTotal Total, IReadOnlyList<AdvancePaymentCase> Cases);

public sealed record AdvancePaymentTotals(string City, int Cases, decimal Advanced, decimal Recovered, decimal WrittenOff, decimal Outstanding);

/// <summary>The sums over every city answered (第九十三条's ledger as a whole).</summary>
public sealed record AdvancePaymentTotal(int Cases, decimal Advanced, decimal Recovered, decimal WrittenOff, decimal Outstanding);

/// <summary>
/// One advance (第九十三条) and its recovery: <paramref name="Party"/> is the case's label, <paramref name="LiableParty"/>
/// whom the fund recovers from (the employer or the third party; null when the case names none), both masked as every list
/// masks them (第一百四十条); <paramref name="LiablePartyCode"/> the liable employer's credit code, when the case names one.
/// </summary>
public sealed record AdvancePaymentCase(Guid CaseId, string City, string InjuryCaseId, string Party, string? LiableParty, string State, string Standing, decimal Advanced, decimal Recovered, decimal WrittenOff, decimal Outstanding, DateOnly AdvancedOn, DateOnly? LastRepaidOn,
    string? LiablePartyCode = null, string? InjuryCase = null);

/// <summary>Where the recovery of an advance stands (第九十三条 追偿): still recovering, recovered in full, referred to legal action, or written off.</summary>
public static class AdvancePaymentStanding
{
    public const string Recovering = "recovering";
    public const string Recovered = "recovered";
    public const string Referred = "referred";
    public const string WrittenOff = "written-off";

    public static IReadOnlyList<string> All { get; } = [Recovering, Recovered, Referred, WrittenOff];

    /// <summary>
    /// From the case's instance: a running case is still recovering; an ended one stands where its end outcome says
    /// (the advance-payment definition's ends after the posting: recovered, referred, written-off).
    /// </summary>
    public static string Of(InstanceStatus status, string? endOutcome) =>
        status == InstanceStatus.Running ? Recovering : endOutcome is { } outcome && All.Contains(outcome, StringComparer.Ordinal) ? outcome : Recovering;
}

/// <summary>What the third-party medical ledger holds for an injury case or a city (第九十条): each reimbursement and the invoices it paid.</summary>
public sealed record GetThirdPartyMedicalLedger(string? City, string? InjuryCaseId, Actor By) : IQuery<IReadOnlyList<ThirdPartyReimbursement>>;

public sealed record ThirdPartyReimbursement(Guid CaseId, string City, string InjuryCaseId, decimal Amount, DateOnly PaidOn, IReadOnlyList<string> Invoices, string? InjuryCase = null);

public sealed class LedgerQueryHandlers(CasesDb db) :
    IQueryHandler<GetAdvancePaymentLedger, AdvancePaymentLedger>,
    IQueryHandler<GetThirdPartyMedicalLedger, IReadOnlyList<ThirdPartyReimbursement>>
{
    /// <summary>At most this many reimbursements in one answer of the third-party medical ledger (the earliest first).</summary>
    public const int ThirdPartyMedicalLimit = 1000;

    public async ValueTask<AdvancePaymentLedger> Handle(GetAdvancePaymentLedger query, CancellationToken cancellationToken)
    {
        var city = Scope(query.City, query.By);
        if (query.Standing is { } standing && !AdvancePaymentStanding.All.Contains(standing, StringComparer.Ordinal))
        {
            throw new DomainValidationException("standing", new LocalizedText(
                $"状态须为以下之一：{string.Join("、", AdvancePaymentStanding.All)}。",
                $"standing must be one of {string.Join(", ", AdvancePaymentStanding.All)}."));
        }

        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.Ledger == LedgerKinds.AdvancePayment);
        if (city is not null)
        {
            entries = entries.Where(e => e.CityCode == city);
        }

        // Summed here rather than in SQL: SQLite stores decimals as text and cannot add them exactly; the ledger holds
        // the rare advance payments of a year (hundreds per city), not a volume that needs the database to sum.
        var rows = await entries
            .Join(db.Cases, e => e.CaseId, c => c.Id, (e, c) => new { e.CaseId, e.CityCode, e.InjuryCaseId, e.Entry, e.Amount, e.OccurredOn, c.Party })
            .Join(db.Instances, e => e.CaseId, i => i.CaseId, (e, i) => new { e.CaseId, e.CityCode, e.InjuryCaseId, e.Entry, e.Amount, e.OccurredOn, e.Party, i.State, i.Status, i.EndOutcome, i.DataJson })
            .ToListAsync(cancellationToken);
        var cases = rows.GroupBy(r => r.CaseId).Select(g =>
        {
            var first = g.First();
            var advanced = g.Where(r => r.Entry == "advanced").Sum(r => r.Amount);
            var recovered = g.Where(r => r.Entry == "repaid").Sum(r => r.Amount);
            var writtenOff = g.Where(r => r.Entry == "written-off").Sum(r => r.Amount);
            return new AdvancePaymentCase(g.Key, first.CityCode, first.InjuryCaseId, PersonalDataMask.Label(first.Party, full: false), LiablePartyOf(first.DataJson), first.State,
                AdvancePaymentStanding.Of(first.Status, first.EndOutcome), advanced, recovered, writtenOff, advanced - recovered - writtenOff,
                g.Where(r => r.Entry == "advanced").Min(r => r.OccurredOn), g.Where(r => r.Entry == "repaid").Select(r => (DateOnly?)r.OccurredOn).Max(),
                LiablePartyCodeOf(first.DataJson));
        })
            .Where(c => query.Standing is null || c.Standing == query.Standing)
            .Where(c => !query.OutstandingOnly || c.Outstanding != 0)
            .OrderBy(c => c.City, StringComparer.Ordinal).ThenBy(c => c.AdvancedOn).ThenBy(c => c.CaseId).ToList();
        // Amounts answer with their fen (48000.00, never 48000.0 or 48000): adding 0.00m sets a decimal's scale to 2.
        var injuries = await Common.InjuryCaseLabels.OfAsync(db, cases.Select(c => c.InjuryCaseId), cancellationToken);
        cases = cases.Select(c => c with { InjuryCase = injuries[c.InjuryCaseId], Advanced = c.Advanced + 0.00m, Recovered = c.Recovered + 0.00m, WrittenOff = c.WrittenOff + 0.00m, Outstanding = c.Outstanding + 0.00m }).ToList();
        var cities = cases.GroupBy(c => c.City).Select(g => new AdvancePaymentTotals(g.Key, g.Count(),
            g.Sum(c => c.Advanced), g.Sum(c => c.Recovered), g.Sum(c => c.WrittenOff), g.Sum(c => c.Outstanding))).ToList();
        var total = new AdvancePaymentTotal(cases.Count, cases.Sum(c => c.Advanced) + 0.00m, cases.Sum(c => c.Recovered) + 0.00m, cases.Sum(c => c.WrittenOff) + 0.00m, cases.Sum(c => c.Outstanding) + 0.00m);
        return new AdvancePaymentLedger(cities, total, cases);
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
            // Officers know an injury case by its recognition decision's number; the ledger holds the registered id.
            if (!Guid.TryParse(injuryCaseId, out _)
                && await db.InjuryCases.AsNoTracking().Where(i => i.RecognitionNumber == injuryCaseId).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken) is { } registered)
            {
                injuryCaseId = registered.ToString();
            }

            entries = entries.Where(e => e.InjuryCaseId == injuryCaseId);
        }

        // In the order they were paid, as a ledger is kept: by the payment date, then as they were posted.
        var list = await entries.OrderBy(e => e.OccurredOn).ThenBy(e => e.RecordedAt).ThenBy(e => e.Id).Take(ThirdPartyMedicalLimit).ToListAsync(cancellationToken);
        var ids = list.Select(e => e.Id).ToList();
        var items = (await db.LedgerItems.AsNoTracking().Where(i => ids.Contains(i.EntryId)).ToListAsync(cancellationToken))
            .ToLookup(i => i.EntryId);
        var injuries = await Common.InjuryCaseLabels.OfAsync(db, list.Select(e => e.InjuryCaseId), cancellationToken);
        return list.Select(e => new ThirdPartyReimbursement(e.CaseId, e.CityCode, e.InjuryCaseId, e.Amount + 0.00m, e.OccurredOn,
            items[e.Id].Select(i => i.ItemKey).Order(StringComparer.Ordinal).ToList(), injuries[e.InjuryCaseId])).ToList();
    }

    /// <summary>The liable party's name from the case data (advance-payment's liableParty.name), masked like a label.</summary>
    private static string? LiablePartyOf(string dataJson) =>
        JsonNode.Parse(dataJson)?["liableParty"]?["name"] is JsonValue name && name.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? PersonalDataMask.Label(text, full: false)
            : null;

    /// <summary>
    /// The liable employer's credit code from the case data (liableParty.creditCode), shown small beside its name: an
    /// employer's code is public (it is on its licence), so a valid one is shown whole — a run of digits that looks like a
    /// bank card to the mask is not one; anything else is masked as free text.
    /// </summary>
    private static string? LiablePartyCodeOf(string dataJson) =>
        JsonNode.Parse(dataJson)?["liableParty"]?["creditCode"] is JsonValue code && code.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? CreditCode.TryParse(text, out var valid, out _) ? valid.Value : PersonalDataMask.Label(text, full: false)
            : null;

    private static string? Scope(string? requested, Actor by)
    {
        if (!by.May(Permission.ReadLedgers))
        {
            throw new ForbiddenException(new LocalizedText("台账仅供经办、复核、主管和管理人员查阅。", "Ledgers are for officers, reviewers, supervisors and administrators."));
        }

        return by.CityScope(requested);
    }
}
