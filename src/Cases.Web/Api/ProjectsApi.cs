using Cases.Application.Projects;

namespace Cases.Web.Api;

/// <summary>Construction projects insured by project (第九条) and their workers filed by real name (第十一条).</summary>
public static class ProjectsApi
{
    public sealed record FileProjectWorkerRequest(string? IdNumber, string? Name, string? EmployedOn);

    public sealed record ProjectWorkerLeftRequest(string? LeftOn);

    public static void MapProjectsApi(this RouteGroupBuilder api)
    {
        // The projects' workers are personal data: the case staff only (规程 第一百四十条), as the other registers.
        var projects = api.MapGroup("/projects").WithTags("Projects").RequireAuthorization(Policies.CaseData);
        projects.MapGet("", async (string? q, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListProjects(q, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        projects.MapGet("/{code}", async (string code, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetProject(code, user.ToActor()), ct)));
        projects.MapPost("/{code}/workers", async (string code, [FromBody] FileProjectWorkerRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var employedOn = body.EmployedOn is null ? (DateOnly?)null : ApiInput.Date(body.EmployedOn, "employedOn");
            var view = await mediator.Send(new FileProjectWorker(code, body.IdNumber, body.Name, employedOn, user.ToActor()), ct);
            return TypedResults.Created($"/api/projects/{Uri.EscapeDataString(code)}", view);
        }).RequireAuthorization(Policies.RegisterParties);
        projects.MapPost("/{code}/workers/{idNumber}/leave", async (string code, string idNumber, [FromBody] ProjectWorkerLeftRequest? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var leftOn = body?.LeftOn is null ? (DateOnly?)null : ApiInput.Date(body.LeftOn, "leftOn");
            return TypedResults.Ok(await mediator.Send(new RecordProjectWorkerLeft(code, idNumber, leftOn, user.ToActor()), ct));
        }).RequireAuthorization(Policies.RegisterParties);
    }
}
