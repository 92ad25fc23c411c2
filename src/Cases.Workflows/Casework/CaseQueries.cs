using Cases.Workflows.Common;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Cases.Workflows.Casework;

/// <summary>A case with its data, state, open tasks, pending clocks and journal.</summary>
public sealed record GetCase(Guid CaseId, Actor By) : IQuery<CaseView>;

/// <summary>Checks a case's journal chain: "ok", or the first entry that does not verify.</summary>
public sealed record VerifyJournal(Guid CaseId, Actor By) : IQuery<JournalVerification>;

public sealed record JournalVerification(Guid CaseId, string Status, int Entries, int? FirstBrokenSeq, string? Reason);

public sealed class CaseQueryHandlers(CasesDb db, DefinitionStore definitions, TimeProvider clock) : IQueryHandler<GetCase, CaseView>, IQueryHandler<VerifyJournal, JournalVerification>
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
            .Select(m => new MaterialView(m.Key, m.Spec.Label.Zh, m.Spec.Label.En, m.Spec.Basis, m.Required, m.Received)).ToList();
        return new CaseView(@case.Id, instance.Id, instance.DefinitionKey, instance.DefinitionVersion, @case.CityCode, @case.Party,
            instance.State, instance.Status, instance.EndOutcome, instance.Revision, System.Text.Json.Nodes.JsonNode.Parse(instance.DataJson),
            tasks.Select(t => TaskView.From(t, now)).ToList(), timers.Select(TimerView.From).ToList(), journal.Select(JournalView.Of).ToList(), materials);
    }

    public async ValueTask<JournalVerification> Handle(VerifyJournal query, CancellationToken cancellationToken)
    {
        var (_, instance) = await CaseAccess.LoadAsync(db, query.CaseId, query.By, track: false, cancellationToken);
        var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Seq).ToListAsync(cancellationToken);
        return JournalChain.Verify(entries) is { } broken
            ? new JournalVerification(query.CaseId, "broken", entries.Count, broken.Seq, broken.Reason)
            : new JournalVerification(query.CaseId, "ok", entries.Count, null, null);
    }
}
