using System.Security.Claims;
using Cases.Web.Infrastructure;
using Cases.Workflows.Supervision;
using Mediator;

namespace Cases.Web.Api;

public static class SupervisionApi
{
    public static void MapSupervisionApi(this RouteGroupBuilder api)
    {
        var sla = api.MapGroup("").WithTags("Supervision").RequireAuthorization(Policies.Operations);
        sla.MapGet("/sla", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetSlaCounts(city, user.ToActor()), ct)));
        sla.MapGet("/escalations", async (string? city, string? open, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListEscalations(city, open is null || ApiInput.Flag(open, "open"), user.ToActor()), ct)));
    }
}
