using System.Security.Claims;
using Cases.Web.Infrastructure;
using Cases.Workflows.Definitions;
using Mediator;

namespace Cases.Web.Api;

public static class DefinitionsApi
{
    public static void MapDefinitionsApi(this RouteGroupBuilder api)
    {
        var definitions = api.MapGroup("/definitions").WithTags("Definitions");
        definitions.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListDefinitions(), ct)));

        // Export: the version exactly as published, ready to save as a file.
        definitions.MapGet("/{key}/versions/{version:int}", async (string key, int version, IMediator mediator, CancellationToken ct) =>
            TypedResults.Text(await mediator.Send(new GetDefinitionVersion(key, version), ct), "application/json"));

        definitions.MapGet("/{key}/diff", async (string key, string? from, string? to, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DiffDefinitions(key, ApiInput.WholeNumber(from, "from"), ApiInput.WholeNumber(to, "to")), ct)));

        definitions.MapPost("/validate", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var errors = await mediator.Send(new ValidateDefinition(await ReadBodyAsync(request, ct)), ct);
            return TypedResults.Ok(new { valid = errors.Count == 0, errors });
        }).RequireAuthorization(Policies.Designer);

        definitions.MapPost("/{key}/versions", async (string key, HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var published = await mediator.Send(new PublishDefinition(key, await ReadBodyAsync(request, ct), user.ToActor()), ct);
            return TypedResults.Created($"/api/definitions/{published.Key}/versions/{published.Version}", published);
        }).RequireAuthorization(Policies.Designer);
    }

    // The definition is taken as text so the validator can report JSON syntax errors with their position.
    // Only JSON: a form on another site can post text/plain without asking first.
    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("A definition is sent as application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }
}
