using System.Globalization;
using Cases.Domain.Injuries;
using Cases.Workflows.Common;
using Cases.Workflows.Instances;

namespace Cases.Application.Injuries;

/// <summary>One injury case of the caller's city (another city's answers as not found, 规程 第一百四十条).</summary>
public sealed record GetInjuryCase(Guid Id, Actor By) : IQuery<InjuryCaseView>;

/// <summary>
/// The injury cases of the caller's city (provincial staff: every city, or the one named), newest injury first: by a
/// worker's name or a decision number (<paramref name="Q"/>, a prefix), a worker's identity number or an employer's code.
/// </summary>
public sealed record ListInjuryCases(string? Q, string? Worker, string? Employer, string? City, string? After, int? Limit, Actor By) : IQuery<InjuryCasePage>;

public sealed class InjuryCaseQueries(CasesDb db) : IQueryHandler<GetInjuryCase, InjuryCaseView>, IQueryHandler<ListInjuryCases, InjuryCasePage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    private const string CursorKind = "injury-cases";

    public async ValueTask<InjuryCaseView> Handle(GetInjuryCase query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var found = await Rows().Where(r => r.Injury.Id == query.Id).SingleOrDefaultAsync(cancellationToken);
        if (found is null || !query.By.CanSeeCity(found.Injury.CityCode))
        {
            throw NotFound();
        }

        // Injury pages: the conclusions as recorded, earliest first (第七十八条: the last one is in force).
        var appraisals = await db.InjuryAppraisals.AsNoTracking().Where(a => a.InjuryCaseId == query.Id).ToListAsync(cancellationToken);
        return found.View(appraisals
            .OrderBy(a => a.AppraisedOn).ThenBy(a => a.RecordedAt)
            .Select(a => new InjuryAppraisalView(a.DisabilityGrade, a.SelfCareLevel, a.AppraisedOn, a.ConclusionNumber, a.RecordedAt, a.RecordedBy, a.CaseId))
            .ToList());
    }

    public async ValueTask<InjuryCasePage> Handle(ListInjuryCases query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        var rows = Rows();
        if (query.By.CityScope(query.City) is { } city)
        {
            rows = rows.Where(r => r.Injury.CityCode == city);
        }

        if (TextInput.Optional(query.Q, "q", new LocalizedText("查询内容", "q"), 100) is { } q)
        {
            rows = rows.Where(r => r.WorkerName.StartsWith(q) || (r.Injury.RecognitionNumber != null && r.Injury.RecognitionNumber.StartsWith(q)));
        }

        if (!string.IsNullOrWhiteSpace(query.Worker))
        {
            var id = Domain.Parties.IdNumber.Parse(query.Worker, "worker");
            rows = rows.Where(r => r.WorkerIdNumber == id);
        }

        if (!string.IsNullOrWhiteSpace(query.Employer))
        {
            var code = Domain.Parties.CreditCode.Parse(query.Employer, "employer");
            rows = rows.Where(r => r.EmployerCreditCode == code);
        }

        if (query.After is { } after)
        {
            var (day, id) = Decode(after);
            rows = rows.Where(r => r.Injury.InjuryOn < day || (r.Injury.InjuryOn == day && r.Injury.Id.CompareTo(id) < 0));
        }

        var page = await rows.OrderByDescending(r => r.Injury.InjuryOn).ThenByDescending(r => r.Injury.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = page.Take(limit).Select(r => r.View()).ToList();
        return new InjuryCasePage(items, page.Count > limit ? Encode(items[^1]) : null);
    }

    /// <summary>
    /// The injury case the registering staff record something on (the period, an appraisal), tracked: another role is
    /// refused with <paramref name="forbidden"/>, another city's case answers as a missing one (第一百四十条).
    /// </summary>
    public static async Task<InjuryCase> ToRecordOnAsync(CasesDb db, Guid id, Actor by, LocalizedText forbidden, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        if (!by.May(Permission.RegisterParties))
        {
            throw new ForbiddenException(forbidden);
        }

        var injury = await db.InjuryCases.SingleOrDefaultAsync(i => i.Id == id, ct);
        return injury is not null && by.CanSeeCity(injury.CityCode) ? injury : throw NotFound();
    }

    /// <summary>The one answer to an injury case the caller may not see or that does not exist.</summary>
    public static NotFoundException NotFound() => new(new LocalizedText("本市没有这个工伤案件。", "No such injury case in your city."));

    private IQueryable<Row> Rows() =>
        from i in db.InjuryCases.AsNoTracking()
        join w in db.Workers.AsNoTracking() on i.WorkerId equals w.Id
        join e in db.Employers.AsNoTracking() on i.EmployerId equals e.Id
        select new Row { Injury = i, WorkerName = w.Name, WorkerIdNumber = w.IdNumber, EmployerName = e.Name, EmployerCreditCode = e.CreditCode };

    private static string Encode(InjuryCaseView v) =>
        KeysetCursor.Encode(string.Create(CultureInfo.InvariantCulture, $"{CursorKind}:{v.InjuredOn.DayNumber}:{v.Id:N}"));

    private static (DateOnly Day, Guid Id) Decode(string cursor)
    {
        var parts = KeysetCursor.Decode(cursor, CursorKind, 3);
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day <= DateOnly.MaxValue.DayNumber && Guid.TryParseExact(parts[2], "N", out var id)
            ? (DateOnly.FromDayNumber(day), id)
            : throw KeysetCursor.Refused(CursorKind);
    }

    private sealed class Row
    {
        public required InjuryCase Injury { get; init; }

        public required string WorkerName { get; init; }

        public required Domain.Parties.IdNumber WorkerIdNumber { get; init; }

        public required string EmployerName { get; init; }

        public required Domain.Parties.CreditCode EmployerCreditCode { get; init; }

        public InjuryCaseView View(IReadOnlyList<InjuryAppraisalView>? appraisals = null) =>
            InjuryCaseView.From(Injury, WorkerName, WorkerIdNumber.Masked, EmployerName, EmployerCreditCode.Value, appraisals);
    }
}
