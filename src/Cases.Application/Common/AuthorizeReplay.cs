namespace Cases.Application.Common;

/// <summary>What a command's recorded answer is about, for checking the caller's access again before it is given back.</summary>
public enum ReplayScope
{
    /// <summary>The caller's own record (a saved filter): the key is theirs, there is nothing more to check.</summary>
    Own,

    /// <summary>Cases: of a city the caller sees.</summary>
    Case,

    /// <summary>Tasks: of a city the caller sees, and of the caller's role (or the caller supervises).</summary>
    Task,

    /// <summary>Escalations: of a city the caller sees.</summary>
    Escalation,
}

/// <summary>
/// Before the first answer of a command is given again for a repeated Idempotency-Key, the caller's access to what it is
/// about is checked as a new request's would be — the caller may have moved to another city or role since: another
/// city's record is not found (404, 规程 第一百四十条), another role's task is forbidden (403). Nothing of the first answer
/// is given to a caller who fails it.
/// </summary>
public sealed record AuthorizeReplay(ReplayScope Scope, IReadOnlyList<Guid> Ids, Actor By) : IQuery<bool>;

public sealed class AuthorizeReplayHandler(CasesDb db) : IQueryHandler<AuthorizeReplay, bool>
{
    public async ValueTask<bool> Handle(AuthorizeReplay query, CancellationToken cancellationToken)
    {
        var ids = query.Ids.Distinct().ToList();
        var by = query.By;
        switch (query.Scope)
        {
            case ReplayScope.Case:
                var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.CityCode }).ToListAsync(cancellationToken);
                if (FirstUnseen(ids, cases.Where(c => by.CanSeeCity(c.CityCode)).Select(c => c.Id)) is { } @case)
                {
                    throw new NotFoundException(new LocalizedText($"本市没有案件 {@case}。", $"No case {@case} in your city."));
                }

                break;
            case ReplayScope.Task:
                var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.CityCode, t.Role }).ToListAsync(cancellationToken);
                if (FirstUnseen(ids, tasks.Where(t => by.CanSeeCity(t.CityCode)).Select(t => t.Id)) is { } task)
                {
                    throw new NotFoundException(new LocalizedText($"本市没有任务 {task}。", $"No task {task} in your city."));
                }

                if (tasks.FirstOrDefault(t => !by.IsIn(t.Role) && !by.May(Permission.Supervise)) is { } other)
                {
                    throw new ForbiddenException(new LocalizedText($"这项任务由「{other.Role}」角色办理。", $"This task is for the {other.Role} role."));
                }

                break;
            case ReplayScope.Escalation:
                var escalations = await db.Escalations.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.CityCode }).ToListAsync(cancellationToken);
                if (FirstUnseen(ids, escalations.Where(e => by.CanSeeCity(e.CityCode)).Select(e => e.Id)) is { } escalation)
                {
                    throw new NotFoundException(new LocalizedText($"未找到督办事项 {escalation}。", $"Escalation {escalation} was not found."));
                }

                break;
            case ReplayScope.Own:
                break;
        }

        return true;
    }

    private static Guid? FirstUnseen(IEnumerable<Guid> ids, IEnumerable<Guid> seen)
    {
        var visible = seen.ToHashSet();
        return ids.Where(id => !visible.Contains(id)).Select(id => (Guid?)id).FirstOrDefault();
    }
}
