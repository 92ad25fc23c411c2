using Cases.Application.Common;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Cases.Workflows.Common;
using Cases.Workflows.Instances;

namespace Cases.Application.Benefits.Keeping;

/// <summary>The overpayments of the caller's city (provincial staff: every city or the one named), newest first: by status (open, recovered, referred) or entitlement.</summary>
public sealed record ListOverpayments(string? City, string? Status, Guid? EntitlementId, string? After, int? Limit, Actor By) : IQuery<OverpaymentPage>;

/// <summary>One overpayment of the caller's city (another city's answers as not found, 第一百四十条).</summary>
public sealed record GetOverpayment(Guid Id, Actor By) : IQuery<OverpaymentView>;

/// <summary>
/// The recipients of monthly benefits of the caller's city found by name (part of it) or whole identity number (a part of
/// a number finds nothing: the search must not become a way to read numbers, 第一百四十条); masked as every list.
/// </summary>
public sealed record FindRecipients(string? Q, Actor By) : IQuery<IReadOnlyList<RecipientHit>>;

/// <summary>The recipient of <paramref name="EntitlementId"/> with everything the 「定期待遇」 page shows.</summary>
public sealed record GetRecipient(Guid EntitlementId, Actor By) : IQuery<RecipientView>;

public sealed class KeepingQueries(CasesDb db) :
    IQueryHandler<ListOverpayments, OverpaymentPage>, IQueryHandler<GetOverpayment, OverpaymentView>,
    IQueryHandler<FindRecipients, IReadOnlyList<RecipientHit>>, IQueryHandler<GetRecipient, RecipientView>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    /// <summary>At most this many recipients are listed for one search.</summary>
    public const int MaxHits = 50;

    private const string CursorKind = "overpayments";

    public static NotFoundException EntitlementNotFound() => new(new LocalizedText("本市没有这项定期待遇。", "No such monthly benefit in your city."));

    public static NotFoundException OverpaymentNotFound() => new(new LocalizedText("本市没有这笔多发待遇。", "No such overpayment in your city."));

    public async ValueTask<OverpaymentPage> Handle(ListOverpayments query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        var rows = db.Overpayments.AsNoTracking();
        if (query.By.CityScope(query.City) is { } city)
        {
            rows = rows.Where(o => o.CityCode == city);
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = query.Status.Trim() switch
            {
                "open" => OverpaymentStatus.Open,
                "recovered" => OverpaymentStatus.Recovered,
                "referred" => OverpaymentStatus.Referred,
                _ => throw new DomainValidationException("status", new LocalizedText(
                    "status 须为 open（待追回）、recovered（已追回）或 referred（已移交）。", "status is open, recovered or referred.")),
            };
            rows = rows.Where(o => o.Status == status);
        }

        if (query.EntitlementId is { } entitlement)
        {
            rows = rows.Where(o => o.EntitlementId == entitlement);
        }

        if (query.After is { } after)
        {
            var id = KeysetCursor.IdOf(after, CursorKind);
            rows = rows.Where(o => o.Id.CompareTo(id) < 0);
        }

        // Ids are version 7 (time-ordered): newest first without another column.
        var page = await rows.OrderByDescending(o => o.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = page.Take(limit).Select(OverpaymentView.From).ToList();
        return new OverpaymentPage(items, page.Count > limit ? KeysetCursor.OfId(CursorKind, items[^1].Id) : null);
    }

    public async ValueTask<OverpaymentView> Handle(GetOverpayment query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var found = await db.Overpayments.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.Id, cancellationToken);
        return found is not null && query.By.CanSeeCity(found.CityCode) ? OverpaymentView.From(found) : throw OverpaymentNotFound();
    }

    public async ValueTask<IReadOnlyList<RecipientHit>> Handle(FindRecipients query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        if (SearchText.Of(query.Q) is not { } text)
        {
            return [];
        }

        var rows = db.Entitlements.AsNoTracking();
        if (query.By.CityScope(null) is { } city)
        {
            rows = rows.Where(e => e.CityCode == city);
        }

        rows = IdNumber.TryParse(text, out var id, out _)
            ? rows.Where(e => e.RecipientIdNumber == id.Value)
            : rows.Where(e => e.RecipientName.Contains(text));
        var found = await rows.OrderBy(e => e.Id).Take(MaxHits * 4)
            .Select(e => new { e.Id, e.CityCode, e.RecipientName, e.RecipientIdNumber }).ToListAsync(cancellationToken);
        return [.. found.GroupBy(e => (e.CityCode, e.RecipientIdNumber))
            .Select(g => new RecipientHit(g.First().Id, g.Key.CityCode, g.First().RecipientName, KeepingText.MaskedId(g.Key.RecipientIdNumber), g.Count()))
            .OrderBy(h => h.RecipientName, StringComparer.Ordinal).Take(MaxHits)];
    }

    public async ValueTask<RecipientView> Handle(GetRecipient query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var anchor = await db.Entitlements.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.EntitlementId, cancellationToken);
        if (anchor is null || !query.By.CanSeeCity(anchor.CityCode))
        {
            throw EntitlementNotFound();
        }

        var entitlements = await db.Entitlements.AsNoTracking()
            .Where(e => e.CityCode == anchor.CityCode && e.RecipientIdNumber == anchor.RecipientIdNumber).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var ids = entitlements.Select(e => e.Id).ToList();
        var certification = await db.Certifications.AsNoTracking()
            .SingleOrDefaultAsync(c => c.CityCode == anchor.CityCode && c.RecipientIdNumber == anchor.RecipientIdNumber, cancellationToken);
        var lines = await db.PayrollLines.AsNoTracking().Where(l => ids.Contains(l.EntitlementId)).ToListAsync(cancellationToken);
        var overpayments = await db.Overpayments.AsNoTracking().Where(o => ids.Contains(o.EntitlementId)).ToListAsync(cancellationToken);
        return new RecipientView(
            anchor.CityCode, anchor.RecipientName, KeepingText.MaskedId(anchor.RecipientIdNumber),
            [.. entitlements.Select(KeptEntitlementView.From)],
            certification is null ? null : new KeptCertificationView(certification.DueOn, certification.LastCertifiedOn, certification.OverdueSince),
            [.. lines.OrderByDescending(l => l.Month).ThenBy(l => l.Id).Select(l => new KeptPayrollLineView(l.Id, l.EntitlementId, KeepingText.Month(l.Month), l.Amount,
                [.. l.Items.Select(i => new KeptPayrollItemView(KeepingText.Month(i.Period), i.Amount, KeepingText.ItemKindName(i.Kind)))]))],
            [.. overpayments.OrderByDescending(o => o.Id).Select(OverpaymentView.From)]);
    }
}
