using System.Security.Claims;
using Cases.Web.Infrastructure;
using Cases.Workflows.Ledgers;
using Mediator;

namespace Cases.Web.Api;

public static class LedgersApi
{
    public static void MapLedgersApi(this RouteGroupBuilder api)
    {
        var ledgers = api.MapGroup("/ledgers").WithTags("Ledgers").RequireAuthorization(Policies.Ledgers);
        ledgers.MapGet("/advance-payments", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetAdvancePaymentLedger(city, user.ToActor()), ct)));
        ledgers.MapGet("/third-party-medical", async (string? city, string? injuryCaseId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetThirdPartyMedicalLedger(city, injuryCaseId, user.ToActor()), ct)));
    }
}
