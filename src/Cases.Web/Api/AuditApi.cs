using Cases.Application.Privacy;

namespace Cases.Web.Api;

public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.Audit);
        // The log of views of unmasked personal data, newest first; pass next as after for the following page.
        audit.MapGet("/personal-data", async (string? from, string? to, string? user, string? subject, string? city, string? after, string? limit,
            ClaimsPrincipal principal, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListPersonalDataViews(
                from is null ? null : ApiInput.Date(from, "from"),
                to is null ? null : ApiInput.Date(to, "to"),
                user, subject, city, after,
                limit is null ? null : ApiInput.WholeNumber(limit, "limit"),
                principal.ToActor()), ct)));
    }
}
