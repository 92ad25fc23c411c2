using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;

namespace Cases.Application.Supervision;

/// <summary>
/// What the runtime has escalated to the city's supervisors and is still unresolved, shown first on the dashboard:
/// breached deadlines whose task is still open (escalation records raised by the breach timer), and the tasks a
/// procedure gives to the supervisor role itself (e.g. advance-payment's recovery-escalation, 第九十三条).
/// </summary>
public sealed record GetEscalationBoard(string? City, Actor By) : IQuery<EscalationBoard>;

/// <summary>A raised escalation whose task is still open, with the task as officers see it, and who acknowledged it (<see cref="AcknowledgeEscalation"/>).</summary>
public sealed record EscalationRow(Guid Id, Guid CaseId, Guid TaskId, string City, string Procedure, string State, string Title, string TitleEn,
    string Party, string? Assignee, DateOnly DueOn, string Basis, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt = null, string? AcknowledgedBy = null,
    string? AcknowledgementNote = null, ClockSource? Source = null);

public sealed record EscalationBoard(IReadOnlyList<EscalationRow> Breaches, IReadOnlyList<TaskView> SupervisorTasks);

public sealed class GetEscalationBoardHandler(CasesDb db, TimeProvider clock) : IQueryHandler<GetEscalationBoard, EscalationBoard>
{
    /// <summary>At most this many of each: the lists below them hold every breached task anyway.</summary>
    public const int Limit = 100;

    public async ValueTask<EscalationBoard> Handle(GetEscalationBoard query, CancellationToken cancellationToken)
    {
        var city = query.By.SupervisionScope(query.City);
        var now = clock.GetUtcNow();

        // Unacknowledged first, then newest first; each joined to its task by key.
        var escalations = db.Escalations.AsNoTracking();
        var tasks = db.Tasks.AsNoTracking();
        if (city is not null)
        {
            escalations = escalations.Where(e => e.CityCode == city);
            tasks = tasks.Where(t => t.CityCode == city);
        }

        var breaches = await escalations
            .Join(db.Tasks.AsNoTracking(), e => e.TaskId, t => (Guid?)t.Id, (e, t) => new { e, t })
            .Where(x => x.t.Status == HumanTaskStatus.Open || x.t.Status == HumanTaskStatus.Claimed)
            .OrderBy(x => x.e.AcknowledgedAt != null).ThenByDescending(x => x.e.RaisedAt)
            .Take(Limit)
            .Select(x => new EscalationRow(x.e.Id, x.e.CaseId, x.t.Id, x.e.CityCode, x.e.Procedure, x.e.State, x.t.TitleZh, x.t.TitleEn,
                x.t.Party, x.t.Assignee, x.e.DueOn, x.e.Basis, x.e.RaisedAt, x.e.AcknowledgedAt, x.e.AcknowledgedBy, null, x.e.ClockSource))
            .ToListAsync(cancellationToken);
        // The party masked as in every list (TaskView.Party).
        breaches = [.. breaches.Select(b => b with { Party = Cases.Domain.Privacy.PersonalDataMask.Label(b.Party, full: false) })];
        breaches = await WithNotesAsync(breaches, query.By, cancellationToken);

        // The supervisor role's own open tasks, earliest deadline first (ix_human_tasks_claimable: city, role, status, due).
        var supervisorTasks = await tasks
            .Where(t => t.Role == Roles.Supervisor && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed))
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(Limit)
            .ToListAsync(cancellationToken);
        return new EscalationBoard(breaches, [.. supervisorTasks.Select(t => TaskView.From(t, now))]);
    }

    /// <summary>
    /// The note each acknowledgement was given with. It is kept where the acknowledgement is recorded, on the case's
    /// journal (规程 第一百二十条), so it is read from there: masked as the acknowledging supervisor was shown it.
    /// </summary>
    private async Task<List<EscalationRow>> WithNotesAsync(List<EscalationRow> rows, Actor by, CancellationToken ct)
    {
        var acknowledged = rows.Where(r => r.AcknowledgedAt is not null).Select(r => r.Id).ToList();
        if (acknowledged.Count == 0)
        {
            return rows;
        }

        var instances = await db.Escalations.AsNoTracking().Where(e => acknowledged.Contains(e.Id)).Select(e => e.InstanceId).Distinct().ToListAsync(ct);
        var entries = await db.Journal.AsNoTracking()
            .Where(j => instances.Contains(j.InstanceId) && j.Action == AgencyJournalActions.EscalationAcknowledged)
            .Select(j => j.DataJson)
            .ToListAsync(ct);
        var notes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var json in entries)
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject data
                && data["escalationId"]?.GetValue<string>() is { } id && data["note"]?.GetValue<string>() is { Length: > 0 } note)
            {
                notes[id] = Cases.Domain.Privacy.PersonalDataMask.Label(note, by.NeedsFullIdNumbers);
            }
        }

        return [.. rows.Select(r => notes.TryGetValue(r.Id.ToString(), out var note) ? r with { AcknowledgementNote = note } : r)];
    }
}
