using Cases.Application.Injuries.Linking;

namespace Cases.Web.Api;

/// <summary>
/// 待关联案件 (docs/adr/0017): the cases opened before the injury-case register that name no registered injury case, the
/// supervisor's automatic linking by decision number or id, and an officer's link (with a reason) and its undo.
/// </summary>
public static class InjuryCaseLinksApi
{
    public sealed record LinkRequest(string? InjuryCaseId, string? Reason);

    public sealed record UnlinkRequest(string? Reason);

    public static void MapInjuryCaseLinksApi(this RouteGroupBuilder api)
    {
        var unlinked = api.MapGroup("/injury-cases/unlinked").WithTags("Injury cases").RequireAuthorization(Policies.RegisterParties);
        unlinked.MapGet("", async (string? city, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListUnlinkedCases(city, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        // The city as the list takes it (provincial supervisors: all or one); the run has no other input.
        unlinked.MapPost("/link-matching", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new LinkLegacyInjuryCases(city, user.ToActor()), ct)))
            .RequireAuthorization(Policies.Supervisor);

        var link = api.MapGroup("/cases/{id:guid}/injury-case-link").WithTags("Injury cases").RequireAuthorization(Policies.RegisterParties);
        link.MapPost("", async (Guid id, [FromBody] LinkRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new LinkCaseToInjuryCase(id, body.InjuryCaseId, body.Reason, user.ToActor()), ct)));
        link.MapDelete("", async (Guid id, [FromBody] UnlinkRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UnlinkCaseFromInjuryCase(id, body.Reason, user.ToActor()), ct)));
    }
}
