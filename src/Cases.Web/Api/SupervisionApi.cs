using Cases.Web.Exports;
using Cases.Application.Supervision;

namespace Cases.Web.Api;

public static class SupervisionApi
{
    public sealed record ReassignRequest(IReadOnlyList<Guid>? TaskIds, string? UserName);

    public sealed record AcknowledgeRequest(string? Note);

    public static void MapSupervisionApi(this RouteGroupBuilder api)
    {
        var sla = api.MapGroup("").WithTags("Supervision").RequireAuthorization(Policies.Operations);
        sla.MapGet("/sla", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetSlaCounts(city, user.ToActor()), ct)));
        sla.MapGet("/escalations", async (string? city, string? open, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListEscalations(city, open is null || ApiInput.Flag(open, "open"), user.ToActor()), ct)));

        // The supervisor dashboard: the deadlines a city's tasks keep, nearly miss and miss. Its breached and at-risk lists are GET /api/tasks?scope=open&sla=…&city=.
        var dashboard = api.MapGroup("/supervision").WithTags("Supervision").RequireAuthorization(Policies.Operations);
        dashboard.MapGet("/overview", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetSlaOverview(city, user.ToActor()), ct)));
        dashboard.MapGet("/escalations", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetEscalationBoard(city, user.ToActor()), ct)));
        dashboard.MapGet("/breaches-per-week", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetBreachesPerWeek(city, user.ToActor()), ct)));
        // Late term-extension applications accepted as the agency's exception this year (第九条 sets no exception).
        dashboard.MapGet("/late-exceptions", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CountLateExceptions(city, user.ToActor()), ct)));
        dashboard.MapGet("/step-durations", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetStepDurations(city, user.ToActor()), ct)));
        dashboard.MapGet("/assignees", async (string? city, string? role, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListAssignees(city, string.IsNullOrEmpty(role) ? null : role, user.ToActor()), ct)));
        // Every list of the dashboard as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese), for its download links.
        // clock (statutory|agency) narrows the breached and at-risk lists as the page's filter does.
        dashboard.MapGet("/export/{list}", async (string list, string? city, string? clock, ClaimsPrincipal user, IMediator mediator, WorkflowText text, CancellationToken ct) =>
            TypedResults.File(await SupervisionCsv.ExportAsync(list, city, clock, user.ToActor(), mediator, text, ct), "text/csv; charset=utf-8",
                string.Create(CultureInfo.InvariantCulture, $"supervision-{list}-{(string.IsNullOrEmpty(city) ? "scope" : city)}{(string.IsNullOrWhiteSpace(clock) ? "" : "-" + clock.Trim().ToLowerInvariant())}.csv")));
        dashboard.MapPost("/escalations/{id:guid}/acknowledge", async (Guid id, [FromBody] AcknowledgeRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new AcknowledgeEscalation(id, body.Note, user.ToActor()), ct)))
            .RequireAuthorization(Policies.Supervisor).Idempotent(ReplayAccess.EscalationInRoute);
        dashboard.MapPost("/reassign", async ([FromBody] ReassignRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ReassignTasks(body.TaskIds, body.UserName, user.ToActor()), ct)))
            .RequireAuthorization(Policies.Supervisor).Idempotent(ReplayAccess.TasksInAnswer);
    }
}
