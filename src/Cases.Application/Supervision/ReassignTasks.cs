using Cases.Workflows.Tasks;
using Microsoft.AspNetCore.Identity;

namespace Cases.Application.Supervision;

/// <summary>The staff a supervisor may give tasks to: users of the scope's city (or every city) in the roles tasks go to.</summary>
public sealed record ListAssignees(string? City, string? Role, Actor By) : IQuery<IReadOnlyList<Assignee>>;

/// <summary>A user who can take tasks of <see cref="Role"/> in <see cref="City"/>.</summary>
public sealed record Assignee(string UserName, string DisplayName, string City, string Role);

/// <summary>
/// A supervisor reassigns one or more tasks to a named user (规程 第一百二十条: 督办). Every task must be of the
/// supervisor's city (else 404, nothing done); each then goes through <see cref="AssignTask"/> on its own — its role,
/// city and separation of duties checked, journaled — so one task that cannot go to that user does not stop the others;
/// the answer says, per task, what happened.
/// </summary>
public sealed record ReassignTasks(IReadOnlyList<Guid>? TaskIds, string? UserName, Actor By) : ICommand<IReadOnlyList<ReassignResult>>
{
    /// <summary>At most this many tasks in one request.</summary>
    public const int MaxTasks = 200;
}

/// <summary>One task of a reassignment: assigned (with the task as it is now) or refused with the reason.</summary>
public sealed record ReassignResult(Guid TaskId, bool Assigned, string? Problem, Cases.Workflows.Instances.TaskView? Task);

public sealed class AssigneeHandlers(CasesDb db, IMediator mediator, UserManager<CasesUser> users) :
    IQueryHandler<ListAssignees, IReadOnlyList<Assignee>>,
    ICommandHandler<ReassignTasks, IReadOnlyList<ReassignResult>>
{
    public async ValueTask<IReadOnlyList<Assignee>> Handle(ListAssignees query, CancellationToken cancellationToken)
    {
        var city = query.By.SupervisionScope(query.City);
        if (query.Role is not null && !Roles.Casework.Contains(query.Role))
        {
            throw new DomainValidationException("role", new LocalizedText($"角色须为以下之一：{string.Join("、", Roles.Casework)}。", $"role must be one of: {string.Join(", ", Roles.Casework)}."));
        }

        var roles = query.Role is null ? Roles.Casework : [query.Role];
        var users = db.Users.AsNoTracking().Where(u => u.CityCode != null);
        if (city is not null)
        {
            users = users.Where(u => u.CityCode == city);
        }

        var rows = await (from u in users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where roles.Contains(r.Name!)
                          select new { Assignee = new Assignee(u.UserName!, u.DisplayName, u.CityCode!, r.Name!), u.LockoutEnabled, u.LockoutEnd }).ToListAsync(cancellationToken);
        // A locked-out user cannot sign in, so is never offered: a task given to them would wait with nobody on it. The
        // lockout's end is compared here, not in SQL (SQLite cannot compare DateTimeOffset), as Identity does (real time).
        var now = DateTimeOffset.UtcNow;
        return [.. rows.Where(a => !(a.LockoutEnabled && a.LockoutEnd > now)).Select(a => a.Assignee).OrderBy(a => a.City, StringComparer.Ordinal).ThenBy(a => a.Role, StringComparer.Ordinal).ThenBy(a => a.UserName, StringComparer.Ordinal)];
    }

    public async ValueTask<IReadOnlyList<ReassignResult>> Handle(ReassignTasks command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.Supervise))
        {
            throw new ForbiddenException(new LocalizedText("只有主管可以改派任务。", "Only a supervisor reassigns tasks."));
        }

        var ids = command.TaskIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
        {
            throw new DomainValidationException("taskIds", new LocalizedText("请至少选择一项任务。", "taskIds must name at least one task."));
        }

        if (ids.Count > ReassignTasks.MaxTasks)
        {
            throw new DomainValidationException("taskIds", new LocalizedText($"一次最多改派 {ReassignTasks.MaxTasks} 项任务。", $"taskIds may name at most {ReassignTasks.MaxTasks} tasks."));
        }

        // Whom to: a user who takes tasks. Whether they fit each task (its role and city) is AssignTask's to say per task.
        var userName = TextInput.Required(command.UserName, "userName", "userName", 256);
        var user = await users.FindByNameAsync(userName);
        if (user is null || !(await users.GetRolesAsync(user)).Any(Roles.Casework.Contains))
        {
            throw new DomainValidationException("userName", new LocalizedText($"没有可以承办任务的用户「{userName}」。", $"There is no user '{userName}' who takes tasks."));
        }

        // Every task named must be one the supervisor sees: another city's is answered as a missing one (规程 第一百四十条).
        var visible = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.CityCode }).ToListAsync(cancellationToken);
        var unseen = ids.FirstOrDefault(id => !visible.Any(t => t.Id == id && command.By.CanSeeCity(t.CityCode)));
        if (unseen != Guid.Empty || ids.Contains(Guid.Empty))
        {
            throw new NotFoundException(new LocalizedText($"本市没有任务 {unseen}。", $"No task {unseen} in your city."));
        }

        var results = new List<ReassignResult>();
        foreach (var id in ids)
        {
            try
            {
                results.Add(new ReassignResult(id, true, null, await mediator.Send(new AssignTask(id, userName, command.By), cancellationToken)));
            }
            catch (Exception e) when (e is ConflictException or ForbiddenException or NotFoundException or DomainValidationException)
            {
                results.Add(new ReassignResult(id, false, e.Message, (e as ConflictException)?.Current as Cases.Workflows.Instances.TaskView));
            }
        }

        return results;
    }
}
