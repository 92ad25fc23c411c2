using Cases.Application.Injuries;

namespace Cases.Web.Api;

public static class InjuryCasesApi
{
    public sealed record RegisterInjuryCaseRequest(
        string? City, string? WorkerIdNumber, string? EmployerCreditCode, string? InjuredOn, string? RecognizedOn, string? RecognitionNumber, string? Description);

    public sealed record ConfirmRehabilitationRequest(string? StartsOn, string? EndsOn);

    /// <summary>劳动能力鉴定结论: grade 1–10 or null (none reached), none|partial|major|complete, the day, the number.</summary>
    public sealed record RecordAppraisalRequest(int? DisabilityGrade, string? SelfCareLevel, string? AppraisedOn, string? ConclusionNumber);

    public static void MapInjuryCasesApi(this RouteGroupBuilder api)
    {
        // Injury cases hold personal data: the case staff only (规程 第一百四十条).
        var injuries = api.MapGroup("/injury-cases").WithTags("Injury cases").RequireAuthorization(Policies.CaseData);
        injuries.MapPost("", async ([FromBody] RegisterInjuryCaseRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var view = await mediator.Send(new RegisterInjuryCase(
                body.City, body.WorkerIdNumber, body.EmployerCreditCode,
                body.InjuredOn is null ? null : ApiInput.Date(body.InjuredOn, "injuredOn"),
                body.RecognizedOn is null ? null : ApiInput.Date(body.RecognizedOn, "recognizedOn"),
                body.RecognitionNumber, body.Description, user.ToActor()), ct);
            return TypedResults.Created($"/api/injury-cases/{view.Id}", view);
        }).RequireAuthorization(Policies.RegisterParties);
        injuries.MapGet("", async (string? q, string? worker, string? employer, string? city, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListInjuryCases(q, worker, employer, city, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        injuries.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetInjuryCase(id, user.ToActor()), ct)));
        injuries.MapPost("/{id:guid}/rehabilitation", async (Guid id, [FromBody] ConfirmRehabilitationRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ConfirmRehabilitation(
                id,
                body.StartsOn is null ? null : ApiInput.Date(body.StartsOn, "startsOn"),
                body.EndsOn is null ? null : ApiInput.Date(body.EndsOn, "endsOn"),
                user.ToActor()), ct)))
            .RequireAuthorization(Policies.RegisterParties);

        // The appraisal conclusion (第七十八条: a re-appraisal replaces it, the earlier one is kept in the history).
        injuries.MapPost("/{id:guid}/appraisal", async (Guid id, [FromBody] RecordAppraisalRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RecordAppraisal(
                id, body.DisabilityGrade, body.SelfCareLevel,
                body.AppraisedOn is null ? null : ApiInput.Date(body.AppraisedOn, "appraisedOn"),
                body.ConclusionNumber, user.ToActor()), ct)))
            .RequireAuthorization(Policies.RegisterParties);
    }
}
