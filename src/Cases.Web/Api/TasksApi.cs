using System.Text.Json.Nodes;
using Cases.Workflows.Tasks;

namespace Cases.Web.Api;

public static class TasksApi
{
    public sealed record AssignRequest(string? UserName);

    public sealed record CompleteRequest(string? Outcome, JsonObject? Data);

    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        // Tasks are casework: designers and auditors take none and read none (规程 第一百一十九、一百四十一条).
        var tasks = api.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization(Policies.CaseData);
        tasks.MapGet("", async (string? scope, string? procedure, string? status, string? dueBefore, string? overdue, string? after, string? limit, string? sla, string? sort, string? city,
            string? party, string? caseNumber, string? assignee, string? clock, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var query = new ListTasks(scope, procedure, status,
                dueBefore is null ? null : ApiInput.Date(dueBefore, "dueBefore"),
                overdue is null ? null : ApiInput.Flag(overdue, "overdue"),
                after,
                limit is null ? null : ApiInput.WholeNumber(limit, "limit"),
                user.ToActor(),
                sla,
                sort,
                city,
                party,
                caseNumber,
                assignee,
                clock);
            return TypedResults.Ok(await mediator.Send(query, ct));
        });

        // The navigation's badges (every page polls this): new tasks since the last answer's "now", unacknowledged escalations.
        api.MapGet("/notifications", async (string? since, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetNotifications(string.IsNullOrEmpty(since) ? null : ApiInput.Instant(since, "since"), user.ToActor()), ct)))
            .WithTags("Tasks");

        tasks.MapPost("/{id:guid}/claim", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ClaimTask(id, user.ToActor()), ct))).Idempotent(ReplayAccess.TaskInRoute);
        tasks.MapPost("/{id:guid}/release", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ReleaseTask(id, user.ToActor()), ct))).Idempotent(ReplayAccess.TaskInRoute);
        tasks.MapPost("/{id:guid}/assign", async (Guid id, [FromBody] AssignRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new AssignTask(id, body.UserName, user.ToActor()), ct)))
            .RequireAuthorization(Policies.Supervisor).Idempotent(ReplayAccess.TaskInRoute);
        tasks.MapPost("/{id:guid}/complete", async (Guid id, [FromBody] CompleteRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CompleteTask(id, body.Outcome, body.Data, user.ToActor()), ct))).Idempotent(ReplayAccess.TaskInRoute);
    }
}
