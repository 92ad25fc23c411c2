using Cases.Application.Common;
using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;

namespace Cases.Application.Supervision;

/// <summary>
/// 「督办」 as its page shows it, for one city or — provincial staff — every city or the one picked (another city from a
/// city's staff is refused, 403): the SLA figures, the escalations, a page of the breached and of the at-risk open tasks
/// (earliest deadline first; a cursor that no longer fits goes back to the first page, and says so), breaches per week,
/// time per step, whom tasks can go to, and whether the user reassigns or only looks.
/// </summary>
/// <remarks><see cref="Clock"/> (statutory or agency) narrows the breached and at-risk lists to the deadlines the regulation, or the agency, sets.</remarks>
public sealed record GetSupervisionPage(string? City, string? BreachedAfter, string? WarningAfter, int PageSize, Actor By, string? Clock = null) : IQuery<SupervisionPageView>;

/// <param name="City">The city shown; null for every city.</param>
/// <param name="Overview">Open tasks on time, in warning and breached, per procedure and officer, and the workload.</param>
/// <param name="Escalations">The escalations and the supervisors' own tasks.</param>
/// <param name="Breached">A page of the breached open tasks.</param>
/// <param name="Warning">A page of the open tasks at risk.</param>
/// <param name="Weeks">Breaches per week.</param>
/// <param name="Steps">Time to complete each step, in working days.</param>
/// <param name="Assignees">Whom tasks can go to, by city and role.</param>
/// <param name="CanReassign">Supervisors reassign; administrators only look.</param>
/// <param name="FullIdNumbers">The user's role sees whole identity numbers.</param>
/// <param name="Provincial">The user may pick a city.</param>
/// <param name="StaleCursor">A list's cursor no longer fitted: its first page is shown.</param>
/// <param name="Names">Display names of the officers on the page and the names of the listed tasks' parties.</param>
/// <param name="LateExceptions">Late term-extension applications accepted as the agency's exception this year.</param>
public sealed record SupervisionPageView(string? City, SlaOverview Overview, EscalationBoard Escalations, SlaTasks Breached, SlaTasks Warning,
    IReadOnlyList<WeekBreaches> Weeks, IReadOnlyList<StepDuration> Steps, IReadOnlyList<Assignee> Assignees,
    bool CanReassign, bool FullIdNumbers, bool Provincial, bool StaleCursor, NameBook Names, LateExceptionCount LateExceptions);

/// <summary>One list of the dashboard (breached or warning): a page of open tasks after a cursor, and the next page's cursor.</summary>
public sealed record SlaTasks(string Sla, IReadOnlyList<TaskView> Rows, string? After, string? Next);

public sealed class GetSupervisionPageHandler(IMediator mediator) : IQueryHandler<GetSupervisionPage, SupervisionPageView>
{
    public async ValueTask<SupervisionPageView> Handle(GetSupervisionPage query, CancellationToken cancellationToken)
    {
        var by = query.By;
        var scope = by.SupervisionScope(query.City);
        var stale = false;
        async Task<SlaTasks> ListAsync(string sla, string? after)
        {
            after = string.IsNullOrWhiteSpace(after) ? null : after;
            try
            {
                var page = await mediator.Send(new ListTasks("open", null, null, null, null, after, query.PageSize, by, sla, "due", scope, Clock: query.Clock), cancellationToken);
                return new SlaTasks(sla, page.Items, after, page.Next);
            }
            catch (DomainValidationException) when (after is not null)
            {
                stale = true;
                return await ListAsync(sla, null);
            }
        }

        var overview = await mediator.Send(new GetSlaOverview(scope, by), cancellationToken);
        var escalations = await mediator.Send(new GetEscalationBoard(scope, by), cancellationToken);
        var breached = await ListAsync("breached", query.BreachedAfter);
        var warning = await ListAsync("warning", query.WarningAfter);
        var tasks = breached.Rows.Concat(warning.Rows).Concat(escalations.SupervisorTasks).ToList();
        var names = await mediator.Send(new ResolveNames(
            [
                .. tasks.Select(t => t.Assignee), .. escalations.Breaches.SelectMany(e => new[] { e.Assignee, e.AcknowledgedBy }),
                .. overview.ByOfficer.Select(o => o.Assignee), .. overview.Workload.Select(w => w.Assignee),
            ],
            [.. tasks.Select(t => t.CaseId), .. escalations.Breaches.Select(e => e.CaseId)], by), cancellationToken);
        return new SupervisionPageView(
            scope,
            overview,
            escalations,
            breached,
            warning,
            await mediator.Send(new GetBreachesPerWeek(scope, by), cancellationToken),
            await mediator.Send(new GetStepDurations(scope, by), cancellationToken),
            await mediator.Send(new ListAssignees(scope, null, by), cancellationToken),
            CanReassign: by.May(Permission.Supervise),
            FullIdNumbers: by.NeedsFullIdNumbers,
            Provincial: by.IsProvincial,
            StaleCursor: stale,
            Names: names,
            LateExceptions: await mediator.Send(new CountLateExceptions(scope, by), cancellationToken));
    }
}
