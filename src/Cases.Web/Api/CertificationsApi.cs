using Cases.Application.Benefits.Certifications;

namespace Cases.Web.Api;

/// <summary>certify: the recipients' yearly certifications (资格认证, 第六十三、六十四条).</summary>
public static class CertificationsApi
{
    /// <summary>A certification recorded: the day (yyyy-MM-dd, not after today), in-person / remote-photo / agent, a note.</summary>
    public sealed record CertifyRequest(string? On, string? Method, string? Note);

    public static void MapCertificationsApi(this RouteGroupBuilder api)
    {
        // Certifications name their recipients: the case staff only (规程 第一百四十条).
        var certifications = api.MapGroup("/certifications").WithTags("Certifications").RequireAuthorization(Policies.CaseData);
        certifications.MapGet("", async (string? city, string? filter, string? dueBefore, string? sort, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListCertifications(
                city, filter, dueBefore is null ? null : ApiInput.Date(dueBefore, "dueBefore"), sort, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        certifications.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetCertification(id, user.ToActor()), ct)));
        certifications.MapPost("/{id:guid}/certify", async (Guid id, [FromBody] CertifyRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CertifyRecipient(
                id, null, null, body.Method, body.On is null ? null : ApiInput.Date(body.On, "on"), body.Note, user.ToActor()), ct)))
            .RequireAuthorization(Policies.KeepEntitlements);
    }
}
