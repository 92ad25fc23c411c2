using Cases.Application.Common;
using Cases.Web.Forms;
using Cases.Web.Diagrams;
using System.Text.Json.Nodes;
using Cases.Application.Designer;
using Cases.Domain.Calendar;
using Cases.Domain.Staff;
using Cases.Workflows.Definitions;
using Cases.Workflows.DryRun;
using Cases.Workflows.Instances;
using Cases.Workflows.Publishing;
using Cases.Workflows.Records;

namespace Cases.Web.Controllers;

/// <summary>A procedure with its published versions (newest last) and the one in use (<see cref="ProcedureVersions.InForce"/>), titled in the user's language.</summary>
public sealed record DesignerProcedure(string Key, string Title, IReadOnlyList<DefinitionVersionView> Versions, IReadOnlyList<string> Basis, int InForce, NameBook Names)
{
    public static DesignerProcedure Of(ProcedureVersions p) => new(p.Key, WorkflowText.English ? p.TitleEn : p.Title, p.Versions, p.Basis, p.InForce, p.Names);

    /// <summary>The versions waiting for a provincial supervisor's approval.</summary>
    public IReadOnlyList<DefinitionVersionView> Pending => [.. Versions.Where(v => v.Status == PublicationStatus.Pending)];
}

/// <summary>
/// One version of a procedure: its diagram and the same content as a table; on its own page also its publication (status,
/// sensitive changes, who proposed and decided it), whether the viewer may decide it, and a refused decision's message.
/// </summary>
public sealed record DefinitionPage(DesignerProcedure Procedure, WorkflowDefinition Definition, DefinitionDiagram Diagram)
{
    public int Version => Definition.Version;

    /// <summary>The version as published; null for a draft.</summary>
    public DefinitionVersionView? Published => Procedure.Versions.FirstOrDefault(v => v.Version == Version);

    public IReadOnlyList<PublicationRecord> Journal { get; init; } = [];

    /// <summary>A provincial supervisor who did not propose it, looking at a pending version.</summary>
    public bool CanDecide { get; init; }

    public string? Problem { get; init; }

    public string? ProblemField { get; init; }
}

/// <summary>
/// The JSON editor: the text, where it started from, the validator's messages (path, rule, message), and the sensitive
/// changes against the version it was edited from (publishing them needs a provincial supervisor's approval).
/// </summary>
public sealed record EditorPage(DesignerProcedure Procedure, int FromVersion, string Json, IReadOnlyList<DefinitionError> Errors, string? Problem = null)
{
    public IReadOnlyList<SensitiveChange> Sensitive { get; init; } = [];
}

/// <summary>
/// The confirmation before publishing: the version the text becomes, what that means for new and running cases, and the
/// sensitive changes that make it wait for a provincial supervisor (规程 第一百一十九条).
/// </summary>
public sealed record PublishConfirmPage(DesignerProcedure Procedure, int FromVersion, int Version, string Json, IReadOnlyList<SensitiveChange> Sensitive);

/// <summary>Two versions side by side: their diagrams marked, and the structural difference.</summary>
public sealed record DiffPage(DesignerProcedure Procedure, DefinitionPage From, DefinitionPage To, DefinitionDiffResult Diff);

/// <summary>The dry run's form and, once run, its report (or the lines and fields it refused). <see cref="Draft"/>: the editor's unpublished text being tried.</summary>
public sealed record DryRunPage(DesignerProcedure Procedure, int Version, string City, string Timeline, IReadOnlyList<string> Errors,
    DryRunReport? Report = null, DefinitionPage? Shown = null, Microsoft.AspNetCore.Mvc.ProblemDetails? Refusal = null, int? RefusedLine = null, string? Draft = null);

/// <summary>Migration of running cases, for supervisors: the cases to pick from, the form, and the plan (dry run or applied).</summary>
public sealed record MigratePage(DesignerProcedure Procedure, IReadOnlyList<RunningCase> Cases, Guid? CaseId, int? ToVersion, string Mapping,
    MigrationPlan? Plan = null, string? Problem = null, string? ProblemField = null);

/// <summary>
/// The definition designer, so a procedure changes without a release: every procedure and its versions, a diagram of any version, the JSON editor with
/// the validator's messages as you type and before publishing, the diff of two versions, the dry run of a version on a
/// sample case, and — for supervisors — migrating running cases with its dry run. Everyone signed in reads definitions;
/// the use cases decide who changes anything (designers publish; designers and supervisors dry-run; supervisors migrate).
/// </summary>
[Route("designer"), Authorize]
public sealed class DesignerController(IMediator mediator, WorkflowText text, TimeProvider clock, IStringLocalizer<SharedResource> L) : Controller
{
    private const string OnlyDesigners = "只有流程设计人员可以编辑和发布流程。";
    private const string OnlyReviewers = "只有流程设计人员和主管可以试运行流程。";

    /// <summary>What a refused post is shown again with.</summary>
    private (string Key, int Version)? _decided;
    private EditorPage? _editor;
    private DryRunPage? _dryRun;
    private DryRunTimeline? _timeline;
    private MigratePage? _migrate;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await ProceduresAsync(ct));

    [HttpGet("{key}")]
    public async Task<IActionResult> Show(string key, int? version, CancellationToken ct) => View(await PublicationPageAsync(key, version, ct));

    /// <summary>A provincial supervisor approves a pending version (four-eyes publication, 规程 第一百一十九条): from then on it is in use.</summary>
    [HttpPost("{key}/versions/{version:int}/approve"), RefusalShown(Page = nameof(DecisionRefused), ForbiddenView = "Refused", Shows = Refusals.Invalid | Refusals.Conflict | Refusals.NotFound | Refusals.Forbidden)]
    public Task<IActionResult> Approve(string key, int version, string? note, CancellationToken ct) =>
        DecideAsync(key, version, new ApproveDefinitionVersion(key, version, note, User.ToActor()), L["已批准 {0} 第 {1} 版：新立案件自此使用此版本。"], ct);

    /// <summary>A provincial supervisor rejects a pending version, with the reason: it is never used.</summary>
    [HttpPost("{key}/versions/{version:int}/reject"), RefusalShown(Page = nameof(DecisionRefused), ForbiddenView = "Refused", Shows = Refusals.Invalid | Refusals.Conflict | Refusals.NotFound | Refusals.Forbidden)]
    public Task<IActionResult> Reject(string key, int version, string? reason, CancellationToken ct) =>
        DecideAsync(key, version, new RejectDefinitionVersion(key, version, reason, User.ToActor()), L["已驳回 {0} 第 {1} 版：此版本不会启用。"], ct);

    private async Task<IActionResult> DecideAsync(string key, int version, ICommand<DefinitionVersionView> decision, LocalizedString done, CancellationToken ct)
    {
        _decided = (key, version);
        var decided = await mediator.Send(decision, ct);
        TempData[PageMessages.Notice] = string.Format(System.Globalization.CultureInfo.CurrentCulture, done.Value, WorkflowText.English ? decided.TitleEn : decided.Title, decided.Version);
        return RedirectToAction(nameof(Show), new { key, version });
    }

    [HttpGet("{key}/edit"), RefusalShown(ForbiddenView = "Refused", Shows = Refusals.Forbidden, Forbidden = OnlyDesigners)]
    public async Task<IActionResult> Edit(string key, int? from, CancellationToken ct)
    {
        var version = await mediator.Send(new GetDesignerVersion(key, from, User.ToActor(), Permission.DesignDefinitions), ct);
        var json = await mediator.Send(new GetDefinitionVersion(key, version.Definition.Version), ct);
        return View(new EditorPage(DesignerProcedure.Of(version.Procedure), version.Definition.Version, json, []));
    }

    /// <summary>
    /// Publishes the edited text as version N+1, in two steps: the editor's button first shows what will happen (the
    /// version that new cases start on, running cases staying on theirs, a supervisor's approval for sensitive changes),
    /// and only the confirmation's form (<paramref name="confirmed"/>) publishes. A refusal shows every message again and
    /// stores nothing.
    /// </summary>
    [HttpPost("{key}/publish"), RefusalShown(Page = nameof(PublicationRefused), ForbiddenView = "Refused", Shows = Refusals.Invalid | Refusals.Conflict | Refusals.Forbidden)]
    public async Task<IActionResult> Publish(string key, string? json, int? from, bool confirmed, CancellationToken ct)
    {
        var procedure = await ProcedureAsync(key, ct);
        // "from" only says which version the text was edited from, but a value that is not a version is still bad
        // input: refused, nothing published.
        if (!ModelState.IsValid || from is < 1 || (from is int v && !procedure.Versions.Any(x => x.Version == v)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Edit), new EditorPage(procedure, procedure.InForce, json ?? "", [], L["未发布：from 不是本流程的版本号。"]));
        }

        _editor = new EditorPage(procedure, from ?? procedure.InForce, json ?? "", []);
        // Someone who may not publish is refused by the use case itself, with its words, before any confirmation.
        if (!confirmed && User.May(Permission.DesignDefinitions))
        {
            var check = await mediator.Send(new ValidateDefinition(json ?? "", from ?? procedure.InForce), ct);
            if (!check.Valid)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View(nameof(Edit), _editor with { Errors = check.Errors, Problem = L["未发布：定义有 {0} 处错误，请修改后再发布。", check.Errors.Count] });
            }

            return View("PublishConfirm", new PublishConfirmPage(procedure, from ?? procedure.InForce, procedure.Versions[^1].Version + 1, json ?? "", check.SensitiveChanges));
        }

        var published = await mediator.Send(new PublishDefinition(key, json ?? "", User.ToActor()), ct);
        TempData[PageMessages.Notice] = published.Status == PublicationStatus.Pending
            ? L["已提交 {0} 第 {1} 版，含 {2} 项敏感变更，须经省级主管审批后才启用；在此之前新立案件仍使用第 {3} 版。", procedure.Title, published.Version, published.SensitiveChanges.Count, procedure.InForce].Value
            : L["已发布 {0} 第 {1} 版。新立案件使用此版本；在办案件仍按原版本办理，除非主管迁移。", procedure.Title, published.Version].Value;
        return RedirectToAction(nameof(Show), new { key, version = published.Version });
    }

    [HttpGet("{key}/diff")]
    public async Task<IActionResult> Diff(string key, int? from, int? to, CancellationToken ct)
    {
        var procedure = await ProcedureAsync(key, ct);
        var versions = procedure.Versions.Select(v => v.Version).ToList();
        var after = to is { } t && versions.Contains(t) ? t : versions[^1];
        var before = from is { } f && versions.Contains(f) ? f : versions.Where(v => v < after).DefaultIfEmpty(after).Max();
        var left = await PageAsync(key, before, null, ct);
        var right = await PageAsync(key, after, null, ct);
        var diff = await mediator.Send(new DiffDefinitions(key, before, after), ct);
        return View(new DiffPage(procedure, left, right, diff));
    }

    /// <summary>Back from a draft's dry run to the editor, with the draft as it was.</summary>
    [HttpPost("{key}/edit"), RefusalShown(ForbiddenView = "Refused", Shows = Refusals.Forbidden, Forbidden = OnlyDesigners)]
    public async Task<IActionResult> EditDraft(string key, string? json, int? from, CancellationToken ct)
    {
        var procedure = DesignerProcedure.Of((await mediator.Send(new GetDesignerVersion(key, null, User.ToActor(), Permission.DesignDefinitions), ct)).Procedure);
        var fromVersion = FromVersion(procedure, from);
        var check = string.IsNullOrWhiteSpace(json) ? null : await mediator.Send(new ValidateDefinition(json, fromVersion), ct);
        return View(nameof(Edit), new EditorPage(procedure, fromVersion, json ?? "", check?.Errors ?? []) { Sensitive = check?.SensitiveChanges ?? [] });
    }

    /// <summary>
    /// The editor's "dry-run this draft": the text is validated as publishing would (refused: back to the editor with every
    /// message, 400), then the dry-run page opens on it with a sample timeline; nothing is published.
    /// </summary>
    [HttpPost("{key}/dry-run/draft"), RefusalShown(ForbiddenView = "Refused", Shows = Refusals.Forbidden, Forbidden = OnlyReviewers)]
    public async Task<IActionResult> DryRunDraft(string key, string? json, int? from, CancellationToken ct)
    {
        var procedure = DesignerProcedure.Of((await mediator.Send(new GetDesignerVersion(key, null, User.ToActor(), Permission.ReviewDefinitions), ct)).Procedure);
        var (shown, _, errors) = await DraftPageAsync(procedure, json, ct);
        if (shown is null)
        {
            return DraftRefused(procedure, FromVersion(procedure, from), json, errors);
        }

        return View(nameof(DryRun), new DryRunPage(procedure, shown.Version, User.ToActor().CityCode ?? "370100", Sample(shown.Definition), [], Draft: json));
    }

    [HttpGet("{key}/dry-run"), RefusalShown(ForbiddenView = "Refused", Shows = Refusals.Forbidden, Forbidden = OnlyReviewers)]
    public async Task<IActionResult> DryRun(string key, int? version, CancellationToken ct)
    {
        var page = await PageAsync(key, version, Permission.ReviewDefinitions, ct);
        return View(new DryRunPage(page.Procedure, page.Version, User.ToActor().CityCode ?? "370100", Sample(page.Definition), []));
    }

    /// <summary>Plays the timeline through the real runtime on a throwaway database and shows what happened.</summary>
    [HttpPost("{key}/dry-run"), RefusalShown(Page = nameof(DryRunRefused), ForbiddenView = "Refused", Shows = Refusals.Invalid | Refusals.Rule | Refusals.Forbidden, Forbidden = OnlyReviewers)]
    public async Task<IActionResult> DryRun(string key, int? version, string? city, string? timeline, string? draft, CancellationToken ct)
    {
        DefinitionPage page;
        JsonObject? draftJson = null;
        if (draft is not null)
        {
            var procedure = DesignerProcedure.Of((await mediator.Send(new GetDesignerVersion(key, null, User.ToActor(), Permission.ReviewDefinitions), ct)).Procedure);
            (var shown, draftJson, var draftErrors) = await DraftPageAsync(procedure, draft, ct);
            if (shown is null)
            {
                return DraftRefused(procedure, procedure.InForce, draft, draftErrors);
            }

            page = shown;
        }
        else
        {
            page = await PageAsync(key, version, Permission.ReviewDefinitions, ct);
        }

        var form = _dryRun = new DryRunPage(page.Procedure, page.Version, city ?? "", timeline ?? "", [], Draft: draft);
        var errors = new List<string>();
        var parsed = _timeline = DryRunTimeline.Parse(timeline, L, errors);
        if (parsed is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(form with { Errors = errors });
        }

        var report = await mediator.Send(new DryRunDefinition(key, draftJson is null ? page.Version : null, draftJson, city, parsed.Start, parsed.Steps, User.ToActor()), ct);
        var problem = report.Refused is { } r ? ProblemDetailsFunnel.Map(r.Error, HttpContext) : null;
        var line = report.Refused is not null && problem is Microsoft.AspNetCore.Mvc.ValidationProblemDetails v
            ? v.Errors.Keys.Select(parsed.LineOf).FirstOrDefault(l => l is not null)
            : report.Refused is { } rr && rr.Step >= 1 ? parsed.StepLines[rr.Step - 1] : null;
        return View(form with { Report = report, Shown = page, Refusal = problem, RefusedLine = line });
    }

    [HttpGet("{key}/migrate"), RefusalShown(ForbiddenView = "Refused", Shows = Refusals.Forbidden)]
    public async Task<IActionResult> Migrate(string key, Guid? caseId, CancellationToken ct)
    {
        var procedure = await ProcedureAsync(key, ct);
        var cases = await mediator.Send(new ListRunningCases(key, User.ToActor()), ct);
        var chosen = cases.FirstOrDefault(c => c.CaseId == caseId);
        return View(new MigratePage(procedure, cases, caseId, procedure.InForce, chosen is null ? "" : $"{chosen.State}={chosen.State}"));
    }

    /// <summary>Runs the runtime's migration of one case: a dry run lists what would change, otherwise it is applied.</summary>
    [HttpPost("{key}/migrate"), RefusalShown(Page = nameof(MigrationRefused), ForbiddenView = "Refused")]
    public async Task<IActionResult> Migrate(string key, Guid? caseId, int? toVersion, string? mapping, string? apply, CancellationToken ct)
    {
        var procedure = await ProcedureAsync(key, ct);
        var dryRun = apply != "true";
        var page = _migrate = new MigratePage(procedure, [], caseId, toVersion, mapping ?? "");
        page = _migrate = page with { Cases = await mediator.Send(new ListRunningCases(key, User.ToActor()), ct) };
        var pairs = ParseMapping(mapping);
        if (caseId is not { } id)
        {
            throw new DomainValidationException("caseId", L["请选择要迁移的案件。"]);
        }

        var plan = await mediator.Send(new MigrateInstance(id, toVersion, pairs, dryRun, User.ToActor()), ct);
        if (!dryRun)
        {
            page = page with { Cases = await mediator.Send(new ListRunningCases(key, User.ToActor()), ct) };
        }

        return View(page with { Plan = plan });
    }

    /// <summary>A refused decision on the version's page, with the reason at its field.</summary>
    private async Task<IActionResult> DecisionRefused(PageRefusal refusal, CancellationToken ct)
    {
        var (key, version) = _decided!.Value;
        return View(nameof(Show), await PublicationPageAsync(key, version, ct) with { Problem = refusal.Message, ProblemField = refusal.Kind == Refusals.Invalid ? refusal.Field : null });
    }

    /// <summary>The editor again with the text as posted and every message of the validator; nothing was stored.</summary>
    private Task<IActionResult> PublicationRefused(PageRefusal refusal, CancellationToken ct)
    {
        var errors = refusal.DefinitionErrors;
        var message = errors.Count > 0 ? L["未发布：定义有 {0} 处错误，请修改后再发布。", errors.Count].Value : refusal.Message;
        return Task.FromResult<IActionResult>(View(nameof(Edit), _editor! with { Errors = errors, Problem = message }));
    }

    /// <summary>The dry run's form again with the refusal, at the timeline's line that caused it when it names one.</summary>
    private Task<IActionResult> DryRunRefused(PageRefusal refusal, CancellationToken ct)
    {
        var where = refusal.Kind == Refusals.Invalid && _timeline!.LineOf(refusal.Field) is { } n ? L["第 {0} 行：", n].Value : "";
        var field = refusal.Kind == Refusals.Invalid ? $"{refusal.Field}: " : "";
        return Task.FromResult<IActionResult>(View(nameof(DryRun), _dryRun! with { Errors = [where + field + refusal.Message] }));
    }

    /// <summary>The migration form again with the refusal at its field; a procedure that is not there is the plain 404.</summary>
    private Task<IActionResult> MigrationRefused(PageRefusal refusal, CancellationToken ct) =>
        Task.FromResult<IActionResult>(_migrate is null
            ? NotFound()
            : View(nameof(Migrate), _migrate with { Problem = refusal.Message, ProblemField = refusal.Kind == Refusals.Invalid ? refusal.Field : null }));

    // "old=new" a line (or separated by commas): the supervisor names where each state goes.
    private Dictionary<string, string> ParseMapping(string? mapping)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (mapping ?? "").Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sides = part.Split('=', StringSplitOptions.TrimEntries);
            if (sides.Length != 2 || sides[0].Length is 0 or > 64 || sides[1].Length is 0 or > 64)
            {
                throw new DomainValidationException("stateMapping", L["状态映射每行写作 原状态=新状态。"]);
            }

            pairs[sides[0]] = sides[1];
        }

        return pairs;
    }

    private string Sample(WorkflowDefinition definition) =>
        DryRunTimeline.Sample(definition, ChinaTime.DateOf(clock.GetUtcNow()), L["每行一步：日期 start {立案数据}｜日期 task 环节 结果 {表单数据} [as 办理人]｜日期 event 事项 {事项数据}｜日期（仅推进时间）"]);

    private async Task<List<DesignerProcedure>> ProceduresAsync(CancellationToken ct) =>
        [.. (await mediator.Send(new ListDesignerProcedures(), ct)).Select(DesignerProcedure.Of)];

    /// <summary>A procedure by key (404 when there is none).</summary>
    private async Task<DesignerProcedure> ProcedureAsync(string key, CancellationToken ct) =>
        DesignerProcedure.Of((await mediator.Send(new GetDesignerVersion(key, null, User.ToActor()), ct)).Procedure);

    /// <summary>A version's page with its publication journal, and whether the viewer may decide it.</summary>
    private async Task<DefinitionPage> PublicationPageAsync(string key, int? version, CancellationToken ct)
    {
        var page = await mediator.Send(new GetPublicationPage(key, version, User.ToActor()), ct);
        var shown = Page(page.Version);
        return shown with { Procedure = shown.Procedure with { Names = page.Names }, Journal = page.Journal, CanDecide = page.CanDecide };
    }

    /// <summary>A version as a page: its diagram and table (404 when there is none; 403 when the user lacks <paramref name="needs"/>).</summary>
    private async Task<DefinitionPage> PageAsync(string key, int? version, Permission? needs, CancellationToken ct) =>
        Page(await mediator.Send(new GetDesignerVersion(key, version, User.ToActor(), needs), ct));

    private DefinitionPage Page(DesignerVersion version) =>
        new(DesignerProcedure.Of(version.Procedure), version.Definition, new DefinitionDiagram(version.Definition, text));

    /// <summary>A draft as a page (diagram and all), numbered as the version it would be published as; or the validator's messages.</summary>
    private async Task<(DefinitionPage? Page, JsonObject? Draft, IReadOnlyList<DefinitionError> Errors)> DraftPageAsync(DesignerProcedure procedure, string? json, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, null, [new DefinitionError("draft", "$", "schema", L["草稿为空。"])]);
        }

        var draft = await mediator.Send(new GetDraftVersion(procedure.Key, json, procedure.Versions[^1].Version + 1), ct);
        return draft switch
        {
            { OtherKey: true } => (null, null, [new DefinitionError("draft", "$.key", "key-version", L["草稿的 key 必须是 {0}。", procedure.Key])]),
            { Definition: { } definition } => (new DefinitionPage(procedure, definition, new DefinitionDiagram(definition, text)), draft.Draft, []),
            _ => (null, null, draft.Errors),
        };
    }

    /// <summary>A draft the validator refuses goes back to the editor with every message (400); nothing runs or is stored.</summary>
    private ViewResult DraftRefused(DesignerProcedure procedure, int fromVersion, string? json, IReadOnlyList<DefinitionError> errors)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Edit), new EditorPage(procedure, fromVersion, json ?? "", errors, L["不能试运行：草稿有 {0} 处错误，请先修改。", errors.Count]));
    }

    /// <summary>The version an edit started from, when the form names one of the procedure's; else the one in use.</summary>
    private static int FromVersion(DesignerProcedure procedure, int? from) =>
        from is int v && procedure.Versions.Any(x => x.Version == v) ? v : procedure.InForce;
}
