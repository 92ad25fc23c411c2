using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;

namespace Cases.Application.Inbox;

/// <summary>
/// The inbox claims one task, or every task ticked: each through <see cref="ClaimTask"/> on its own — its role, city and
/// status checked, journaled — so one that someone else took first does not stop the rest; the answer says, per task,
/// what happened.
/// </summary>
public sealed record ClaimTasks(IReadOnlyList<Guid> TaskIds, Actor By) : ICommand<IReadOnlyList<ClaimResult>>;

/// <summary>Why a task was not claimed.</summary>
public enum ClaimRefusal
{
    /// <summary>Someone else claimed, completed or cancelled it first (<see cref="ClaimResult.Current"/> says how it stands).</summary>
    Conflict,

    /// <summary>It is for another role (or separation of duties keeps the user from it).</summary>
    Forbidden,

    /// <summary>It is not there, or not in the user's city.</summary>
    NotFound,
}

/// <summary>
/// One task of a claim: claimed, or refused with the kind and the reason (and, after a conflict, the task as it stands
/// and the display names of who holds or completed it, in <paramref name="Names"/>).
/// </summary>
public sealed record ClaimResult(Guid TaskId, ClaimRefusal? Refusal, string? Problem, TaskView? Current, Common.NameBook? Names = null)
{
    public bool Claimed => Refusal is null;
}

public sealed class ClaimTasksHandler(IMediator mediator, CasesDb db) : ICommandHandler<ClaimTasks, IReadOnlyList<ClaimResult>>
{
    public async ValueTask<IReadOnlyList<ClaimResult>> Handle(ClaimTasks command, CancellationToken cancellationToken)
    {
        var results = new List<ClaimResult>();
        foreach (var id in command.TaskIds.Distinct())
        {
            try
            {
                results.Add(new ClaimResult(id, null, null, await mediator.Send(new ClaimTask(id, command.By), cancellationToken)));
            }
            catch (ConflictException e)
            {
                var current = e.Current as TaskView;
                var names = current is null ? null : new Common.NameBook(
                    await Common.Names.UsersAsync(db, [current.Assignee, current.CompletedBy], cancellationToken), new Dictionary<Guid, Common.PartyLabel>());
                results.Add(new ClaimResult(id, ClaimRefusal.Conflict, e.Message, current, names));
            }
            catch (ForbiddenException e)
            {
                results.Add(new ClaimResult(id, ClaimRefusal.Forbidden, e.Message, null));
            }
            catch (NotFoundException e)
            {
                results.Add(new ClaimResult(id, ClaimRefusal.NotFound, e.Message, null));
            }
        }

        return results;
    }
}
