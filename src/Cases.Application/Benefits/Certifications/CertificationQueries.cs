using System.Globalization;
using Cases.Domain.Benefits;
using Cases.Domain.Calendar;
using Cases.Domain.Parties;
using Cases.Workflows.Common;
using Cases.Workflows.Instances;

namespace Cases.Application.Benefits.Certifications;

/// <summary>One recipient's certification of the caller's city (another city's answers as not found, 规程 第一百四十条).</summary>
public sealed record GetCertification(Guid Id, Actor By) : IQuery<CertificationView>;

/// <summary>
/// The certifications of the caller's city (provincial staff: every city, or the one named): those due this month
/// (<c>due-this-month</c>), those overdue (<c>overdue</c>), or due before a day; by due date, soonest first (<c>sort=due</c>,
/// the default) or newest first (<c>sort=id</c>), a page at a time.
/// </summary>
public sealed record ListCertifications(string? City, string? Filter, DateOnly? DueBefore, string? Sort, string? After, int? Limit, Actor By) : IQuery<CertificationPage>;

/// <summary>The 「资格认证」 dashboard of the caller's city: the counts and the lists of due this month, overdue and recently certified.</summary>
public sealed record GetCertificationDashboard(string? City, Actor By) : IQuery<CertificationDashboard>;

/// <summary>What the dashboard shows; each list at most <see cref="CertificationQueries.DashboardRows"/> rows, the counts whole.</summary>
public sealed record CertificationDashboard(
    DateOnly Today, int DueThisMonthCount, int OverdueCount, int CertifiedThisMonthCount,
    IReadOnlyList<CertificationView> DueThisMonth, IReadOnlyList<CertificationView> Overdue, IReadOnlyList<CertificationView> RecentlyCertified);

public sealed class CertificationQueries(CasesDb db, TimeProvider clock)
    : IQueryHandler<GetCertification, CertificationView>, IQueryHandler<ListCertifications, CertificationPage>, IQueryHandler<GetCertificationDashboard, CertificationDashboard>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    public const int DashboardRows = 50;
    private const string IdCursor = "certifications";
    private const string DueCursor = "certifications-due";

    public async ValueTask<CertificationView> Handle(GetCertification query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var found = await FindAsync(db, query.Id, null, null, query.By, track: false, cancellationToken);
        return CertificationView.From(found, Today());
    }

    public async ValueTask<CertificationPage> Handle(ListCertifications query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        var today = Today();
        var rows = Scoped(query.City, query.By);
        switch (query.Filter?.Trim())
        {
            case null or "":
                break;
            case "due-this-month":
                var (first, last) = ThisMonth(today);
                rows = rows.Where(c => c.DueOn >= today && c.DueOn >= first && c.DueOn <= last);
                break;
            case "overdue":
                rows = rows.Where(c => c.DueOn < today);
                break;
            default:
                throw new DomainValidationException("filter", new LocalizedText(
                    "filter 须为 due-this-month（本月到期）或 overdue（逾期未认证）。", "filter is due-this-month or overdue."));
        }

        if (query.DueBefore is { } before)
        {
            rows = rows.Where(c => c.DueOn < before);
        }

        List<Certification> page;
        switch (query.Sort?.Trim())
        {
            case null or "" or "due":
                if (query.After is { } afterDue)
                {
                    var (due, id) = DueOf(afterDue);
                    rows = rows.Where(c => c.DueOn > due || (c.DueOn == due && c.Id.CompareTo(id) > 0));
                }

                page = await rows.OrderBy(c => c.DueOn).ThenBy(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
                return Page(page, limit, today, c => KeysetCursor.Encode(string.Create(CultureInfo.InvariantCulture, $"{DueCursor}:{c.DueOn.DayNumber}:{c.Id:N}")));
            case "id":
                if (query.After is { } afterId)
                {
                    var id = KeysetCursor.IdOf(afterId, IdCursor);
                    rows = rows.Where(c => c.Id.CompareTo(id) < 0);
                }

                // Ids are version 7 (time-ordered): newest first without another column.
                page = await rows.OrderByDescending(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
                return Page(page, limit, today, c => KeysetCursor.OfId(IdCursor, c.Id));
            default:
                throw new DomainValidationException("sort", new LocalizedText("sort 须为 due（按到期日）或 id（按登记先后）。", "sort is due or id."));
        }
    }

    public async ValueTask<CertificationDashboard> Handle(GetCertificationDashboard query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var today = Today();
        var (first, last) = ThisMonth(today);
        var rows = Scoped(query.City, query.By);
        var due = rows.Where(c => c.DueOn >= today && c.DueOn <= last);
        var overdue = rows.Where(c => c.DueOn < today);
        var certified = rows.Where(c => c.LastCertifiedOn >= first);
        return new CertificationDashboard(
            today,
            await due.CountAsync(cancellationToken),
            await overdue.CountAsync(cancellationToken),
            await certified.CountAsync(cancellationToken),
            await ViewsAsync(due.OrderBy(c => c.DueOn).ThenBy(c => c.Id), today, cancellationToken),
            await ViewsAsync(overdue.OrderBy(c => c.DueOn).ThenBy(c => c.Id), today, cancellationToken),
            await ViewsAsync(rows.Where(c => c.LastCertifiedOn != null).OrderByDescending(c => c.LastCertifiedOn).ThenByDescending(c => c.Id), today, cancellationToken));
    }

    /// <summary>
    /// The certification named by its id, or by the city and the recipient's identity number, of a city the caller sees;
    /// another city's answers as not found (规程 第一百四十条).
    /// </summary>
    internal static async Task<Certification> FindAsync(CasesDb db, Guid? id, string? city, string? idNumber, Actor by, bool track, CancellationToken ct)
    {
        var rows = track ? db.Certifications : db.Certifications.AsNoTracking();
        Certification? found;
        if (id is { } known)
        {
            found = await rows.SingleOrDefaultAsync(c => c.Id == known, ct);
        }
        else
        {
            var code = Domain.Parties.City.Parse(city).Code;
            var number = IdNumber.Parse(idNumber, "recipientIdNumber").Value;
            found = await rows.SingleOrDefaultAsync(c => c.CityCode == code && c.RecipientIdNumber == number, ct);
        }

        return found is not null && by.CanSeeCity(found.CityCode)
            ? found
            : throw new NotFoundException(new LocalizedText("本市没有这位领取人的资格认证。", "No such recipient's certification in your city."));
    }

    private IQueryable<Certification> Scoped(string? city, Actor by)
    {
        var rows = db.Certifications.AsNoTracking();
        return by.CityScope(city) is { } code ? rows.Where(c => c.CityCode == code) : rows;
    }

    private static async Task<IReadOnlyList<CertificationView>> ViewsAsync(IQueryable<Certification> rows, DateOnly today, CancellationToken ct) =>
        [.. (await rows.Take(DashboardRows).ToListAsync(ct)).Select(c => CertificationView.From(c, today))];

    private static CertificationPage Page(List<Certification> page, int limit, DateOnly today, Func<Certification, string> cursor)
    {
        var items = page.Take(limit).ToList();
        return new CertificationPage([.. items.Select(c => CertificationView.From(c, today))], page.Count > limit ? cursor(items[^1]) : null);
    }

    private static (DateOnly Due, Guid Id) DueOf(string cursor)
    {
        var parts = KeysetCursor.Decode(cursor, DueCursor, 3);
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day <= DateOnly.MaxValue.DayNumber
            && Guid.TryParseExact(parts[2], "N", out var id)
            ? (DateOnly.FromDayNumber(day), id)
            : throw KeysetCursor.Refused(DueCursor);
    }

    private static (DateOnly First, DateOnly Last) ThisMonth(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        return (first, first.AddMonths(1).AddDays(-1));
    }

    private DateOnly Today() => ChinaTime.DateOf(clock.GetUtcNow());
}
