using System.Globalization;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Cases.Workflows.Common;
using Cases.Workflows.Instances;

namespace Cases.Application.Benefits;

/// <summary>One change of an entitlement as the API shows it; months as "yyyy-MM".</summary>
/// <param name="Kind">granted, amount-changed, adjusted, suspended, resumed, stopped, account-recorded.</param>
/// <param name="FromMonth">The first month it applies to.</param>
/// <param name="MonthlyAmount">The monthly amount from then on.</param>
/// <param name="Reason">Why.</param>
/// <param name="CaseId">The case whose decision made it, if one did.</param>
/// <param name="By">Who made it.</param>
/// <param name="At">When.</param>
/// <param name="BackPaidFrom">On a resumption: the first suspended month paid after all.</param>
/// <param name="Cause">On a suspension: certification-overdue or imprisonment.</param>
public sealed record EntitlementChangeView(string Kind, string FromMonth, decimal MonthlyAmount, string Reason, Guid? CaseId, string By, DateTimeOffset At, string? BackPaidFrom = null, string? Cause = null);

/// <summary>
/// A monthly benefit as the API and pages show it: who (by name, the identity number masked as in every list), which
/// benefit, how much from which month, until when, why, and every change.
/// </summary>
public sealed record EntitlementView(
    Guid Id, string City, Guid InjuryCaseId, string Benefit, string RecipientName, string RecipientIdNumber, string? Relation,
    string Article, string FromMonth, string? ToMonth, decimal MonthlyAmount, string Status, DateOnly? AdulthoodOn, Guid CaseId,
    IReadOnlyList<EntitlementChangeView> History)
{
    internal static EntitlementView From(Entitlement e) => new(
        e.Id, e.CityCode, e.InjuryCaseId, MonthlyBenefits.NameOf(e.Benefit), e.RecipientName,
        IdNumber.TryParse(e.RecipientIdNumber, out var id, out _) ? id.Masked : string.Empty,
        e.Relation is { } r ? r.ToString().ToLowerInvariant() : null,
        e.Article, Month(e.FromMonth), e.ToMonth is { } to ? Month(to) : null, e.MonthlyAmount, e.Status.ToString().ToLowerInvariant(), e.AdulthoodOn, e.CaseId,
        [.. e.History.Select(c => new EntitlementChangeView(EntitlementNames.Kind(c.Kind), Month(c.FromMonth), c.MonthlyAmount, c.Reason, c.CaseId, c.By, c.At,
            c.BackPaidFrom is { } back ? Month(back) : null, c.Cause is { } cause ? EntitlementNames.Cause(cause) : null))]);

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>The names the API and pages give an entitlement's changes and causes (kebab-case).</summary>
public static class EntitlementNames
{
    public static string Kind(EntitlementChangeKind kind) => kind switch
    {
        EntitlementChangeKind.Granted => "granted",
        EntitlementChangeKind.AmountChanged => "amount-changed",
        EntitlementChangeKind.Stopped => "stopped",
        EntitlementChangeKind.Adjusted => "adjusted",
        EntitlementChangeKind.Suspended => "suspended",
        EntitlementChangeKind.Resumed => "resumed",
        _ => "account-recorded",
    };

    public static string Cause(SuspensionCause cause) => cause == SuspensionCause.Imprisonment ? "imprisonment" : "certification-overdue";
}

/// <summary>One page of entitlements, newest first, and the cursor of the next (null on the last).</summary>
public sealed record EntitlementPage(IReadOnlyList<EntitlementView> Items, string? Next);

/// <summary>One entitlement of the caller's city (another city's answers as not found, 规程 第一百四十条).</summary>
public sealed record GetEntitlement(Guid Id, Actor By) : IQuery<EntitlementView>;

/// <summary>
/// The monthly benefits of the caller's city (provincial staff: every city, or the one named), newest first: of one
/// injury case, by status (active, suspended, stopped) or benefit (disability-allowance, nursing-care, dependants-pension).
/// </summary>
public sealed record ListEntitlements(string? City, Guid? InjuryCaseId, string? Status, string? Benefit, string? After, int? Limit, Actor By) : IQuery<EntitlementPage>;

public sealed class EntitlementQueries(CasesDb db) : IQueryHandler<GetEntitlement, EntitlementView>, IQueryHandler<ListEntitlements, EntitlementPage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    private const string CursorKind = "entitlements";

    public async ValueTask<EntitlementView> Handle(GetEntitlement query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var found = await db.Entitlements.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.Id, cancellationToken);
        return found is not null && query.By.CanSeeCity(found.CityCode)
            ? EntitlementView.From(found)
            : throw new NotFoundException(new LocalizedText("本市没有这项定期待遇。", "No such monthly benefit in your city."));
    }

    public async ValueTask<EntitlementPage> Handle(ListEntitlements query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        var rows = db.Entitlements.AsNoTracking();
        if (query.By.CityScope(query.City) is { } city)
        {
            rows = rows.Where(e => e.CityCode == city);
        }

        if (query.InjuryCaseId is { } injuryCase)
        {
            rows = rows.Where(e => e.InjuryCaseId == injuryCase);
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Enum.TryParse<EntitlementStatus>(query.Status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(query.Status, out _) ? s
                : throw new DomainValidationException("status", new LocalizedText("status 须为 active（发放中）、suspended（暂停）或 stopped（停发）。", "status is active, suspended or stopped."));
            rows = rows.Where(e => e.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Benefit))
        {
            var benefit = MonthlyBenefits.ByName.TryGetValue(query.Benefit, out var b) ? b
                : throw new DomainValidationException("benefit", new LocalizedText($"benefit 须为：{string.Join("、", MonthlyBenefits.ByName.Keys)}。", $"benefit is one of: {string.Join(", ", MonthlyBenefits.ByName.Keys)}."));
            rows = rows.Where(e => e.Benefit == benefit);
        }

        if (query.After is { } after)
        {
            var id = KeysetCursor.IdOf(after, CursorKind);
            rows = rows.Where(e => e.Id.CompareTo(id) < 0);
        }

        // Ids are version 7 (time-ordered): newest first without another column.
        var page = await rows.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = page.Take(limit).Select(EntitlementView.From).ToList();
        return new EntitlementPage(items, page.Count > limit ? KeysetCursor.OfId(CursorKind, items[^1].Id) : null);
    }
}
