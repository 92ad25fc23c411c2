using Cases.Application.Catalogues;
using Cases.Web.Forms;

namespace Cases.Web.Controllers;

/// <summary>What the import form holds: typed again after a refusal, and the file's text kept from the preview to the apply.</summary>
public sealed record CatalogueImportForm(string? Catalogue, string? EffectiveFrom, string? Title, string? FileName, string? Content, string? Reason);

public sealed class CataloguesPage
{
    public required IReadOnlyList<CatalogueVersion> Versions { get; init; }

    public required CatalogueItemsPage Items { get; init; }

    public string? Q { get; init; }

    public string? Catalogue { get; init; }

    public required CatalogueImportForm Form { get; init; }

    /// <summary>The preview of the file chosen (nothing applied yet), or null.</summary>
    public CatalogueImportResult? Preview { get; init; }

    public IReadOnlyList<(string Field, string Message)> Errors { get; init; } = [];
}

/// <summary>
/// catalogues: the 三目录 of 规程 第四十条 for administrators — the versions loaded (who, when, why, what changed), the
/// items in force on a day, and a new version imported from CSV: previewed first (counts, errors by line and column),
/// then applied as previewed.
/// </summary>
[Route("admin/catalogues"), Authorize(Policy = Policies.Admin)]
public sealed class AdminCataloguesController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    private CatalogueImportForm _form = new(null, null, null, null, null, null);

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? catalogue, string? on, CancellationToken ct) =>
        View("Index", await PageAsync(q, catalogue, on, _form, null, [], ct));

    [HttpPost("preview"), RefusalShown(Page = nameof(Refused), Status = StatusCodes.Status200OK)]
    public async Task<IActionResult> Preview(IFormFile? file, string? catalogue, string? effectiveFrom, string? title, string? reason, CancellationToken ct)
    {
        _form = new(catalogue, effectiveFrom, title, file?.FileName, null, reason);
        if (file is null || file.Length == 0)
        {
            throw new DomainValidationException("file", L["请选择要导入的 CSV 文件。"]);
        }

        if (file.Length > CatalogueCsv.MaxBytes)
        {
            throw new DomainValidationException("file", L["文件过大（不超过 8 MB），请分目录导入。"]);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var content = CatalogueCsv.Decode(buffer.ToArray());
        _form = _form with { Content = content };
        var preview = await mediator.Send(Command(_form, apply: false), ct);
        return View("Index", await PageAsync(null, null, null, _form, preview, [], ct));
    }

    [HttpPost(""), RefusalShown(Page = nameof(Refused), Status = StatusCodes.Status200OK)]
    public async Task<IActionResult> Apply(string? catalogue, string? effectiveFrom, string? title, string? fileName, string? content, string? reason, CancellationToken ct)
    {
        _form = new(catalogue, effectiveFrom, title, fileName, content, reason);
        var done = await mediator.Send(Command(_form, apply: true), ct);
        TempData[PageMessages.Notice] = done.Message;
        return RedirectToAction(nameof(Index));
    }

    private ImportCatalogue Command(CatalogueImportForm form, bool apply) =>
        new(form.Catalogue, string.IsNullOrWhiteSpace(form.EffectiveFrom) ? null : ApiInput.Date(form.EffectiveFrom, "effectiveFrom"),
            form.Title, form.FileName, form.Content, form.Reason, apply, User.ToActor());

    private async Task<IActionResult> Refused(PageRefusal refusal, CancellationToken ct) =>
        View("Index", await PageAsync(null, null, null, _form, null, [(refusal.Field, refusal.Message)], ct));

    private async Task<CataloguesPage> PageAsync(string? q, string? catalogue, string? on, CatalogueImportForm form, CatalogueImportResult? preview, IReadOnlyList<(string, string)> errors, CancellationToken ct)
    {
        var actor = User.ToActor();
        var versions = await mediator.Send(new ListCatalogueVersions(actor), ct);
        var items = await mediator.Send(new SearchCatalogueItems(q, catalogue, string.IsNullOrWhiteSpace(on) ? null : ApiInput.Date(on, "on"), 100, actor), ct);
        return new CataloguesPage { Versions = versions, Items = items, Q = q, Catalogue = catalogue, Form = form, Preview = preview, Errors = errors };
    }
}
