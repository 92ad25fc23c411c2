using Cases.Workflows.Definitions;

namespace Cases.Application.Supervision;

/// <summary>Open tasks per procedure and officer: on time, warning, breached (counted in SQL from the tasks' instants).</summary>
public sealed record GetSlaCounts(string? City, Actor By) : IQuery<IReadOnlyList<SlaCount>>;

/// <summary>
/// Open tasks of one (city, procedure, assignee): on time, warning, breached, and of the breached those past a limit the
/// regulation sets (a legal failure) and those past the agency's own target (a service failure); tasks of versions older
/// than the distinction count in neither.
/// </summary>
public sealed record SlaCount(string City, string Procedure, string? Assignee, int OnTime, int Warning, int Breached, int BreachedStatutory = 0, int BreachedAgency = 0);

/// <summary>Raised escalations (breached deadlines), newest first, for the city's supervisors.</summary>
public sealed record ListEscalations(string? City, bool OpenOnly, Actor By) : IQuery<IReadOnlyList<Escalation>>;

public sealed class SlaQueryHandlers(CasesDb db, TimeProvider clock) :
    IQueryHandler<GetSlaCounts, IReadOnlyList<SlaCount>>,
    IQueryHandler<ListEscalations, IReadOnlyList<Escalation>>
{
    public async ValueTask<IReadOnlyList<SlaCount>> Handle(GetSlaCounts query, CancellationToken cancellationToken)
    {
        var city = query.By.SupervisionScope(query.City);
        var now = clock.GetUtcNow();
        var tasks = db.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed);
        if (city is not null)
        {
            tasks = tasks.Where(t => t.CityCode == city);
        }

        var rows = await tasks
            .GroupBy(t => new { t.CityCode, t.Procedure, t.Assignee })
            .Select(g => new
            {
                g.Key.CityCode,
                g.Key.Procedure,
                g.Key.Assignee,
                Breached = g.Count(t => t.DueAt <= now),
                BreachedStatutory = g.Count(t => t.DueAt <= now && t.ClockSource == ClockSource.Statutory),
                BreachedAgency = g.Count(t => t.DueAt <= now && t.ClockSource == ClockSource.Agency),
                Warning = g.Count(t => t.DueAt > now && t.WarnAt <= now),
                OnTime = g.Count(t => t.WarnAt > now),
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.CityCode, StringComparer.Ordinal).ThenBy(r => r.Procedure, StringComparer.Ordinal).ThenBy(r => r.Assignee, StringComparer.Ordinal)
            .Select(r => new SlaCount(r.CityCode, r.Procedure, r.Assignee, r.OnTime, r.Warning, r.Breached, r.BreachedStatutory, r.BreachedAgency)).ToList();
    }

    public async ValueTask<IReadOnlyList<Escalation>> Handle(ListEscalations query, CancellationToken cancellationToken)
    {
        var city = query.By.SupervisionScope(query.City);
        var escalations = db.Escalations.AsNoTracking();
        if (city is not null)
        {
            escalations = escalations.Where(e => e.CityCode == city);
        }

        if (query.OpenOnly)
        {
            escalations = escalations.Where(e => e.AcknowledgedAt == null);
        }

        return await escalations.OrderByDescending(e => e.RaisedAt).Take(500).ToListAsync(cancellationToken);
    }
}
