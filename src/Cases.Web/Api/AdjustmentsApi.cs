using Cases.Application.Benefits.Adjustments;

namespace Cases.Web.Api;

/// <summary>
/// The yearly benefit adjustment (待遇调整, 规程 第一百〇五条): administrators enter and discard rules, supervisors approve
/// them — which applies them (第一百一十九条 岗位不相容); both read them and their preview (the use cases refuse the others).
/// </summary>
public static class AdjustmentsApi
{
    public sealed record TermRequest(decimal? Percent, decimal? Amount);

    public sealed record AdjustmentRequest(int? Year, string? EffectiveMonth, string? Source, TermRequest? DisabilityAllowance, TermRequest? NursingCare, TermRequest? DependantsPension);

    public static void MapAdjustmentsApi(this RouteGroupBuilder api)
    {
        var adjustments = api.MapGroup("/benefit-adjustments").WithTags("Benefit adjustments");
        adjustments.MapPost("", async ([FromBody] AdjustmentRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var adjustment = await mediator.Send(new EnterBenefitAdjustment(body.Year, body.EffectiveMonth, body.Source,
                Term(body.DisabilityAllowance), Term(body.NursingCare), Term(body.DependantsPension), user.ToActor()), ct);
            return TypedResults.Created($"/api/benefit-adjustments/{adjustment.Id}", adjustment);
        }).RequireAuthorization(Policies.AdjustBenefits);
        adjustments.MapGet("", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListBenefitAdjustments(user.ToActor()), ct)));
        adjustments.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetBenefitAdjustment(id, user.ToActor()), ct)));
        adjustments.MapGet("/{id:guid}/preview", async (Guid id, string? city, string? outcome, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new PreviewBenefitAdjustment(id, city, outcome, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        adjustments.MapPost("/{id:guid}/approve", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ApproveBenefitAdjustment(id, user.ToActor()), ct))).RequireAuthorization(Policies.ApprovePayroll);
        adjustments.MapPost("/{id:guid}/discard", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DiscardBenefitAdjustment(id, user.ToActor()), ct))).RequireAuthorization(Policies.AdjustBenefits);
    }

    private static AdjustmentTermInput? Term(TermRequest? term) => term is null ? null : new AdjustmentTermInput(term.Percent, term.Amount);
}
