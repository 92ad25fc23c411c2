using Cases.Application.Common;
using Cases.Domain.Calendar;
using Cases.Domain.Privacy;
using Cases.Workflows.Common;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;

namespace Cases.Application.Casework;

/// <summary>
/// 案件查询: the cases a user may see (规程 第一百四十条: their city; provincial staff every city or the one they name),
/// filtered by procedure, status (running or completed), current state, text (the party label, the name of a worker or
/// employer the case names, or a case id, its prefix or the short number pages show) and the China-time dates it was opened between; newest first, keyset-paged on
/// (opened at, id) so that a page never repeats or skips a case that was there when the first page was read.
/// <paramref name="Naming"/> keeps the cases whose data names that register entry exactly (an injury case's id, a
/// worker's identity number): the cases of one injury or one person, as their pages list them.
/// </summary>
public sealed record SearchCases(
    string? Procedure, string? Status, string? State, string? Q, DateOnly? OpenedFrom, DateOnly? OpenedTo, string? City, string? After, int? Limit, Actor By,
    string? Naming = null)
    : IQuery<CaseSearchPage>;

/// <summary>
/// One case in a search result. The party label is masked as the inbox masks it, and <c>PartyName</c> names the party
/// (an employer's name and credit code, a worker's name and masked number, a project's name); NextDueOn is the earliest
/// open task's due date; <c>OutcomeTitle</c> says how a completed case ended, as the end state is called.
/// </summary>
public sealed record CaseSearchRow(
    Guid CaseId, string Procedure, int DefinitionVersion, string ProcedureTitle, string ProcedureTitleEn, string State, string StateTitle, string StateTitleEn,
    InstanceStatus Status, string? EndOutcome, string Party, string City, DateTimeOffset OpenedAt, DateOnly? NextDueOn,
    PartyLabel? PartyName = null, string? OutcomeTitle = null, string? OutcomeTitleEn = null);

public sealed record CaseSearchPage(IReadOnlyList<CaseSearchRow> Items, string? Next);

public sealed class SearchCasesHandler(CasesDb db, DefinitionStore definitions) : IQueryHandler<SearchCases, CaseSearchPage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    public const int MaxTextLength = SearchText.MaxLength;
    private const string CursorKind = "cases";

    public async ValueTask<CaseSearchPage> Handle(SearchCases query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        var city = query.By.CityScope(query.City);
        var cases = from c in db.Cases.AsNoTracking()
                    join i in db.Instances.AsNoTracking() on c.Id equals i.CaseId
                    select new { Case = c, Instance = i };
        if (city is not null)
        {
            cases = cases.Where(x => x.Case.CityCode == city);
        }

        if (query.Naming is { Length: > 0 } naming)
        {
            // The case's own typed values (their key leads with the case): every declared field the runtime projects.
            cases = Guid.TryParse(naming, out var injuryCaseId)
                // Unlinked cases (docs/adr/0017): a case opened before the register names its injury case through its link.
                ? cases.Where(x => db.CaseValues.Any(v => v.CaseId == x.Case.Id && v.Text == naming)
                    || Injuries.Linking.LegacyInjuryCases.Active(db).Any(l => l.CaseId == x.Case.Id && l.InjuryCaseId == injuryCaseId))
                : cases.Where(x => db.CaseValues.Any(v => v.CaseId == x.Case.Id && v.Text == naming));
        }

        var procedure = string.IsNullOrWhiteSpace(query.Procedure) ? null : query.Procedure.Trim();
        if (procedure is not null)
        {
            // An unknown procedure is a mistake to name, not a filter that quietly matches nothing.
            if (!await db.Definitions.AnyAsync(d => d.Key == procedure, cancellationToken))
            {
                throw new DomainValidationException("procedure", new LocalizedText(
                    $"没有业务「{Short(procedure)}」；可用的业务见 GET /api/definitions。",
                    $"There is no procedure '{Short(procedure)}'; see GET /api/definitions."));
            }

            cases = cases.Where(x => x.Case.Procedure == procedure);
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = query.Status.Trim().ToLowerInvariant() switch
            {
                "running" => InstanceStatus.Running,
                "completed" => InstanceStatus.Completed,
                _ => throw new DomainValidationException("status", new LocalizedText("案件状态须为 running（办理中）或 completed（已办结）。", "status must be running or completed.")),
            };
            cases = cases.Where(x => x.Instance.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.State))
        {
            var state = query.State.Trim();
            if (procedure is null)
            {
                throw new DomainValidationException("state", new LocalizedText("环节属于某一项业务：按环节查询时请同时选择业务。", "state names a state of one procedure: give procedure too."));
            }

            if (!(await StatesOfAsync(procedure, cancellationToken)).Contains(state))
            {
                throw new DomainValidationException("state", new LocalizedText($"业务 {procedure} 没有环节「{Short(state)}」。", $"The procedure {procedure} has no state '{Short(state)}'."));
            }

            cases = cases.Where(x => x.Instance.State == state);
        }

        if (query.OpenedFrom is { } from)
        {
            var start = ChinaTime.StartOf(from);
            cases = cases.Where(x => x.Case.CreatedAt >= start);
        }

        if (query.OpenedTo is { } to)
        {
            if (query.OpenedFrom is { } f && to < f)
            {
                throw new DomainValidationException("openedTo", new LocalizedText("立案截止日期不能早于起始日期。", "openedTo must be on or after openedFrom."));
            }

            var end = ChinaTime.EndOf(to);
            cases = cases.Where(x => x.Case.CreatedAt < end);
        }

        if (SearchText.Of(query.Q) is { } q)
        {
            // A name finds the cases of the workers and employers of that name: their identity numbers and credit codes
            // as the procedures' party fields hold them (the case's own label is the masked number).
            var (partyFields, partyKeys) = await PartiesNamedAsync(q, cancellationToken);
            var named = db.CaseValues.Where(v => partyFields.Contains(v.Field) && partyKeys.Contains(v.Text!)).Select(v => v.CaseId);
            var party = q.ToUpperInvariant();
            var (prefix, suffix) = IdParts(q);
            var upperPrefix = prefix?.ToUpperInvariant();
            var upperSuffix = suffix?.ToUpperInvariant();
            // These run in SQL (UPPER, LIKE): .NET's culture rules do not apply there, and the ids are ASCII hex.
#pragma warning disable CA1304, CA1311, CA1862
            cases = (prefix, suffix) switch
            {
                (null, _) => cases.Where(x => x.Case.Party.ToUpper().Contains(party) || named.Contains(x.Case.Id)),
                (_, null) => cases.Where(x => x.Case.Party.ToUpper().Contains(party) || named.Contains(x.Case.Id)
                    || x.Case.Id.ToString().StartsWith(upperPrefix!) || x.Case.Id.ToString().StartsWith(prefix)),
                _ => cases.Where(x => x.Case.Party.ToUpper().Contains(party) || named.Contains(x.Case.Id)
                    || x.Case.Id.ToString().StartsWith(upperPrefix!) || x.Case.Id.ToString().StartsWith(prefix)
                    || x.Case.Id.ToString().EndsWith(upperSuffix!) || x.Case.Id.ToString().EndsWith(suffix)),
            };
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (query.After is { Length: > 0 } after)
        {
            var (at, id) = Decode(after);
            cases = cases.Where(x => x.Case.CreatedAt < at || (x.Case.CreatedAt == at && x.Case.Id.CompareTo(id) < 0));
        }

        var page = await cases
            .OrderByDescending(x => x.Case.CreatedAt).ThenByDescending(x => x.Case.Id)
            .Select(x => new
            {
                x.Case.Id,
                x.Case.Procedure,
                x.Instance.DefinitionVersion,
                x.Instance.State,
                x.Instance.Status,
                x.Instance.EndOutcome,
                x.Case.Party,
                x.Case.CityCode,
                x.Case.CreatedAt,
                // By instance: ix_human_tasks_instance answers it (there is no index on a task's case).
                NextDueOn = db.Tasks.Where(t => t.InstanceId == x.Instance.Id && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed))
                    .Min(t => (DateOnly?)t.DueOn),
            })
            .Take(limit + 1)
            .ToListAsync(cancellationToken);

        // The party masked as in every list, whatever the role (TaskView.Party): a search result is not a recorded view.
        var rows = new List<CaseSearchRow>(Math.Min(page.Count, limit));
        var parties = await Names.PartiesAsync(db, query.By, page.Take(limit).Select(x => x.Id), cancellationToken);
        foreach (var x in page.Take(limit))
        {
            var definition = await definitions.GetAsync(db, x.Procedure, x.DefinitionVersion, cancellationToken);
            var state = definition.States.GetValueOrDefault(x.State);
            var end = x.EndOutcome is null ? null : definition.States.Values.FirstOrDefault(s => s.Kind == StateKind.End && s.Outcome == x.EndOutcome)?.Title;
            rows.Add(new CaseSearchRow(
                x.Id, x.Procedure, x.DefinitionVersion, definition.Title.Zh, definition.Title.En, x.State,
                state?.Title?.Zh ?? x.State, state?.Title?.En ?? x.State, x.Status, x.EndOutcome,
                PersonalDataMask.Label(x.Party, full: false), x.CityCode, x.CreatedAt, x.NextDueOn,
                parties.GetValueOrDefault(x.Id), end?.Zh, end?.En));
        }

        var next = page.Count > limit ? Encode(page[limit - 1].CreatedAt, page[limit - 1].Id) : null;
        return new CaseSearchPage(rows, next);
    }

    /// <summary>At most this many workers and employers of a searched name are looked for in the cases.</summary>
    public const int MaxNamedParties = 200;

    /// <summary>
    /// The party fields of the published procedures (data fields of format id-number or credit-code, as the cases'
    /// typed values hold them) and the numbers and codes of the workers and employers whose name contains the text.
    /// </summary>
    private async Task<(List<string> Fields, List<string> Keys)> PartiesNamedAsync(string q, CancellationToken ct)
    {
        // A code, a number or a case id has digits and no other script: it names no one, so the registers (scanned for
        // a part of a name) are not read for it.
        if (q.Any(char.IsAsciiDigit) && q.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return ([], []);
        }

        var workers = await db.Workers.AsNoTracking().Where(w => w.Name.Contains(q)).Select(w => w.IdNumber).Take(MaxNamedParties).ToListAsync(ct);
        var employers = await db.Employers.AsNoTracking().Where(e => e.Name.Contains(q)).Select(e => e.CreditCode).Take(MaxNamedParties).ToListAsync(ct);
        List<string> keys = [.. workers.Select(w => w.Value), .. employers.Select(e => e.Value)];
        if (keys.Count == 0)
        {
            return ([], []);
        }

        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, version) in await DefinitionStore.InForceVersionsAsync(db, ct))
        {
            var definition = await definitions.GetAsync(db, key, version, ct);
            fields.UnionWith(definition.Data.Where(f => f.Value.Format is "id-number" or "credit-code").Select(f => f.Key));
        }

        return ([.. fields], keys);
    }

    /// <summary>The states of every published version of the procedure: a running case may sit in a state a later version dropped.</summary>
    private async Task<HashSet<string>> StatesOfAsync(string procedure, CancellationToken ct)
    {
        var versions = await db.Definitions.AsNoTracking().Where(d => d.Key == procedure).Select(d => d.Version).ToListAsync(ct);
        var states = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            states.UnionWith((await definitions.GetAsync(db, procedure, version, ct)).States.Keys);
        }

        return states;
    }

    /// <summary>
    /// A text of hex digits (dashes allowed) of at least 4 may be a case id: the start of its canonical form
    /// (xxxxxxxx-xxxx-…, dashes put where they belong) and, when it has at most 12 digits, the end — the short number
    /// pages show is the last 8. Lower case: providers write ids in either case, so both are compared.
    /// </summary>
    internal static (string? Prefix, string? Suffix) IdParts(string q)
    {
        var hex = q.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (hex.Length < 4 || hex.Length > 32 || !hex.All(char.IsAsciiHexDigit))
        {
            return (null, null);
        }

        var prefix = new System.Text.StringBuilder();
        for (var i = 0; i < hex.Length; i++)
        {
            if (i is 8 or 12 or 16 or 20)
            {
                prefix.Append('-');
            }

            prefix.Append(hex[i]);
        }

        return (prefix.ToString(), hex.Length <= 12 ? hex : null);
    }

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private static string Encode(DateTimeOffset at, Guid id) => KeysetCursor.OfInstant(CursorKind, at, id);

    private static (DateTimeOffset At, Guid Id) Decode(string cursor) => KeysetCursor.InstantOf(cursor, CursorKind);
}
