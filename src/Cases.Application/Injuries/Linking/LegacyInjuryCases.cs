using System.Linq.Expressions;
using System.Text;
using System.Text.Json.Nodes;
using Cases.Domain.Injuries;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;

namespace Cases.Application.Injuries.Linking;

/// <summary>
/// The versions of the injury procedures that took the injury case as free text (before docs/adr/0016): for each procedure
/// in force whose start field refers to the injury-case register, that field, and the stored versions where the same field
/// carries no register ref. Read from the definitions, not from a field-name convention.
/// </summary>
public sealed record LegacyInjuryField(string Procedure, string Field, IReadOnlyList<int> Versions);

/// <summary>One case of a legacy version with the free text its injury-case field holds.</summary>
public sealed class LegacyCandidate
{
    public Guid CaseId { get; init; }

    public string City { get; init; } = "";

    public string Procedure { get; init; } = "";

    public int Version { get; init; }

    public string Field { get; init; } = "";

    public string? Text { get; init; }

    public string State { get; init; } = "";

    public InstanceStatus Status { get; init; }

    public string Party { get; init; } = "";

    public DateTimeOffset OpenedAt { get; init; }
}

/// <summary>
/// Finding and linking the cases opened before the injury-case register (「待关联案件」, docs/adr/0017). Nothing is guessed:
/// a case is linked automatically only when its text is, exactly, the number of the recognition decision of a registered
/// injury case of its own city (the brackets, full-width forms, spaces and ASCII letter case officers type differently
/// aside) or that injury case's id; a text two registered decisions would match links to neither. Every link is journaled
/// on the case (规程 第一百二十条).
/// </summary>
public static class LegacyInjuryCases
{
    /// <summary>
    /// The legacy versions of every injury procedure, from the stored definitions: a procedure any of whose versions starts
    /// from a field referring to the injury-case register, and its versions where that field is plain text. Read from
    /// every stored version, not the one in force: which version is in force says nothing about which cases are old.
    /// </summary>
    public static async Task<IReadOnlyList<LegacyInjuryField>> FieldsAsync(CasesDb db, DefinitionStore definitions, CancellationToken ct)
    {
        var register = Registers.Of(RegisterKind.InjuryCase).Name;
        var stored = await db.Definitions.AsNoTracking().Where(d => d.Status != PublicationStatus.Rejected)
            .Select(d => new { d.Key, d.Version }).ToListAsync(ct);
        var list = new List<LegacyInjuryField>();
        foreach (var procedure in stored.GroupBy(s => s.Key))
        {
            var versions = new List<WorkflowDefinition>();
            foreach (var version in procedure.Select(s => s.Version).Order())
            {
                versions.Add(await definitions.GetAsync(db, procedure.Key, version, ct));
            }

            var fields = versions.SelectMany(d => d.StartWith.Where(f => d.Data.GetValueOrDefault(f)?.Ref?.Register == register)).Distinct(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                var legacy = versions.Where(d => d.Data.GetValueOrDefault(field) is { Ref: null, Type: "string" }).Select(d => d.Version).ToList();
                if (legacy.Count > 0)
                {
                    list.Add(new LegacyInjuryField(procedure.Key, field, legacy));
                }
            }
        }

        return list;
    }

    /// <summary>The cases of the legacy versions (in <paramref name="city"/>, or all cities) with the text they hold.</summary>
    public static IQueryable<LegacyCandidate> Candidates(CasesDb db, IReadOnlyList<LegacyInjuryField> fields, string? city)
    {
        var rows = from c in db.Cases.AsNoTracking()
                   join i in db.Instances.AsNoTracking() on c.Id equals i.CaseId
                   join v in db.CaseValues.AsNoTracking() on c.Id equals v.CaseId
                   select new LegacyCandidate
                   {
                       CaseId = c.Id, City = c.CityCode, Procedure = i.DefinitionKey, Version = i.DefinitionVersion, Field = v.Field, Text = v.Text,
                       State = i.State, Status = i.Status, Party = c.Party, OpenedAt = c.CreatedAt,
                   };
        rows = rows.Where(OfLegacyVersions(fields));
        return city is null ? rows : rows.Where(r => r.City == city);
    }

    /// <summary>The links in force (not undone).</summary>
    public static IQueryable<InjuryCaseLink> Active(CasesDb db) => db.Set<InjuryCaseLink>().Where(l => l.UndoneAt == null);

    /// <summary>
    /// The form in which two ways of typing one decision's number compare equal: Unicode compatibility forms folded
    /// (full-width letters, digits and brackets as officers' input methods give them), white space dropped, the brackets
    /// around the year (〔〕 as issued; [] 【】 () ［］ （） ﹝﹞ 〖〗 as typed) made one, ASCII letters upper case. Nothing else:
    /// 第0123号 and 第123号 stay different numbers.
    /// </summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (char.IsWhiteSpace(ch))
            {
                continue;
            }

            key.Append(ch switch
            {
                '(' or '[' or '【' or '〖' or '〔' => '〔',
                ')' or ']' or '】' or '〗' or '〕' => '〕',
                _ when char.IsAsciiLetterLower(ch) => char.ToUpperInvariant(ch),
                _ => ch,
            });
        }

        return key.ToString();
    }

    /// <summary>
    /// Links every legacy case not linked before (nor linked and undone) whose text matches a registered injury case of its
    /// city; <paramref name="only"/> limits it to that one injury case (just registered, not saved yet: same transaction).
    /// Adds the links and journal entries to the unit of work; the caller saves. Returns the cases linked.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> LinkMatchingAsync(
        CasesDb db, ProgressWriter writer, DefinitionStore definitions, string? city, InjuryCase? only, Actor by, string trigger, DateTimeOffset now, CancellationToken ct)
    {
        var fields = await FieldsAsync(db, definitions, ct);
        if (fields.Count == 0)
        {
            return [];
        }

        var candidates = await Candidates(db, fields, only?.CityCode ?? city)
            .Where(c => c.Text != null && !db.Set<InjuryCaseLink>().Any(l => l.CaseId == c.CaseId))
            .Select(c => new { c.CaseId, c.City, c.Text })
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return [];
        }

        // The registered decisions of the candidates' cities, by their key; a key two decisions share matches neither.
        var cities = candidates.Select(c => c.City).Distinct().ToList();
        var injuries = only is not null
            ? [new RegisteredInjury(only.Id, only.CityCode, only.RecognitionNumber)]
            : await db.InjuryCases.AsNoTracking().Where(i => cities.Contains(i.CityCode))
                .Select(i => new RegisteredInjury(i.Id, i.CityCode, i.RecognitionNumber)).ToListAsync(ct);
        var byNumber = injuries.Where(i => i.Number is not null)
            .GroupBy(i => (i.City, Key(i.Number!)))
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single() : null);
        var byId = injuries.ToDictionary(i => i.Id);

        var linked = new List<Guid>();
        foreach (var candidate in candidates)
        {
            var text = candidate.Text!.Trim();
            RegisteredInjury? match = null;
            var how = LinkMatch.Number;
            if (Guid.TryParse(text, out var id) && byId.TryGetValue(id, out var registered) && registered.City == candidate.City)
            {
                (match, how) = (registered, LinkMatch.Id);
            }
            else if (text.Length > 0 && byNumber.TryGetValue((candidate.City, Key(text)), out var numbered))
            {
                match = numbered;
            }

            if (match is null)
            {
                continue;
            }

            await AddAsync(db, writer, new InjuryCaseLink
            {
                CaseId = candidate.CaseId, InjuryCaseId = match.Id, CityCode = candidate.City, Typed = candidate.Text!, How = how,
                LinkedBy = by.UserName, LinkedAt = now,
            }, match.Number, trigger, ct);
            linked.Add(candidate.CaseId);
        }

        return linked;
    }

    /// <summary>Adds a new link (or, for a case whose link was undone, links it again) and journals it on the case.</summary>
    internal static async Task AddAsync(CasesDb db, ProgressWriter writer, InjuryCaseLink link, string? number, string trigger, CancellationToken ct)
    {
        var existing = await db.Set<InjuryCaseLink>().SingleOrDefaultAsync(l => l.CaseId == link.CaseId, ct);
        if (existing is null)
        {
            db.Set<InjuryCaseLink>().Add(link);
        }
        else
        {
            existing.InjuryCaseId = link.InjuryCaseId;
            existing.Typed = link.Typed;
            existing.How = link.How;
            existing.Reason = link.Reason;
            existing.LinkedBy = link.LinkedBy;
            existing.LinkedAt = link.LinkedAt;
            existing.UndoneAt = null;
            existing.UndoneBy = null;
            existing.UndoReason = null;
        }

        await JournalAsync(db, writer, link.CaseId, AgencyJournalActions.InjuryCaseLinked, new JsonObject
        {
            ["injuryCaseId"] = link.InjuryCaseId.ToString(),
            ["recognitionNumber"] = number,
            ["typed"] = link.Typed,
            ["how"] = link.How,
            ["trigger"] = trigger,
            ["reason"] = link.Reason,
        }, link.LinkedBy, link.LinkedAt, ct);
    }

    /// <summary>Appends to the case's hash chain; the instance's revision (its concurrency token) moves, so a racing command loses.</summary>
    internal static async Task JournalAsync(CasesDb db, ProgressWriter writer, Guid caseId, string action, JsonObject data, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var instance = db.Instances.Local.FirstOrDefault(i => i.CaseId == caseId)
            ?? await db.Instances.SingleAsync(i => i.CaseId == caseId, ct);
        instance.NextRevision();
        await writer.AppendJournalAsync(instance.Id, [new JournalPlan(action, instance.State, instance.State, data)], actor, now, ct);
    }

    /// <summary>Ors the legacy (procedure, field, versions) of <paramref name="fields"/> into one filter SQL can run.</summary>
    private static Expression<Func<LegacyCandidate, bool>> OfLegacyVersions(IReadOnlyList<LegacyInjuryField> fields)
    {
        var x = Expression.Parameter(typeof(LegacyCandidate), "x");
        Expression body = Expression.Constant(false);
        foreach (var field in fields)
        {
            var (key, name, versions) = (field.Procedure, field.Field, field.Versions.ToList());
            Expression<Func<LegacyCandidate, bool>> one = c => c.Procedure == key && c.Field == name && versions.Contains(c.Version);
            body = Expression.OrElse(body, new Rebind(one.Parameters[0], x).Visit(one.Body));
        }

        return Expression.Lambda<Func<LegacyCandidate, bool>>(body, x);
    }

    private sealed record RegisteredInjury(Guid Id, string City, string? Number);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
