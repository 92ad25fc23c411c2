using Cases.Application.Casework;
using Cases.Application.Inbox;
using Microsoft.Net.Http.Headers;

namespace Cases.Web.Api;

/// <summary>
/// Comments and attachments of a case, and the inbox's saved filters: the same use cases as the case and inbox pages.
/// An upload's body is the file itself (<c>Content-Type</c> of the file, or application/octet-stream; the name in
/// <c>?fileName=</c>): a cross-site form can send none of those types, so the endpoint needs no antiforgery token.
/// </summary>
public static class CaseworkApi
{
    public sealed record CommentRequest(string? Text);

    public sealed record SaveFilterRequest(string? Name, string? Procedure, string? Sla, int? Within, string? Sort, string? ShareWithRole,
        string? Party = null, string? CaseNumber = null, string? Assignee = null);

    // The types an HTML form (or a no-CORS fetch) can send without a preflight: an upload refuses them, which is its CSRF defence.
    private static readonly string[] FormTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    public static RouteGroupBuilder MapCaseworkApi(this RouteGroupBuilder api)
    {
        // Comments and files are case data: the case staff only (规程 第一百四十条).
        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Casework").RequireAuthorization(Policies.CaseData);
        cases.MapGet("/comments", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListComments(id, user.ToActor()), ct)));
        cases.MapPost("/comments", async (Guid id, [FromBody] CommentRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var comment = await mediator.Send(new AddComment(id, body.Text, user.ToActor()), ct);
            return TypedResults.Created($"/api/cases/{id}/comments", comment);
        }).RequireAuthorization(Policies.Casework).Idempotent(ReplayAccess.CaseInRoute);

        cases.MapGet("/attachments", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListAttachments(id, user.ToActor()), ct)));
        cases.MapPost("/attachments", async (Guid id, string? fileName, string? material, HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var type = request.ContentType is { } header && MediaTypeHeaderValue.TryParse(header, out var parsed) ? parsed.MediaType.Value : null;
            if (type is null || FormTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                throw new BadHttpRequestException(
                    new LocalizedText(
                        "请求内容须为文件本身，并带上文件自己的 Content-Type（application/pdf、image/jpeg、image/png、application/ofd）或 application/octet-stream。",
                        "The body must be the file itself, sent with its own Content-Type (application/pdf, image/jpeg, image/png, application/ofd) or application/octet-stream.").Current,
                    StatusCodes.Status415UnsupportedMediaType);
            }

            var attachment = await mediator.Send(new UploadAttachment(id, fileName, material, request.Body, user.ToActor()), ct);
            return TypedResults.Created($"/api/cases/{id}/attachments/{attachment.Id}", attachment);
        }).RequireAuthorization(Policies.Casework).WithMetadata(new UploadBodyLimitAttribute())
            .Accepts<Stream>("application/pdf", "image/jpeg", "image/png", "application/ofd", "application/octet-stream");
        cases.MapGet("/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var file = await mediator.Send(new OpenAttachment(id, attachmentId, user.ToActor()), ct);
            return Download(file);
        });

        var filters = api.MapGroup("/inbox/filters").WithTags("Inbox").RequireAuthorization(Policies.CaseData);
        filters.MapGet("", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListFilters(user.ToActor()), ct)));
        filters.MapPost("", async ([FromBody] SaveFilterRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var saved = await mediator.Send(new SaveFilter(body.Name, body.Procedure, body.Sla, body.Within, body.Sort, body.ShareWithRole, user.ToActor(), body.Party, body.CaseNumber, body.Assignee), ct);
            return TypedResults.Created("/api/inbox/filters", saved);
        }).Idempotent(ReplayAccess.Own);
        filters.MapDelete("/{filterId:guid}", async (Guid filterId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteFilter(filterId, user.ToActor()), ct);
            return TypedResults.NoContent();
        });
        return api;
    }

    /// <summary>
    /// The stored bytes as a download, never shown in the browser: Content-Disposition attachment with the name as
    /// uploaded, the type the content was checked as (and nosniff, on every answer), and its SHA-256 for a check.
    /// </summary>
    public static IResult Download(AttachmentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new AttachmentDownload(file);
    }

    private sealed class AttachmentDownload(AttachmentFile file) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["X-Content-SHA256"] = file.Attachment.Sha256;
            return TypedResults.File(file.Content, file.Attachment.ContentType, file.Attachment.FileName).ExecuteAsync(httpContext);
        }
    }
}
