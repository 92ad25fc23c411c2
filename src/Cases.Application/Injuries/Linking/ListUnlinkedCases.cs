using Cases.Application.Common;
using Cases.Domain.Privacy;
using Cases.Workflows.Common;
using Cases.Workflows.Persistence;

namespace Cases.Application.Injuries.Linking;

/// <summary>
/// 待关联案件: the cases opened before the injury-case register whose free text names no registered injury case of their
/// city and that no one has linked (or whose link was undone) — procedure, version, state, the text as typed, the party,
/// opened on; newest first, keyset-paged on (opened at, id). City staff see their city; provincial staff every city or
/// the one they name (第一百四十条).
/// </summary>
public sealed record ListUnlinkedCases(string? City, string? After, int? Limit, Actor By) : IQuery<UnlinkedCasePage>;

/// <summary>One unlinked case. <c>Typed</c> is the case's text, with any identity number or phone in it masked.</summary>
public sealed record UnlinkedCaseRow(
    Guid CaseId, string Procedure, int Version, string ProcedureTitle, string ProcedureTitleEn, string State, string StateTitle, string StateTitleEn,
    InstanceStatus Status, string Typed, string Party, string City, DateTimeOffset OpenedAt, bool Undone);

public sealed record UnlinkedCasePage(IReadOnlyList<UnlinkedCaseRow> Items, string? Next);

/// <summary>The legacy cases linked so far (newest link first, at most <see cref="ListLegacyLinksHandler.MaxRows"/>), to check and undo.</summary>
public sealed record ListLegacyLinks(string? City, Actor By) : IQuery<IReadOnlyList<LegacyLinkRow>>;

public sealed record LegacyLinkRow(
    Guid CaseId, string ProcedureTitle, string ProcedureTitleEn, int Version, string Typed, Guid InjuryCaseId, string InjuryCase, string How,
    string LinkedBy, DateTimeOffset LinkedAt, string? Reason);

internal static class LinkAccess
{
    public static void Ensure(Actor by)
    {
        if (!by.May(Permission.RegisterParties))
        {
            throw new ForbiddenException(new LocalizedText("只有经办人员、主管和系统管理员可以关联工伤案件。", "Only officers, supervisors and administrators link injury cases."));
        }
    }
}

public sealed class ListUnlinkedCasesHandler(CasesDb db, DefinitionStore definitions) : IQueryHandler<ListUnlinkedCases, UnlinkedCasePage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    private const string CursorKind = "unlinked";

    public async ValueTask<UnlinkedCasePage> Handle(ListUnlinkedCases query, CancellationToken cancellationToken)
    {
        LinkAccess.Ensure(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        var city = query.By.CityScope(query.City);
        // A cursor this list never gave out is refused whether or not there is anything to list.
        (DateTimeOffset At, Guid Id)? cursor = query.After is { Length: > 0 } after ? Decode(after) : null;
        var fields = await LegacyInjuryCases.FieldsAsync(db, definitions, cancellationToken);
        if (fields.Count == 0)
        {
            return new UnlinkedCasePage([], null);
        }

        var rows = LegacyInjuryCases.Candidates(db, fields, city).Where(c => !LegacyInjuryCases.Active(db).Any(l => l.CaseId == c.CaseId));
        if (cursor is var (at, id))
        {
            rows = rows.Where(x => x.OpenedAt < at || (x.OpenedAt == at && x.CaseId.CompareTo(id) < 0));
        }

        var page = await rows.OrderByDescending(x => x.OpenedAt).ThenByDescending(x => x.CaseId).Take(limit + 1).ToListAsync(cancellationToken);
        var shown = page.Take(limit).ToList();
        var ids = shown.Select(x => x.CaseId).ToList();
        var undone = await db.Set<InjuryCaseLink>().AsNoTracking().Where(l => ids.Contains(l.CaseId) && l.UndoneAt != null).Select(l => l.CaseId).ToListAsync(cancellationToken);
        var items = new List<UnlinkedCaseRow>(shown.Count);
        foreach (var x in shown)
        {
            var definition = await definitions.GetAsync(db, x.Procedure, x.Version, cancellationToken);
            var state = definition.States.GetValueOrDefault(x.State);
            items.Add(new UnlinkedCaseRow(
                x.CaseId, x.Procedure, x.Version, definition.Title.Zh, definition.Title.En, x.State, state?.Title?.Zh ?? x.State, state?.Title?.En ?? x.State,
                x.Status, PersonalDataMask.Label(x.Text ?? "", full: false), PersonalDataMask.Label(x.Party, full: false), x.City, x.OpenedAt, undone.Contains(x.CaseId)));
        }

        var next = page.Count > limit ? Encode(page[limit - 1].OpenedAt, page[limit - 1].CaseId) : null;
        return new UnlinkedCasePage(items, next);
    }

    private static string Encode(DateTimeOffset at, Guid id) => KeysetCursor.OfInstant(CursorKind, at, id);

    private static (DateTimeOffset At, Guid Id) Decode(string cursor) => KeysetCursor.InstantOf(cursor, CursorKind);
}

public sealed class ListLegacyLinksHandler(CasesDb db, DefinitionStore definitions) : IQueryHandler<ListLegacyLinks, IReadOnlyList<LegacyLinkRow>>
{
    public const int MaxRows = 50;

    public async ValueTask<IReadOnlyList<LegacyLinkRow>> Handle(ListLegacyLinks query, CancellationToken cancellationToken)
    {
        LinkAccess.Ensure(query.By);
        var city = query.By.CityScope(query.City);
        var links = LegacyInjuryCases.Active(db).AsNoTracking();
        if (city is not null)
        {
            links = links.Where(l => l.CityCode == city);
        }

        var found = await (from l in links
                           join i in db.Instances.AsNoTracking() on l.CaseId equals i.CaseId
                           orderby l.LinkedAt descending, l.CaseId descending
                           select new { Link = l, i.DefinitionKey, i.DefinitionVersion }).Take(MaxRows).ToListAsync(cancellationToken);
        var labels = await InjuryCaseLabels.OfAsync(db, found.Select(f => f.Link.InjuryCaseId.ToString()), cancellationToken);
        var rows = new List<LegacyLinkRow>(found.Count);
        foreach (var f in found)
        {
            var definition = await definitions.GetAsync(db, f.DefinitionKey, f.DefinitionVersion, cancellationToken);
            var id = f.Link.InjuryCaseId.ToString();
            rows.Add(new LegacyLinkRow(
                f.Link.CaseId, definition.Title.Zh, definition.Title.En, f.DefinitionVersion, PersonalDataMask.Label(f.Link.Typed, full: false), f.Link.InjuryCaseId,
                labels.GetValueOrDefault(id, id), f.Link.How, f.Link.LinkedBy, f.Link.LinkedAt,
                f.Link.Reason is null ? null : PersonalDataMask.Label(f.Link.Reason, full: false)));
        }

        return rows;
    }
}
