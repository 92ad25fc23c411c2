using Cases.Application.Parties;

namespace Cases.Web.Api;

public static class PartiesApi
{
    public sealed record RegisterEmployerRequest(string? CreditCode, string? Name, int? RiskClass, string? City, string? RegisteredOn);

    public sealed record RegisterWorkerRequest(string? IdNumber, string? Name, string? Phone, string? EmployerCreditCode);

    public static void MapPartiesApi(this RouteGroupBuilder api)
    {
        // The registers hold personal data: the case staff only (规程 第一百四十条), never designers or auditors.
        var employers = api.MapGroup("/employers").WithTags("Employers").RequireAuthorization(Policies.CaseData);
        employers.MapPost("", async ([FromBody] RegisterEmployerRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var registeredOn = body.RegisteredOn is null ? (DateOnly?)null : ApiInput.Date(body.RegisteredOn, "registeredOn");
            var view = await mediator.Send(new RegisterEmployer(body.CreditCode, body.Name, body.RiskClass, body.City, registeredOn, user.ToActor()), ct);
            return TypedResults.Created($"/api/employers/{view.CreditCode}", view);
        }).RequireAuthorization(Policies.RegisterParties);
        employers.MapGet("/{creditCode}", async (string creditCode, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetEmployer(creditCode, user.ToActor()), ct)));
        employers.MapGet("/{creditCode}/workers", async (string creditCode, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListWorkers(creditCode, user.ToActor()), ct)));

        var workers = api.MapGroup("/workers").WithTags("Workers").RequireAuthorization(Policies.CaseData);
        workers.MapPost("", async ([FromBody] RegisterWorkerRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var view = await mediator.Send(new RegisterWorker(body.IdNumber, body.Name, body.Phone, body.EmployerCreditCode, user.ToActor()), ct);
            return TypedResults.Created(default(string), view);
        }).RequireAuthorization(Policies.RegisterParties);
        // ?purpose=… (why the full number is needed) unmasks it for officers and reviewers; the view is recorded.
        workers.MapGet("/{idNumber}", async (string idNumber, string? purpose, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetWorker(idNumber, user.ToActor(), purpose), ct)));
    }
}
