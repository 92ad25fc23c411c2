using Cases.Application.Benefits;
using Cases.Application.Benefits.Keeping;

namespace Cases.Web.Api;

public static class EntitlementsApi
{
    // keep: the bodies of the keeping commands; months as yyyy-MM.
    public sealed record AccountRequest(string? AccountKind, string? Account, string? Bank, string? Month, string? Reason);

    public sealed record SuspendRequest(string? Cause, string? FromMonth, string? Reason);

    public sealed record ResumeRequest(string? FromMonth, string? BackPaidFrom, string? Reason);

    public sealed record StopRequest(string? FromMonth, string? Cause, string? Reason);

    public static void MapEntitlementsApi(this RouteGroupBuilder api)
    {
        // Monthly benefits name their recipients: the case staff only (规程 第一百四十条).
        var entitlements = api.MapGroup("/entitlements").WithTags("Entitlements").RequireAuthorization(Policies.CaseData);
        entitlements.MapGet("", async (string? city, string? injuryCaseId, string? status, string? benefit, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListEntitlements(city, injuryCaseId is null ? null : ApiInput.Id(injuryCaseId, "injuryCaseId"), status, benefit, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        entitlements.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetEntitlement(id, user.ToActor()), ct)));

        // keep: officers keep the entitlements of their city (第六十二、九十七、一百〇六条); another city's answers 404.
        entitlements.MapPost("/{id:guid}/account", async (Guid id, [FromBody] AccountRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RecordEntitlementAccount(id, body.AccountKind, body.Account, body.Bank, body.Month, body.Reason, user.ToActor()), ct)))
            .RequireAuthorization(Policies.KeepEntitlements);
        entitlements.MapPost("/{id:guid}/suspend", async (Guid id, [FromBody] SuspendRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SuspendEntitlement(id, body.Cause, body.FromMonth, body.Reason, user.ToActor()), ct)))
            .RequireAuthorization(Policies.KeepEntitlements);
        entitlements.MapPost("/{id:guid}/resume", async (Guid id, [FromBody] ResumeRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ResumeEntitlement(id, body.FromMonth, body.BackPaidFrom, body.Reason, user.ToActor()), ct)))
            .RequireAuthorization(Policies.KeepEntitlements);
        entitlements.MapPost("/{id:guid}/stop", async (Guid id, [FromBody] StopRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new StopEntitlement(id, body.FromMonth, body.Cause, body.Reason, user.ToActor()), ct)))
            .RequireAuthorization(Policies.KeepEntitlements);
    }
}
