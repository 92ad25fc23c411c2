using Cases.Application.Common;
using System.Text.Json.Nodes;
using Cases.Application.Parties;
using Cases.Application.Privacy;
using Cases.Domain.Parties;
using Cases.Domain.Privacy;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;

namespace Cases.Application.Casework;

/// <summary>
/// A case with its data, state, open tasks, pending clocks, journal and the parties it names. Identity numbers and
/// phones in it are masked unless the actor's role handles cases (规程 第一百四十条); when they are shown whole, the
/// view is recorded first, with the case as its purpose, and a view that cannot be recorded is not shown.
/// </summary>
public sealed record GetCase(Guid CaseId, Actor By) : IQuery<CaseView>;

/// <summary>Checks a case's journal chain: "ok", or the first entry that does not verify (the case staff and auditors).</summary>
public sealed record VerifyJournal(Guid CaseId, Actor By) : IQuery<JournalVerification>;

public sealed record JournalVerification(Guid CaseId, string Status, int Entries, int? FirstBrokenSeq, string? Reason);

/// <summary>
/// A case's journal as an auditor audits it (规程 第一百二十条 留痕可溯, 第一百四十条): who did what and when, every identity
/// number and phone in it masked, and whether the hash chain verifies — not the case's data, tasks, clocks or files.
/// </summary>
public sealed record GetCaseJournal(Guid CaseId, Actor By) : IQuery<CaseJournalView>;

/// <summary>The journal of a case with what identifies the case (its party label masked) and the chain's verification.</summary>
public sealed record CaseJournalView(Guid CaseId, string Procedure, int DefinitionVersion, string City, string Party, string State, InstanceStatus Status,
    string? EndOutcome, IReadOnlyList<JournalView> Entries, JournalVerification Verification);

public sealed class CaseQueryHandlers(CasesDb db, DefinitionStore definitions, IPersonalDataAccessLog accessLog, TimeProvider clock)
    : IQueryHandler<GetCase, CaseView>, IQueryHandler<VerifyJournal, JournalVerification>, IQueryHandler<GetCaseJournal, CaseJournalView>
{
    public async ValueTask<CaseView> Handle(GetCase query, CancellationToken cancellationToken)
    {
        var (@case, instance) = await CaseAccess.LoadAsync(db, query.CaseId, query.By, track: false, cancellationToken);
        var now = clock.GetUtcNow();
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instance.Id && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed))
            .OrderBy(t => t.DueAt).ToListAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking()
            .Where(t => t.InstanceId == instance.Id && t.Status == TimerStatus.Pending && t.Kind != TimerKind.TaskWarning)
            .OrderBy(t => t.DueAt).ToListAsync(cancellationToken);
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Seq).ToListAsync(cancellationToken);
        var definition = await definitions.GetAsync(db, instance.DefinitionKey, instance.DefinitionVersion, cancellationToken);
        var materials = Materials.Checklist(definition, CaseData.Parse(instance.DataJson))
            .Select(m => new MaterialView(m.Key, m.Spec.Label.Zh, m.Spec.Label.En, m.Spec.Basis, m.Required, m.Received, m.SharedFrom)).ToList();

        var full = query.By.NeedsFullIdNumbers;
        var found = new List<PersonalDataFound>();
        var raw = JsonNode.Parse(instance.DataJson);
        var data = PersonalDataMask.Json(raw, full, found);
        var entries = journal.Select(JournalView.Of).Select(e => e with { Data = PersonalDataMask.Json(e.Data, full, found) }).ToList();
        if (!full && found.Any(f => f.Kind == PersonalDataMask.IdNumberKind))
        {
            // A number masked in one part leaves no birth date, sex or age in any other (the data beside the journal).
            data = PersonalDataMask.WithoutDerived(data);
            entries = entries.Select(e => e with { Data = PersonalDataMask.WithoutDerived(e.Data) }).ToList();
        }

        var parties = await PartiesAsync(raw as JsonObject, query.By, full, cancellationToken);
        await CaseDataViews.RecordAsync(accessLog, found, @case.Id, @case.CityCode, query.By, now, null, cancellationToken);

        return new CaseView(@case.Id, instance.Id, instance.DefinitionKey, instance.DefinitionVersion, @case.CityCode, PersonalDataMask.Label(@case.Party, full),
            instance.State, instance.Status, instance.EndOutcome, instance.Revision, data,
            tasks.Select(t => TaskView.From(t, now)).ToList(), timers.Select(TimerView.From).ToList(), entries, materials, parties);
    }

    public async ValueTask<JournalVerification> Handle(VerifyJournal query, CancellationToken cancellationToken)
    {
        var (_, instance) = await CaseAccess.LoadJournalAsync(db, query.CaseId, query.By, cancellationToken);
        var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Seq).ToListAsync(cancellationToken);
        return Verification(query.CaseId, entries);
    }

    public async ValueTask<CaseJournalView> Handle(GetCaseJournal query, CancellationToken cancellationToken)
    {
        // The endpoint's and the page's policy say so too; the query says it again for any other caller.
        if (!query.By.May(Permission.Audit))
        {
            throw new ForbiddenException(new LocalizedText("日志查询供审计人员使用；经办人员请在案件页面查看案件日志。", "The journal view is the auditors'; the case staff read the journal on the case."));
        }

        var (@case, instance) = await CaseAccess.LoadJournalAsync(db, query.CaseId, query.By, cancellationToken);
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Seq).ToListAsync(cancellationToken);
        // Always masked: who checks the views must not add to them (an auditor's reading is therefore not a view to record).
        // Every number masked, so nothing its hidden digits are (a birth date, sex, age) stays beside it.
        var entries = journal.Select(JournalView.Of).Select(e => e with { Data = PersonalDataMask.WithoutDerived(PersonalDataMask.Json(e.Data, full: false)) }).ToList();
        return new CaseJournalView(@case.Id, instance.DefinitionKey, instance.DefinitionVersion, @case.CityCode, PersonalDataMask.Label(@case.Party, full: false),
            instance.State, instance.Status, instance.EndOutcome, entries, Verification(@case.Id, journal));
    }

    private static JournalVerification Verification(Guid caseId, List<JournalEntry> entries) =>
        JournalChain.Verify(entries) is { } broken
            ? new JournalVerification(caseId, "broken", entries.Count, broken.Seq, broken.Reason)
            : new JournalVerification(caseId, "ok", entries.Count, null, null);

    /// <summary>
    /// The parties the data names at its top level: a field holding a resident identity number (or named …IdNumber)
    /// is a worker, one holding a unified social credit code (or named …CreditCode) an employer; their names come from
    /// the registers, within the actor's city as the parties' own queries apply it.
    /// </summary>
    private async Task<List<PartyView>> PartiesAsync(JsonObject? data, Actor by, bool full, CancellationToken ct)
    {
        var parties = new List<PartyView>();
        foreach (var (field, node) in data ?? [])
        {
            if (node is not JsonValue v || !v.TryGetValue<string>(out var text))
            {
                continue;
            }

            if (field.EndsWith("IdNumber", StringComparison.OrdinalIgnoreCase) || IdNumber.TryParse(text, out _, out _))
            {
                string? name = null;
                string? url = null;
                if (IdNumber.TryParse(text, out var id, out _))
                {
                    name = await Names.WorkerNameAsync(db, by, id, ct);
                    // People: the worker's page, addressed by the register's id (never the number).
                    url = name is null ? null : $"/workers/{await db.Workers.AsNoTracking().Where(w => w.IdNumber == id).Select(w => w.Id).FirstAsync(ct)}";
                }

                parties.Add(new PartyView(field, PartyView.Worker, full ? text : PersonalDataMask.IdNumber(text), name) { Url = url });
            }
            else if (field.EndsWith("CreditCode", StringComparison.OrdinalIgnoreCase) || CreditCode.TryParse(text, out _, out _))
            {
                string? name = null;
                if (CreditCode.TryParse(text, out var code, out _))
                {
                    name = await Names.EmployerNameAsync(db, by, code, ct);
                }

                parties.Add(new PartyView(field, PartyView.Employer, text, name) { Url = name is null ? null : $"/employers/{Uri.EscapeDataString(text)}" });
            }
        }

        return parties;
    }
}
