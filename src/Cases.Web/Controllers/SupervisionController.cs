using Cases.Application.Common;
using Cases.Web.Forms;
using Cases.Web.Exports;
using Cases.Application.Supervision;
using Cases.Domain.Parties;
using Cases.Workflows.Instances;

namespace Cases.Web.Controllers;

/// <summary>The reassignment a supervisor is asked to confirm, and the dashboard address to go back to.</summary>
public sealed record ReassignConfirmPage(ReassignmentPreview Preview, string ReturnUrl, bool FullIdNumbers)
{
    public PartyLabel Party(TaskView task) => Preview.Names.Party(task.CaseId, WorkflowText.Party(task.Party, FullIdNumbers));
}

/// <summary>What Views/Supervision/_SlaTaskList.cshtml draws: one list of the page, its heading and the address to come back to.</summary>
public sealed record SlaTaskListView(SupervisionPage Page, SlaTasks List, string Heading, string ReturnUrl);

/// <summary>The supervisor dashboard 「督办」, where deadlines missed or nearly missed are followed up, for one city or, for provincial staff, every city.</summary>
public sealed class SupervisionPage
{
    /// <summary>The city shown; null for every city (provincial staff only).</summary>
    public string? City { get; init; }

    /// <summary>The lists narrowed to statutory or agency deadlines; null for both.</summary>
    public string? Clock { get; init; }

    /// <summary>The cities to pick from: every city for provincial staff, none for a city's (they see their own).</summary>
    public IReadOnlyList<City> Cities { get; init; } = [];

    public required SlaOverview Overview { get; init; }

    public required EscalationBoard Escalations { get; init; }

    public required SlaTasks Breached { get; init; }

    public required SlaTasks Warning { get; init; }

    public required IReadOnlyList<WeekBreaches> Weeks { get; init; }

    public required IReadOnlyList<StepDuration> Steps { get; init; }

    /// <summary>Late term-extension applications accepted as the agency's exception this year.</summary>
    public required LateExceptionCount LateExceptions { get; init; }

    /// <summary>Whom tasks can go to, by city and role.</summary>
    public required IReadOnlyList<Assignee> Assignees { get; init; }

    public required IReadOnlyDictionary<string, string> ProcedureTitles { get; init; }

    /// <summary>Supervisors reassign; administrators only look.</summary>
    public bool CanReassign { get; init; }

    public bool FullIdNumbers { get; init; }

    /// <summary>A cursor of a list that no longer fits (the first page is shown instead).</summary>
    public string? ListProblem { get; init; }

    /// <summary>Display names of the officers on the page and the listed tasks' parties by name.</summary>
    public NameBook Names { get; init; } = NameBook.Empty;

    /// <summary>A listed case's party as every list shows it: a name with its code or masked number beside it.</summary>
    public PartyLabel Party(Guid caseId, string party) => Names.Party(caseId, WorkflowText.Party(party, FullIdNumbers));

    public string ProcedureTitle(string key) => ProcedureTitles.GetValueOrDefault(key, key);

    public IEnumerable<Assignee> AssigneesFor(TaskView task) => Assignees.Where(a => a.City == task.City && a.Role == task.Role);

    /// <summary>
    /// Where a list downloads as CSV (SupervisionApi's export), for this page's city and, for the breached and at-risk
    /// lists the page narrows by it, its clock filter: the file holds what the page shows.
    /// </summary>
    public string ExportUrl(string list)
    {
        var query = new List<string>();
        if (City is not null)
        {
            query.Add($"city={Uri.EscapeDataString(City)}");
        }

        if (Clock is not null && list is "breached" or "warning")
        {
            query.Add($"clock={Uri.EscapeDataString(Clock)}");
        }

        return $"/api/supervision/export/{list}" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    /// <summary>The route values of this page, with another cursor for one list.</summary>
    public Dictionary<string, string> Route(string? breachedAfter = null, string? warningAfter = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (City is not null)
        {
            values["city"] = City;
        }

        if (Clock is not null)
        {
            values["clock"] = Clock;
        }

        if (breachedAfter is not null)
        {
            values["breachedAfter"] = breachedAfter;
        }

        if (warningAfter is not null)
        {
            values["warningAfter"] = warningAfter;
        }

        return values;
    }
}

/// <summary>
/// 「督办」: open tasks on time, in warning and breached per procedure and officer; the breached and at-risk lists with
/// reassign and bulk reassign (AssignTask, journaled); escalations first; workload per officer; breaches per week and
/// time to complete per step in working days as charts with their tables; every list as CSV (GET /api/supervision/export/{list}). City supervisors and
/// administrators see their city, provincial ones every city or the one they pick (规程 第一百四十条).
/// </summary>
// Looking is for supervisors and administrators; the reassign post lets the command refuse others, so they get the
// reason on their inbox instead of an access-denied page.
[Route("supervision"), Authorize]
public sealed class SupervisionController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    private const int PageSize = 50;

    [HttpGet(""), Authorize(Policy = Policies.Operations)]
    public async Task<IActionResult> Index(string? city, string? breachedAfter, string? warningAfter, string? clock, CancellationToken ct)
    {
        clock = string.IsNullOrWhiteSpace(clock) ? null : clock;
        var page = await mediator.Send(new GetSupervisionPage(city, breachedAfter, warningAfter, PageSize, User.ToActor(), clock), ct);
        return View(new SupervisionPage
        {
            City = page.City,
            Clock = clock,
            Cities = page.Provincial ? City.All : [],
            Overview = page.Overview,
            Escalations = page.Escalations,
            Breached = page.Breached,
            Warning = page.Warning,
            Weeks = page.Weeks,
            Steps = page.Steps,
            LateExceptions = page.LateExceptions,
            Assignees = page.Assignees,
            ProcedureTitles = await SupervisionCsv.ProcedureTitlesAsync(mediator, ct),
            CanReassign = page.CanReassign,
            FullIdNumbers = page.FullIdNumbers,
            ListProblem = page.StaleCursor ? L["列表的翻页位置已失效，已回到第一页。"].Value : null,
            Names = page.Names,
        });
    }

    /// <summary>
    /// Reassigns one task (its row's form) or every selected one (bulk) to the chosen user through <see cref="ReassignTasks"/>,
    /// each on its own, in two steps: the post from the dashboard shows what will happen (<see cref="PreviewReassignment"/>:
    /// the tasks, whom they leave, whom they go to), and only the confirmation's form (<paramref name="confirmed"/>) reassigns.
    /// </summary>
    [HttpPost("reassign"), RefusalShown(Page = nameof(ReassignmentRefused), Shows = Refusals.Invalid | Refusals.Forbidden | Refusals.NotFound)]
    public async Task<IActionResult> Reassign(Guid? taskId, Guid[] selected, string? userName, string? returnUrl, bool confirmed, CancellationToken ct)
    {
        Guid[] ids = taskId is Guid one ? [one] : [.. selected.Distinct()];
        if (!confirmed)
        {
            var preview = await mediator.Send(new PreviewReassignment(ids, userName, User.ToActor()), ct);
            return View("ReassignConfirm", new ReassignConfirmPage(preview, Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Action(nameof(Index))!, User.ToActor().NeedsFullIdNumbers));
        }

        var results = await mediator.Send(new ReassignTasks(ids, userName, User.ToActor()), ct);
        var assigned = results.Count(r => r.Assigned);
        if (assigned > 0)
        {
            var names = await mediator.Send(new ResolveNames([userName?.Trim()], [], User.ToActor()), ct);
            TempData[PageMessages.Notice] = L["已将 {0} 项任务改派给{1}。", assigned, names.User(userName?.Trim())].Value;
        }

        var refused = results.Where(r => !r.Assigned).Select(r => L["任务 {0} 未改派：{1}", r.Task is { } t ? WorkflowText.Title(t) : WorkflowText.CaseNumber(r.TaskId), r.Problem ?? ""].Value).ToList();
        if (refused.Count > 0)
        {
            TempData[PageMessages.Problem] = string.Join("\n", refused);
        }

        return Back(returnUrl);
    }

    /// <summary>A supervisor acknowledges an escalation ("seen, being dealt with"), with an optional note, journaled on the case.</summary>
    [HttpPost("escalations/{id:guid}/acknowledge"), RefusalShown(Page = nameof(AcknowledgementRefused), Shows = Refusals.Invalid | Refusals.Forbidden | Refusals.NotFound | Refusals.Conflict)]
    public async Task<IActionResult> Acknowledge(Guid id, string? note, string? returnUrl, CancellationToken ct)
    {
        await mediator.Send(new AcknowledgeEscalation(id, note, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已确认该升级事项，记入案件日志。"].Value;
        return Back(returnUrl);
    }

    // Not a supervisor: nothing to go back to here (administrators look, they do not reassign); the workbench is
    // everyone's page (the inbox is not a designer's or an auditor's).
    private Task<IActionResult> ReassignmentRefused(PageRefusal refusal, CancellationToken ct) => Refused(refusal switch
    {
        { Kind: Refusals.Forbidden } => L["只有主管可以改派任务。"],
        { Kind: Refusals.NotFound } => L["找不到该任务（不存在或不属于本市）。"],
        { Field: "taskIds" } => L["请先勾选要改派的任务。"],
        _ => L["请选择改派给谁：{0}", refusal.Message],
    }, refusal);

    private async Task<IActionResult> AcknowledgementRefused(PageRefusal refusal, CancellationToken ct)
    {
        // Who got there first, by display name.
        var names = refusal.Current is EscalationAcknowledgement first
            ? await mediator.Send(new ResolveNames([first.AcknowledgedBy], [], User.ToActor()), ct)
            : NameBook.Empty;
        return await Refused(refusal switch
        {
            { Kind: Refusals.Forbidden } => L["只有主管可以确认升级事项。"],
            { Kind: Refusals.NotFound } => L["找不到该升级事项（不存在或不属于本市）。"],
            { Current: EscalationAcknowledgement a } => L["该升级事项已由 {0} 于 {1} 确认。", names.User(a.AcknowledgedBy), WorkflowText.Instant(a.AcknowledgedAt)],
            { Kind: Refusals.Conflict } => new LocalizedString("", refusal.Message),
            _ => L["说明不超过 {0} 字，不含控制字符。", AcknowledgeEscalation.MaxNoteLength],
        }, refusal);
    }

    private Task<IActionResult> Refused(LocalizedString problem, PageRefusal refusal)
    {
        TempData[PageMessages.Problem] = problem.Value;
        return Task.FromResult<IActionResult>(refusal.Kind == Refusals.Forbidden
            ? RedirectToAction(nameof(HomeController.Index), "Home")
            : Back(Request.Form["returnUrl"]));
    }

    private RedirectResult Back(string? returnUrl) =>
        Redirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/supervision", StringComparison.Ordinal) ? returnUrl : Url.Action(nameof(Index))!);
}
