using Cases.Application.Catalogues;

namespace Cases.Web.Api;

/// <summary>An import of a catalogue version: the CSV's text and what it is (see <see cref="CatalogueCsv"/> for the columns).</summary>
public sealed record CatalogueImportRequest(string? Catalogue, string? EffectiveFrom, string? Title, string? FileName, string? Content, string? Reason);

/// <summary>catalogues: the 三目录 (规程 第四十条) — search for those who read cases, versions and imports for administrators.</summary>
public static class CataloguesApi
{
    public static void MapCataloguesApi(this RouteGroupBuilder api)
    {
        var catalogues = api.MapGroup("/catalogues").WithTags("Catalogues");
        catalogues.MapGet("/items", async (string? q, string? catalogue, string? on, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SearchCatalogueItems(q, catalogue,
                string.IsNullOrEmpty(on) ? null : ApiInput.Date(on, "on"),
                string.IsNullOrEmpty(limit) ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)))
            .RequireAuthorization(Policies.CaseData);
        catalogues.MapGet("/versions", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListCatalogueVersions(user.ToActor()), ct)))
            .RequireAuthorization(Policies.CaseData);

        // The preview changes nothing; the apply stores the version (Idempotency-Key honoured as on every command).
        catalogues.MapPost("/imports", async ([FromBody] CatalogueImportRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(Import(body, false, user), ct)))
            .RequireAuthorization(Policies.Admin);
        catalogues.MapPost("/imports/apply", async ([FromBody] CatalogueImportRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(Import(body, true, user), ct)))
            .RequireAuthorization(Policies.Admin);
    }

    private static ImportCatalogue Import(CatalogueImportRequest body, bool apply, ClaimsPrincipal user) =>
        new(body?.Catalogue, string.IsNullOrEmpty(body?.EffectiveFrom) ? null : ApiInput.Date(body.EffectiveFrom, "effectiveFrom"),
            body?.Title, body?.FileName, body?.Content, body?.Reason, apply, user.ToActor());
}
