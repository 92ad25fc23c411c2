using Cases.Application.Common;
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

/// <summary>
/// What a reassignment will do, shown before the supervisor confirms it (a task given to someone else leaves its holder's
/// inbox at once): the same checks as <see cref="ReassignTasks"/> on who may reassign, which tasks and to whom, then the
/// tasks as they stand, with their parties and holders by name, and the user they go to.
/// </summary>
public sealed record PreviewReassignment(IReadOnlyList<Guid>? TaskIds, string? UserName, Actor By) : IQuery<ReassignmentPreview>;

/// <param name="To">The user the tasks go to, by display name, with their city and a role that takes tasks.</param>
/// <param name="Tasks">The tasks named, as they stand now.</param>
/// <param name="Names">Display names of the tasks' holders and the names of their parties.</param>
public sealed record ReassignmentPreview(Assignee To, IReadOnlyList<Cases.Workflows.Instances.TaskView> Tasks, NameBook Names);

/// <summary>One task of a reassignment: assigned (with the task as it is now) or refused with the reason.</summary>
public sealed record ReassignResult(Guid TaskId, bool Assigned, string? Problem, Cases.Workflows.Instances.TaskView? Task);

public sealed class AssigneeHandlers(CasesDb db, IMediator mediator, UserManager<CasesUser> users, TimeProvider clock) :
    IQueryHandler<ListAssignees, IReadOnlyList<Assignee>>,
    IQueryHandler<PreviewReassignment, ReassignmentPreview>,
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

    public async ValueTask<ReassignmentPreview> Handle(PreviewReassignment query, CancellationToken cancellationToken)
    {
        var (ids, user) = await CheckAsync(query.TaskIds, query.UserName, query.By, cancellationToken);
        var now = clock.GetUtcNow();
        var tasks = (await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken))
            .OrderBy(t => ids.IndexOf(t.Id)).Select(t => Cases.Workflows.Instances.TaskView.From(t, now)).ToList();
        var roles = await users.GetRolesAsync(user);
        var to = new Assignee(user.UserName!, user.DisplayName.Length > 0 ? user.DisplayName : user.UserName!, user.CityCode ?? "",
            tasks.Select(t => t.Role).FirstOrDefault(roles.Contains) ?? roles.First(Roles.Casework.Contains));
        var names = await Names.ResolveAsync(db, query.By, tasks.Select(t => t.Assignee), tasks.Select(t => t.CaseId), cancellationToken);
        return new ReassignmentPreview(to, tasks, names);
    }

    public async ValueTask<IReadOnlyList<ReassignResult>> Handle(ReassignTasks command, CancellationToken cancellationToken)
    {
        var (ids, user) = await CheckAsync(command.TaskIds, command.UserName, command.By, cancellationToken);
        var userName = user.UserName!;
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

    /// <summary>Who may reassign, which tasks (at least one, at most <see cref="ReassignTasks.MaxTasks"/>, all of the supervisor's city) and to whom (a user who takes tasks).</summary>
    private async Task<(List<Guid> Ids, CasesUser User)> CheckAsync(IReadOnlyList<Guid>? taskIds, string? userName, Actor by, CancellationToken cancellationToken)
    {
        if (!by.May(Permission.Supervise))
        {
            throw new ForbiddenException(new LocalizedText("只有主管可以改派任务。", "Only a supervisor reassigns tasks."));
        }

        var ids = taskIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
        {
            throw new DomainValidationException("taskIds", new LocalizedText("请至少选择一项任务。", "taskIds must name at least one task."));
        }

        if (ids.Count > ReassignTasks.MaxTasks)
        {
            throw new DomainValidationException("taskIds", new LocalizedText($"一次最多改派 {ReassignTasks.MaxTasks} 项任务。", $"taskIds may name at most {ReassignTasks.MaxTasks} tasks."));
        }

        // Whom to: a user who takes tasks. Whether they fit each task (its role and city) is AssignTask's to say per task.
        var name = TextInput.Required(userName, "userName", "userName", 256);
        var user = await users.FindByNameAsync(name);
        if (user is null || !(await users.GetRolesAsync(user)).Any(Roles.Casework.Contains))
        {
            throw new DomainValidationException("userName", new LocalizedText($"没有可以承办任务的用户「{name}」。", $"There is no user '{name}' who takes tasks."));
        }

        // Said once here rather than per task by AssignTask: a locked-out user cannot sign in, so takes no task.
        if (await users.IsLockedOutAsync(user))
        {
            var shown = user.DisplayName.Length > 0 ? user.DisplayName : name;
            throw new DomainValidationException("userName", new LocalizedText($"「{shown}」已被锁定，无法登录，不能承办任务；请改派给其他人员。", $"{shown} is locked out and cannot sign in, so cannot be given tasks; choose someone else."));
        }

        // Every task named must be one the supervisor sees: another city's is answered as a missing one (规程 第一百四十条).
        var visible = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.CityCode }).ToListAsync(cancellationToken);
        var unseen = ids.FirstOrDefault(id => !visible.Any(t => t.Id == id && by.CanSeeCity(t.CityCode)));
        if (unseen != Guid.Empty || ids.Contains(Guid.Empty))
        {
            throw new NotFoundException(new LocalizedText($"本市没有任务 {unseen}。", $"No task {unseen} in your city."));
        }

        return (ids, user);
    }
}
