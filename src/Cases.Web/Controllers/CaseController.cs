using Cases.Application.Common;
using Cases.Web.Forms;
using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Records;

namespace Cases.Web.Controllers;

/// <summary>A party named by the case's data: an employer by credit code, a worker by identity number (masked unless the role needs it).</summary>
/// <param name="Field">The data field that names it.</param>
/// <param name="Label">That field's label.</param>
/// <param name="Kind">职工 or 用人单位, in the user's language.</param>
/// <param name="Number">The code or number as the user may see it.</param>
/// <param name="Name">The registered name; null when the party is not registered (or not in the user's city).</param>
public sealed record CaseParty(string Field, string Label, string Kind, string Number, string? Name)
{
    /// <summary>People: the party's page (「当事人」), when registered in the user's city.</summary>
    public string? Url { get; init; }
}

/// <summary>An event the case waits for, with its generated form.</summary>
public sealed record AwaitedEvent(string Name, string Label, IReadOnlyList<WorkflowField> Fields);

/// <summary>The case workspace.</summary>
public sealed record CasePage
{
    public required CaseView Case { get; init; }

    public required WorkflowDefinition Definition { get; init; }

    /// <summary>The case data, identity numbers masked by GetCase unless the user's role needs them.</summary>
    public required JsonObject Data { get; init; }

    public required IReadOnlyList<CaseParty> Parties { get; init; }

    public required IReadOnlyList<AwaitedEvent> Events { get; init; }

    public required JournalVerification Verification { get; init; }

    /// <summary>Working days left until each open task's or pending clock's due date.</summary>
    public required Func<DateOnly, int?> DaysLeft { get; init; }

    /// <summary>The user records events on a case (officers and supervisors; the command checks it again).</summary>
    public bool CanRecordEvents { get; init; }

    public bool FullIdNumbers { get; init; }

    /// <summary>The event whose form was posted and refused, with what was typed.</summary>
    public string? PostedEvent { get; init; }

    public IReadOnlyDictionary<string, string> Posted { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Why the posted event was refused as a whole (409: the case moved on; 422: a rule of the procedure).</summary>
    public string? Refusal { get; init; }

    public string Value(string eventName, string field) => eventName == PostedEvent ? Posted.GetValueOrDefault(field, "") : "";

    /// <summary>The case's comments, newest first.</summary>
    public IReadOnlyList<CommentView> Comments { get; init; } = [];

    public IReadOnlyList<AttachmentView> Attachments { get; init; } = [];

    /// <summary>The one-time missing-materials notices the runtime sent, each printable.</summary>
    public IReadOnlyList<MaterialsNoticeView> Notices { get; init; } = [];

    /// <summary>The user comments and uploads (officers, reviewers, supervisors; the use cases check the city).</summary>
    public bool CanWork { get; init; }

    /// <summary>The largest file an upload accepts, in bytes.</summary>
    public long MaxUploadBytes { get; init; }

    /// <summary>A newer published version a supervisor could migrate this running case to (null: none, or not a supervisor).</summary>
    public int? MigrateTo { get; init; }

    /// <summary>A refused comment or upload, shown back at its form.</summary>
    public CaseworkRefusal Refused { get; init; } = CaseworkRefusal.None;

    /// <summary>Display names of everyone the page names, and the case's party by name.</summary>
    public NameBook Names { get; init; } = NameBook.Empty;

    /// <summary>The case's party as its heading names it.</summary>
    public PartyLabel Party => Names.Party(Case.CaseId, WorkflowText.Party(Case.Party, FullIdNumbers));

    /// <summary>A size as people read it: "812 B", "3.5 KB", "10 MB".</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB",
    };
}

/// <summary>
/// A comment or upload shown back at its form: a refused comment (what was typed and why), a comment waiting for its
/// confirmation (<see cref="CommentToConfirm"/>), a refused upload (why, by field: file, fileName, material; and the material chosen).
/// </summary>
public sealed record CaseworkRefusal(string? CommentText, string? CommentError, IReadOnlyDictionary<string, string> UploadErrors, string? UploadMaterial, bool CommentToConfirm = false)
{
    public static CaseworkRefusal None { get; } = new(null, null, new Dictionary<string, string>(StringComparer.Ordinal), null);
}

/// <summary>A one-time missing-materials notice laid out for printing.</summary>
public sealed class NoticePage
{
    public required MaterialsNoticeView Notice { get; init; }

    public required WorkflowDefinition Definition { get; init; }

    /// <summary>The city's name in the user's language, for the agency's heading.</summary>
    public required string CityName { get; init; }

    public bool FullIdNumbers { get; init; }

    /// <summary>Who the notice is addressed to, by name.</summary>
    public required PartyLabel Addressee { get; init; }

    /// <summary>The case's data: the deadline the notice states.</summary>
    public required JsonObject Data { get; init; }
}

/// <summary>
/// The case workspace through <see cref="GetCasePage"/> and <see cref="RecordEvent"/>: parties, data, open tasks, pending
/// clocks, the journal as a timeline with its verification, and forms for the events it awaits.
/// </summary>
[Route("cases/{id:guid}"), Authorize(Policy = Policies.CaseData)]
public sealed class CaseController(IMediator mediator, WorkflowForm forms, IStringLocalizer<SharedResource> L) : Controller
{
    private const string NotWaiting = "案件当前不在等待此事项（可能已由他人登记，或期限已到自动流转）；您的登记未被执行。";

    /// <summary>What a refused post is shown again with: the case, the event and what was typed, the comment or file sent.</summary>
    private Guid _id;
    private string? _eventName;
    private IReadOnlyDictionary<string, string>? _posted;
    private CasePage? _page;
    private string? _comment;
    private IFormFile? _file;
    private string? _material;

    [HttpGet("")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct) => View("Case", await PageAsync(id, null, null, null, ct));

    /// <summary>
    /// Adds a comment through <see cref="AddComment"/> in two steps: a comment cannot be edited or withdrawn once posted, so
    /// the first post shows the case again with the text kept and what posting means, and only the confirmation's button
    /// (<paramref name="confirmed"/>) adds it. A refused one comes back with what was typed.
    /// </summary>
    [HttpPost("comments"), Authorize(Policies.Casework), RefusalShown(Page = nameof(CommentRefused), Shows = Refusals.Invalid)]
    public async Task<IActionResult> Comment(Guid id, string? text, bool confirmed, CancellationToken ct)
    {
        (_id, _comment) = (id, text);
        // An empty comment goes straight to the command, whose refusal says what is wrong.
        if (!confirmed && !string.IsNullOrWhiteSpace(text))
        {
            return View("Case", await PageAsync(id, null, null, null, ct, CaseworkRefusal.None with { CommentText = text, CommentToConfirm = true }));
        }

        await mediator.Send(new AddComment(id, text, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["备注已添加。"].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    /// <summary>
    /// Attaches a file through <see cref="UploadAttachment"/> (multipart form, antiforgery token checked as on every form);
    /// a refused file is named at its field and nothing is stored.
    /// </summary>
    [HttpPost("attachments"), Authorize(Policies.Casework), UploadBodyLimit, RefusalShown(Page = nameof(UploadRefused), Shows = Refusals.Invalid)]
    public async Task<IActionResult> Upload(Guid id, IFormFile? file, string? material, CancellationToken ct)
    {
        (_id, _file, _material) = (id, file, material);
        if (file is null)
        {
            var missing = new Dictionary<string, string>(StringComparer.Ordinal) { ["file"] = L["请选择要上传的文件。"] };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Case", await PageAsync(id, null, null, null, ct, CaseworkRefusal.None with { UploadErrors = missing, UploadMaterial = material }));
        }

        await using var content = file.OpenReadStream();
        var saved = await mediator.Send(new UploadAttachment(id, file.FileName, material, content, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已上传「{0}」。", saved.FileName].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    /// <summary>A one-time missing-materials notice (第十五条) as the runtime sent it, laid out for printing.</summary>
    [HttpGet("notices/{noticeId:guid}")]
    public async Task<IActionResult> Notice(Guid id, Guid noticeId, CancellationToken ct)
    {
        var page = await mediator.Send(new GetMaterialsNoticePage(id, noticeId, User.ToActor()), ct);
        var city = Domain.Parties.City.All.FirstOrDefault(c => c.Code == page.Notice.City);
        return View("Notice", new NoticePage
        {
            Notice = page.Notice,
            Definition = page.Definition,
            CityName = city is null ? page.Notice.City : WorkflowText.English ? city.NameEn : city.NameZh,
            FullIdNumbers = page.FullIdNumbers,
            Addressee = page.Addressee,
            Data = page.Data,
        });
    }

    // The same policy as POST /api/cases/{id}/events: other roles are turned away before the form is read.
    [HttpPost("events/{eventName}"), Authorize(Policy = Policies.RecordEvents), RefusalShown(Page = nameof(EventRefused),
        Shows = Refusals.Invalid | Refusals.Conflict | Refusals.Forbidden | Refusals.Rule, Conflict = NotWaiting, Rule = "按规程不予受理：{0}", Forbidden = "您不能登记此事项：{0}")]
    public async Task<IActionResult> Record(Guid id, string eventName, CancellationToken ct)
    {
        var form = await Request.ReadFormAsync(ct);
        (_id, _eventName, _posted) = (id, eventName, form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal));
        var page = _page = await PageAsync(id, eventName, _posted, null, ct);
        var awaited = page.Events.FirstOrDefault(e => e.Name == eventName);
        if (awaited is null)
        {
            // The case is no longer waiting for it (someone recorded it, or a clock moved the case on).
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Case", await PageAsync(id, eventName, _posted, L[NotWaiting], ct));
        }

        var spec = page.Definition.States[page.Case.State].Events![eventName];
        var errors = new List<(string Field, string Message)>();
        var data = forms.Bind(awaited.Fields, k => form[k], errors);
        if (errors.Count == 0)
        {
            errors.AddRange(forms.Check(data, page.Definition.Data, spec.Fields ?? [], awaited.Fields));
        }

        if (errors.Count > 0)
        {
            errors.ForEach(e => ModelState.AddModelError(e.Field, e.Message));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Case", page);
        }

        var state = await mediator.Send(new RecordEvent(id, eventName, data, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已登记「{0}」。案件当前环节：{1}。", awaited.Label, WorkflowText.StateTitle(page.Definition, state.State)].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    private async Task<IActionResult> CommentRefused(PageRefusal refusal, CancellationToken ct) =>
        View("Case", await PageAsync(_id, null, null, null, ct, CaseworkRefusal.None with
        {
            CommentText = _comment,
            CommentError = L["请填写备注：不超过 {0} 字，不含控制字符。", CaseCommentHandlers.MaxLength],
        }));

    /// <summary>A refused file is named at the field the use case names, in the page's words for what is wrong with it.</summary>
    private async Task<IActionResult> UploadRefused(PageRefusal refusal, CancellationToken ct)
    {
        var page = await PageAsync(_id, null, null, null, ct);
        var file = _file!;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [refusal.Field] = refusal.Field switch
            {
                "fileName" when AttachmentFileName.FormatCharacter(file.FileName) is { } format =>
                    L["文件名含有不可见的格式字符 U+{0}（如从右到左覆盖符），会使文件名看起来与实际不同；请重命名后再上传。", format.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)],
                "fileName" => L["文件名须是不含路径的普通文件名（不含 / \\ : * ? \" < > | 和 ..），扩展名为 .pdf、.jpg、.jpeg、.png 或 .ofd。"],
                "file" when refusal.Reason == OfdPackage.TooLargeReason =>
                    L["OFD 文件解压后超过 {0}，或包含超过 {1} 个文件，不予接收。", CasePage.FileSize(page.MaxUploadBytes * OfdPackage.UnpackedFactor), OfdPackage.MaxEntries],
                "material" => L["请选择本案材料清单中的一项，或不选。"],
                _ when file.Length > page.MaxUploadBytes => L["文件不能超过 {0}。", CasePage.FileSize(page.MaxUploadBytes)],
                _ when file.Length == 0 => L["文件是空的。"],
                _ => L["文件内容与扩展名不符：只接受真实的 PDF、JPEG、PNG 或 OFD 文件。"],
            },
        };
        return View("Case", page with { Refused = CaseworkRefusal.None with { UploadErrors = errors, UploadMaterial = _material } });
    }

    /// <summary>
    /// A refused field at its control, on the page as posted; a refusal of the event as a whole on the case as it stands
    /// now — a refused event is journaled by the command, so the timeline shows it too.
    /// </summary>
    private async Task<IActionResult> EventRefused(PageRefusal refusal, CancellationToken ct)
    {
        if (refusal.Kind == Refusals.Invalid)
        {
            var (field, message) = forms.Describe(refusal.Field, refusal.Message, _page!.Events.First(e => e.Name == _eventName).Fields);
            ModelState.AddModelError(field, message);
            return View("Case", _page);
        }

        return View("Case", await PageAsync(_id, _eventName, _posted, refusal.Message, ct));
    }

    /// <summary>The workspace of a case as it stands (404 when the user may not see it), with a refused post's input and reason.</summary>
    private async Task<CasePage> PageAsync(Guid id, string? postedEvent, IReadOnlyDictionary<string, string>? posted, string? refusal, CancellationToken ct, CaseworkRefusal? refused = null)
    {
        var page = await mediator.Send(new GetCasePage(id, User.ToActor()), ct);
        var view = page.Case;
        var definition = page.Definition;
        var state = definition.States.GetValueOrDefault(view.State);
        var events = view.Status == InstanceStatus.Running && state?.Events is { } awaited
            ? awaited.Select(e => new AwaitedEvent(e.Key, WorkflowText.Of(e.Value.Label, e.Key), WorkflowForm.ForEvent(definition, e.Value))).ToList()
            : [];
        return new CasePage
        {
            Case = view,
            Definition = definition,
            Data = view.Data as JsonObject ?? [],
            Parties = Parties(view, definition),
            Events = events,
            Verification = page.Verification,
            DaysLeft = page.DaysLeft,
            CanRecordEvents = page.CanRecordEvents,
            FullIdNumbers = page.FullIdNumbers,
            PostedEvent = postedEvent,
            Posted = posted ?? new Dictionary<string, string>(StringComparer.Ordinal),
            Refusal = refusal,
            Comments = page.Comments,
            Attachments = page.Attachments,
            Notices = page.Notices,
            CanWork = page.CanWork,
            MaxUploadBytes = page.MaxUploadBytes,
            MigrateTo = page.MigrateTo,
            Names = page.Names,
            Refused = refused ?? CaseworkRefusal.None,
        };
    }

    /// <summary>The parties the case names (GetCase looks them up within the user's city and masks their numbers), labelled.</summary>
    private List<CaseParty> Parties(CaseView view, WorkflowDefinition definition) =>
        (view.Parties ?? []).Select(p => new CaseParty(p.Field, WorkflowText.FieldLabel(definition, p.Field),
            p.Kind == PartyView.Worker ? L["职工"] : L["用人单位"], p.Number, p.Name) { Url = p.Url }).ToList();
}
