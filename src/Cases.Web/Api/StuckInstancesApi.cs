using Cases.Application.Supervision;

namespace Cases.Web.Api;

/// <summary>The stuck-case check for supervisors (<see cref="FindStuckInstances"/>), city-scoped like <c>/api/sla</c>.</summary>
public static class StuckInstancesApi
{
    public static void MapStuckInstancesApi(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/stuck", async (string? city, string? graceMinutes, string? verifyJournals, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new FindStuckInstances(
                    city,
                    graceMinutes is null ? null : ApiInput.WholeNumber(graceMinutes, "graceMinutes"),
                    verifyJournals is not null && ApiInput.Flag(verifyJournals, "verifyJournals"),
                    user.ToActor()), ct)))
            .WithTags("Supervision").RequireAuthorization(Policies.Operations);
}
