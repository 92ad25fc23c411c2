using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Workflows.Instances;

namespace Cases.Web.Api;

public static class CasesApi
{
    public sealed record StartCaseRequest(string? Procedure, string? City, JsonObject? Data);

    public sealed record MigrateRequest(int? ToVersion, Dictionary<string, string>? StateMapping, bool? DryRun);

    public static void MapCasesApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("", async ([FromBody] StartCaseRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var started = await mediator.Send(new StartCase(body.Procedure, body.City, body.Data, user.ToActor()), ct);
            return TypedResults.Created($"/api/cases/{started.CaseId}", started);
        }).RequireAuthorization(Policies.OpenCases).Idempotent(ReplayAccess.CaseInAnswer);

        // 案件查询: the user's city (provincial staff: every city or the one named); party labels masked as in the inbox.
        cases.MapGet("", async (string? procedure, string? status, string? state, string? q, string? openedFrom, string? openedTo, string? city, string? after, string? limit,
            ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SearchCases(procedure, status, state, q,
                openedFrom is null ? null : ApiInput.Date(openedFrom, "openedFrom"),
                openedTo is null ? null : ApiInput.Date(openedTo, "openedTo"),
                city, after,
                limit is null ? null : ApiInput.WholeNumber(limit, "limit"),
                user.ToActor()), ct)))
            .RequireAuthorization(Policies.CaseData);

        // Identity numbers in the case are masked for roles that do not handle cases; an officer's view is recorded (GetCase).
        cases.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetCase(id, user.ToActor()), ct)))
            .RequireAuthorization(Policies.CaseData);

        cases.MapPost("/{id:guid}/events/{eventName}", async (Guid id, string eventName, [FromBody] JsonObject? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RecordEvent(id, eventName, body, user.ToActor()), ct)))
            .RequireAuthorization(Policies.RecordEvents).Idempotent(ReplayAccess.CaseInRoute);

        // Supervisors move a running case to a newer version; dryRun (the default) shows what would change.
        cases.MapPost("/{id:guid}/migrate", async (Guid id, [FromBody] MigrateRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MigrateInstance(id, body.ToVersion, body.StateMapping, body.DryRun ?? true, user.ToActor()), ct)))
            .RequireAuthorization(Policies.Supervisor).Idempotent(ReplayAccess.CaseInRoute);

        cases.MapGet("/{id:guid}/journal/verify", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new VerifyJournal(id, user.ToActor()), ct)))
            .RequireAuthorization(Policies.CaseJournal);

        // The journals auditors audit: a case's journal, masked, with its verification — not the case itself.
        cases.MapGet("/{id:guid}/journal", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetCaseJournal(id, user.ToActor()), ct)))
            .RequireAuthorization(Policies.Audit);
    }
}
