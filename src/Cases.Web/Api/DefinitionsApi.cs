using System.Text.Json.Nodes;
using Cases.Domain.Staff;
using Cases.Workflows.DryRun;
using Cases.Workflows.Publishing;

namespace Cases.Web.Api;

public static class DefinitionsApi
{
    /// <summary>
    /// A dry run: the version to play (the latest when left out) or an unpublished draft (<c>definition</c>, validated as a
    /// publication would be), the city of the sample case, its start, and the steps of its timeline.
    /// </summary>
    public sealed record DryRunRequest(int? Version, JsonObject? Definition, string? City, DryRunStart? Start, List<DryRunStep>? Steps);

    /// <summary>A provincial supervisor's approval of a pending version, with an optional note.</summary>
    public sealed record ApproveRequest(string? Note);

    /// <summary>A provincial supervisor's rejection of a pending version: the reason is required.</summary>
    public sealed record RejectRequest(string? Reason);

    public static void MapDefinitionsApi(this RouteGroupBuilder api)
    {
        var definitions = api.MapGroup("/definitions").WithTags("Definitions");
        definitions.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListDefinitions(), ct)));

        // Export: the version exactly as published, ready to save as a file.
        definitions.MapGet("/{key}/versions/{version:int}", async (string key, int version, IMediator mediator, CancellationToken ct) =>
            TypedResults.Text(await mediator.Send(new GetDefinitionVersion(key, version), ct), "application/json"));

        definitions.MapGet("/{key}/diff", async (string key, string? from, string? to, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DiffDefinitions(key, ApiInput.WholeNumber(from, "from"), ApiInput.WholeNumber(to, "to")), ct)));

        // The validator's errors, and the sensitive changes against the version the text was edited from (from; left out:
        // the version in use), which publishing would send to a provincial supervisor for approval.
        definitions.MapPost("/validate", async (string? from, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var version = from is null ? (int?)null : ApiInput.WholeNumber(from, "from");
            var check = await mediator.Send(new ValidateDefinition(await ReadBodyAsync(request, ct), version), ct);
            return TypedResults.Ok(new { valid = check.Valid, errors = check.Errors, sensitiveChanges = check.SensitiveChanges, comparedWith = check.ComparedWith });
        }).RequireAuthorization(Policies.Designer);

        // 201 either way: the version exists. Its status says whether it is in use or waits for a provincial supervisor.
        definitions.MapPost("/{key}/versions", async (string key, HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var published = await mediator.Send(new PublishDefinition(key, await ReadBodyAsync(request, ct), user.ToActor()), ct);
            return TypedResults.Created($"/api/definitions/{published.Key}/versions/{published.Version}", published);
        }).RequireAuthorization(Policies.Designer);

        // Four-eyes publication (规程 第一百一十九条): the versions waiting for a second person, and their decision.
        definitions.MapGet("/pending", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListPendingDefinitions(user.ToActor()), ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Designer, Roles.Supervisor));
        definitions.MapPost("/{key}/versions/{version:int}/approve", async (string key, int version, [FromBody] ApproveRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ApproveDefinitionVersion(key, version, body.Note, user.ToActor()), ct)))
            .RequireAuthorization(Policies.Supervisor).Idempotent(ReplayAccess.Own);
        definitions.MapPost("/{key}/versions/{version:int}/reject", async (string key, int version, [FromBody] RejectRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RejectDefinitionVersion(key, version, body.Reason, user.ToActor()), ct)))
            .RequireAuthorization(Policies.Supervisor).Idempotent(ReplayAccess.Own);

        // Plays a version on a sample case through the real runtime on a throwaway database; refusals come back as the
        // ProblemDetails the runtime answers with, inside the report (the dry run itself succeeded).
        definitions.MapPost("/{key}/dry-run", async (string key, [FromBody] DryRunRequest body, ClaimsPrincipal user, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var report = await mediator.Send(new DryRunDefinition(key, body.Version, body.Definition, body.City, body.Start, body.Steps, user.ToActor()), ct);
            return TypedResults.Ok(report.Refused is { } refused ? report with { Refused = refused with { Problem = ProblemDetailsFunnel.Map(refused.Error, http) } } : report);
        }).RequireAuthorization(p => p.RequireRole(Roles.Designer, Roles.Supervisor));
    }

    // The definition is taken as text so the validator can report JSON syntax errors with their position.
    // Only JSON: a form on another site can post text/plain without asking first.
    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException(new LocalizedText("流程定义须以 application/json 格式提交。", "A definition is sent as application/json.").Current, StatusCodes.Status415UnsupportedMediaType);
        }

        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }
}
