using System.Text.Json.Nodes;
using Cases.Application.Calculations;
using Cases.Application.Parameters;
using Cases.Domain.Calculations;

namespace Cases.Web.Api;

public static class CalculationsApi
{
    public sealed record SetParameterRequest(string? Name, int? Year, string? City, decimal? Value, string? Source, string? Reason);

    public static void MapCalculationsApi(this RouteGroupBuilder api)
    {
        var calculations = api.MapGroup("/calculations").WithTags("Calculations");
        calculations.MapGet("", () => TypedResults.Ok(CalculatorCatalog.All));
        calculations.MapPost("/{name}", async (string name, [FromBody] JsonObject? body, IMediator mediator, CancellationToken ct) =>
        {
            var response = await mediator.Send(new RunCalculation(name, body), ct);
            return TypedResults.Ok(new { result = response.Result, explanation = response.Explanation });
        });

        var parameters = api.MapGroup("/parameters").WithTags("Parameters");
        parameters.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListParameters(), ct)));
        parameters.MapPut("", async ([FromBody] SetParameterRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetParameter(body.Name, body.Year, body.City, body.Value, body.Source, body.Reason, user.ToActor()), ct)))
            .RequireAuthorization(Policies.Admin);
        parameters.MapGet("/changes", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListParameterChanges(), ct)))
            .RequireAuthorization(Policies.Admin);
    }
}
