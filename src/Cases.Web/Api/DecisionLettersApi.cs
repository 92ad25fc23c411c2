using Cases.Application.Benefits.Letters;

namespace Cases.Web.Api;

/// <summary>
/// Letters: the decision letter of an ended benefit case as JSON (规程 第九十四条), the same request as the printable page
/// /cases/{id}/decision-letter. The case staff of the case's city; another city's case answers 404 like a missing one.
/// </summary>
public static class DecisionLettersApi
{
    public static void MapDecisionLettersApi(this RouteGroupBuilder api)
    {
        var letters = api.MapGroup("/cases/{id:guid}").WithTags("Letters").RequireAuthorization(Policies.CaseData);
        letters.MapGet("/decision-letter", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetDecisionLetter(id, user.ToActor()), ct)));
    }
}
