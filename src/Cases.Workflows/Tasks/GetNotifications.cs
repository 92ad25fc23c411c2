namespace Cases.Workflows.Tasks;

/// <summary>
/// The badges of the navigation: what arrived in my inbox since I last looked (<see cref="Since"/>, the server time the
/// previous answer gave; none: everything waiting), and for supervisors the escalations nobody has acknowledged yet.
/// Polled by every page, so each count stops at <see cref="NotificationCounts.Cap"/> along an index instead of counting
/// a whole city.
/// </summary>
public sealed record GetNotifications(DateTimeOffset? Since, Actor By) : IQuery<NotificationCounts>;

/// <summary>
/// <see cref="NewAvailable"/>: open tasks of my roles and city created since; <see cref="NewAssigned"/>: tasks that
/// became mine since (a supervisor's reassignment, or my own claim); <see cref="Mine"/>: every task I hold, of which
/// <see cref="MineBreached"/> past their deadline; <see cref="Escalations"/>: unacknowledged escalations whose task is
/// still open (supervisors and administrators; else 0). <see cref="Now"/> is the "since" of the next poll.
/// </summary>
public sealed record NotificationCounts(int NewAvailable, int NewAssigned, int Mine, int MineBreached, int Escalations, DateTimeOffset Now)
{
    public const int Cap = 99;
}

public sealed class GetNotificationsHandler(IWorkflowDb db, TimeProvider clock) : IQueryHandler<GetNotifications, NotificationCounts>
{
    public async ValueTask<NotificationCounts> Handle(GetNotifications query, CancellationToken cancellationToken)
    {
        var by = query.By;
        var now = clock.GetUtcNow();
        var tasks = db.Tasks.AsNoTracking();
        if (!by.IsProvincial)
        {
            tasks = tasks.Where(t => t.CityCode == by.CityCode);
        }

        var roles = by.Roles.Where(Roles.Casework.Contains).ToList();
        var open = tasks.Where(t => t.Status == HumanTaskStatus.Open && roles.Contains(t.Role));
        var mine = tasks.Where(t => t.Assignee == by.UserName && t.Status == HumanTaskStatus.Claimed);
        var newlyMine = mine;
        if (query.Since is { } since)
        {
            open = open.Where(t => t.CreatedAt > since);
            newlyMine = mine.Where(t => t.ClaimedAt > since);
        }

        var available = roles.Count == 0 ? 0 : await Capped(open, cancellationToken);
        var assigned = await Capped(newlyMine, cancellationToken);
        var held = await Capped(mine, cancellationToken);
        var breached = await Capped(mine.Where(t => t.DueAt <= now), cancellationToken);

        var escalations = 0;
        if (by.May(Permission.Oversee))
        {
            var raised = db.Escalations.AsNoTracking().Where(e => e.AcknowledgedAt == null);
            if (!by.IsProvincial)
            {
                raised = raised.Where(e => e.CityCode == by.CityCode);
            }

            escalations = await Capped(raised.Join(db.Tasks.AsNoTracking(), e => e.TaskId, t => (Guid?)t.Id, (e, t) => t)
                .Where(t => t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed), cancellationToken);
        }

        return new NotificationCounts(available, assigned, held, breached, escalations, now);
    }

    private static async Task<int> Capped<T>(IQueryable<T> rows, CancellationToken ct) =>
        await rows.Take(NotificationCounts.Cap + 1).CountAsync(ct);
}
