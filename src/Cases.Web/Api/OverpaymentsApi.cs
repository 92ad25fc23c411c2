using Cases.Application.Benefits.Keeping;

namespace Cases.Web.Api;

/// <summary>
/// Overpaid monthly benefits and their recovery (第六十四条 追回多发待遇; 第一百一十七条（五） 拒不退还的移交): the case staff
/// of the city read them; officers record a repayment or refer a refusal. Another city's answers 404.
/// </summary>
public static class OverpaymentsApi
{
    public sealed record RepayRequest(decimal? Amount, string? Note);

    public sealed record ReferRequest(string? Note);

    public static void MapOverpaymentsApi(this RouteGroupBuilder api)
    {
        var overpayments = api.MapGroup("/overpayments").WithTags("Overpayments").RequireAuthorization(Policies.CaseData);
        overpayments.MapGet("", async (string? city, string? status, string? entitlementId, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListOverpayments(city, status, entitlementId is null ? null : ApiInput.Id(entitlementId, "entitlementId"), after,
                limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        overpayments.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetOverpayment(id, user.ToActor()), ct)));
        overpayments.MapPost("/{id:guid}/repay", async (Guid id, [FromBody] RepayRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RepayOverpayment(id, body.Amount, body.Note, user.ToActor()), ct)))
            .RequireAuthorization(Policies.KeepEntitlements);
        overpayments.MapPost("/{id:guid}/refer", async (Guid id, [FromBody] ReferRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ReferOverpayment(id, body.Note, user.ToActor()), ct)))
            .RequireAuthorization(Policies.KeepEntitlements);
    }
}
