using Cases.Application.Benefits.DataMatches;

namespace Cases.Web.Api;

/// <summary>
/// datamatch: the imports of other departments' data (信息比对, 第六十四条). The upload is multipart/form-data (file,
/// source, optional city for provincial staff); like every write under /api it carries X-Requested-With, which no
/// cross-site form can add (<see cref="Infrastructure.ApiForgeryGuard"/>), so it needs no antiforgery token.
/// </summary>
public static class DataMatchesApi
{
    public static void MapDataMatchesApi(this RouteGroupBuilder api)
    {
        // Who keeps monthly benefits imports the matches and reads them (they name recipients, 第一百四十条).
        var matches = api.MapGroup("/data-matches").WithTags("DataMatches").RequireAuthorization(Policies.KeepEntitlements);
        matches.MapGet("", async (string? city, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListDataMatches(city, user.ToActor()), ct)));
        // The form is bound whole (IFormCollection): its fields are no query parameters, and a malformed body is a 400.
        matches.MapPost("", async (IFormCollection form, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var file = form.Files.GetFile("file");
            return TypedResults.Ok(await mediator.Send(new ImportDataMatch(form["source"].FirstOrDefault(), file?.FileName, await DataMatchUpload.BytesAsync(file, ct), form["city"].FirstOrDefault(), user.ToActor()), ct));
        }).DisableAntiforgery();
    }
}

/// <summary>The uploaded file's bytes, read up to one byte past the import's limit (the use case refuses a larger file).</summary>
public static class DataMatchUpload
{
    public static async Task<byte[]?> BytesAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            return null;
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0 && buffer.Length <= ImportDataMatchHandler.MaxBytes)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
