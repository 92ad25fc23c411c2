using Cases.Application.Benefits;

namespace Cases.Web.Api;

public static class EntitlementsApi
{
    public static void MapEntitlementsApi(this RouteGroupBuilder api)
    {
        // Monthly benefits name their recipients: the case staff only (规程 第一百四十条).
        var entitlements = api.MapGroup("/entitlements").WithTags("Entitlements").RequireAuthorization(Policies.CaseData);
        entitlements.MapGet("", async (string? city, string? injuryCaseId, string? status, string? benefit, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListEntitlements(city, injuryCaseId is null ? null : ApiInput.Id(injuryCaseId, "injuryCaseId"), status, benefit, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        entitlements.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetEntitlement(id, user.ToActor()), ct)));
    }
}
