namespace Cases.Application.Supervision;

/// <summary>
/// The dashboard's counts of open tasks (规程 第一百二十条: 时限监控): per procedure, per officer (unclaimed tasks under a
/// null officer), and each officer's workload — from the one grouped count of <see cref="GetSlaCounts"/>, no second query.
/// </summary>
public sealed record GetSlaOverview(string? City, Actor By) : IQuery<SlaOverview>;

/// <summary>
/// Open tasks of a procedure in the scope: on time, in warning, breached — and of the breached, how many passed a limit
/// the regulation sets (a legal failure) and how many the agency's own target (a service failure).
/// </summary>
public sealed record ProcedureSla(string Procedure, int OnTime, int Warning, int Breached, int BreachedStatutory = 0, int BreachedAgency = 0)
{
    public int Open => OnTime + Warning + Breached;
}

/// <summary>Open tasks of one officer of a city (Assignee null: claimed by nobody yet, waiting in the role's pool).</summary>
public sealed record OfficerSla(string City, string? Assignee, int OnTime, int Warning, int Breached)
{
    public int Open => OnTime + Warning + Breached;
}

/// <summary>What an officer holds: tasks claimed and still open, and how many of them are past their deadline.</summary>
public sealed record OfficerWorkload(string City, string Assignee, int Claimed, int Breached);

public sealed record SlaOverview(string? City, IReadOnlyList<ProcedureSla> ByProcedure, IReadOnlyList<OfficerSla> ByOfficer, IReadOnlyList<OfficerWorkload> Workload)
{
    /// <summary>Open tasks past a limit the regulation sets, in the scope.</summary>
    public int BreachedStatutory => ByProcedure.Sum(p => p.BreachedStatutory);

    /// <summary>Open tasks past the agency's own target, in the scope.</summary>
    public int BreachedAgency => ByProcedure.Sum(p => p.BreachedAgency);

    /// <summary>Folds the (city, procedure, assignee) counts into the three tables.</summary>
    public static SlaOverview From(string? city, IReadOnlyList<SlaCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var byProcedure = counts.GroupBy(c => c.Procedure, StringComparer.Ordinal)
            .Select(g => new ProcedureSla(g.Key, g.Sum(c => c.OnTime), g.Sum(c => c.Warning), g.Sum(c => c.Breached), g.Sum(c => c.BreachedStatutory), g.Sum(c => c.BreachedAgency)))
            .OrderBy(p => p.Procedure, StringComparer.Ordinal).ToList();
        var byOfficer = counts.GroupBy(c => (c.City, c.Assignee))
            .Select(g => new OfficerSla(g.Key.City, g.Key.Assignee, g.Sum(c => c.OnTime), g.Sum(c => c.Warning), g.Sum(c => c.Breached)))
            .OrderBy(o => o.City, StringComparer.Ordinal).ThenBy(o => o.Assignee is null).ThenBy(o => o.Assignee, StringComparer.Ordinal).ToList();
        var workload = byOfficer.Where(o => o.Assignee is not null)
            .Select(o => new OfficerWorkload(o.City, o.Assignee!, o.Open, o.Breached))
            .OrderByDescending(w => w.Claimed).ThenBy(w => w.City, StringComparer.Ordinal).ThenBy(w => w.Assignee, StringComparer.Ordinal).ToList();
        return new SlaOverview(city, byProcedure, byOfficer, workload);
    }
}

public sealed class GetSlaOverviewHandler(IMediator mediator) : IQueryHandler<GetSlaOverview, SlaOverview>
{
    public async ValueTask<SlaOverview> Handle(GetSlaOverview query, CancellationToken cancellationToken)
    {
        var city = query.By.SupervisionScope(query.City);
        return SlaOverview.From(city, await mediator.Send(new GetSlaCounts(city, query.By), cancellationToken));
    }
}
