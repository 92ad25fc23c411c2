using Cases.Application.Common;
using Cases.Web.Forms;
using Cases.Application.Casework;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Runtime;
using Cases.Workflows.Tasks;

namespace Cases.Web.Controllers;

/// <summary>A task's page: the task, its case's data, the form generated from the definition and the outcomes as buttons.</summary>
public sealed class TaskFormPage
{
    public required TaskView Task { get; init; }

    public required CaseView Case { get; init; }

    public required WorkflowDefinition Definition { get; init; }

    public required StateSpec State { get; init; }

    /// <summary>The types and labels of the form's fields: the definition's data, or a confirmation's own date field.</summary>
    public required IReadOnlyDictionary<string, FieldSpec> FormData { get; init; }

    /// <summary>For a supervisor's confirmation of an expiry (<see cref="ExpiryConfirmation"/>): the held last day of the period, as journaled.</summary>
    public string? HeldDueOn { get; init; }

    /// <summary>The case data with identity numbers masked unless the user's role needs them.</summary>
    public required System.Text.Json.Nodes.JsonObject Data { get; init; }

    public required IReadOnlyList<WorkflowField> Fields { get; init; }

    /// <summary>What the controls hold: as posted after a refusal, else the case's current data.</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    public int? DaysLeft { get; init; }

    public bool FullIdNumbers { get; init; }

    /// <summary>The user may complete it now: open in their role, or claimed by them.</summary>
    public bool CanComplete { get; init; }

    /// <summary>The user may claim it: open, in their role.</summary>
    public bool CanClaim { get; init; }

    public bool CanRelease { get; init; }

    /// <summary>Someone else got there first: what happened, in a plain sentence.</summary>
    public string? Conflict { get; init; }

    /// <summary>A refusal that is not about a field (separation of duties, a rule, a calendar year without data).</summary>
    public string? Refusal { get; init; }

    public string Value(string field) => Values.GetValueOrDefault(field, "");

    /// <summary>Display names of who holds or completed the task, and the case's party by name.</summary>
    public NameBook Names { get; init; } = NameBook.Empty;

    /// <summary>The task's party as its heading names it.</summary>
    public PartyLabel Party => Names.Party(Task.CaseId, Task.Party);

    /// <summary>A completion shown for confirmation before it is sent: the outcome chosen and what it will do.</summary>
    public TaskConfirmation? Confirm { get; set; }
}

/// <summary>A completion waiting for the officer's confirmation (<see cref="GetCompletionConfirmation"/>): the outcome chosen and what it will do.</summary>
public sealed record TaskConfirmation(string Outcome, CompletionConfirmation What);

/// <summary>
/// Opening and completing a task through <see cref="GetTaskPage"/>, <see cref="ClaimTask"/>, <see cref="ReleaseTask"/> and
/// <see cref="CompleteTask"/>: the same commands as the REST API, so every rule is the runtime's.
/// </summary>
// The case staff only (as GET /api/tasks); the task's candidate role and city are the commands' to check (they depend on the record).
[Route("tasks/{id:guid}"), Authorize(Policy = Policies.CaseData)]
public sealed class TaskController(IMediator mediator, WorkflowForm forms, IStringLocalizer<SharedResource> L) : Controller
{
    /// <summary>The task's page as the completion found it, with what was posted: shown again when the completion is refused.</summary>
    private TaskFormPage? _posted;

    [HttpGet("")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct) => View("Task", await PageAsync(id, posted: null, conflict: false, refusal: null, ct));

    [HttpPost("claim"), RefusalShown(RedirectTo = nameof(Show), Shows = Refusals.Conflict | Refusals.Forbidden | Refusals.NotFound,
        Forbidden = "您不能办理此任务：{0}", NotFound = "找不到该任务（不存在或不属于本市）。")]
    public async Task<IActionResult> Claim(Guid id, string? from, CancellationToken ct)
    {
        await mediator.Send(new ClaimTask(id, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已领取，请办理。"].Value;
        return RedirectToAction(nameof(Show), new { id, from = string.IsNullOrEmpty(from) ? null : from });
    }

    [HttpPost("release"), RefusalShown(RedirectTo = nameof(Show), Shows = Refusals.Conflict | Refusals.Forbidden | Refusals.NotFound,
        Forbidden = "您不能办理此任务：{0}", NotFound = "找不到该任务（不存在或不属于本市）。")]
    public async Task<IActionResult> Release(Guid id, CancellationToken ct)
    {
        await mediator.Send(new ReleaseTask(id, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["任务已放回待领取，同岗位人员可以领取。"].Value;
        return RedirectToAction(nameof(InboxController.Index), "Inbox", new { tab = "available" });
    }

    /// <summary>
    /// Completes the task through <see cref="CompleteTask"/> with the outcome's button and the form's fields. A refused
    /// field is said at its control; a conflict (someone else got there first), a refusal of separation of duties or of a
    /// rule shows the task as it stands now, with what was typed.
    /// </summary>
    [HttpPost("complete"), RefusalShown(Page = nameof(CompletionRefused), Shows = Refusals.Invalid | Refusals.Conflict | Refusals.Forbidden | Refusals.Rule,
        Forbidden = "您不能办理此任务：{0}", Rule = "按规程不能办理：{0}")]
    public async Task<IActionResult> Complete(Guid id, string? outcome, CancellationToken ct)
    {
        var form = await Request.ReadFormAsync(ct);
        var page = _posted = await PageAsync(id, form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal), false, null, ct);
        if (string.IsNullOrEmpty(outcome) || page.State.Outcomes?.ContainsKey(outcome) != true)
        {
            ModelState.AddModelError("", L["请用页面下方的按钮选择办理结果。"]);
            return Answer(page, StatusCodes.Status400BadRequest);
        }

        // Only the form's fields and the chosen outcome's: another outcome's fields are not sent (the runtime refuses them).
        var allowed = WorkflowForm.AllowedFor(page.State, outcome);
        var fields = page.Fields.Where(f => allowed.Any(a => a.Field == f.Name)).ToList();
        var errors = new List<(string Field, string Message)>();
        var data = forms.Bind(fields, k => form[k], errors);
        if (errors.Count == 0)
        {
            errors.AddRange(forms.Check(data, page.FormData, allowed, page.Fields));
        }

        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            return Answer(page, StatusCodes.Status400BadRequest);
        }

        // A completion that cannot be undone (a window that closes at once, money paid out) is confirmed first: the query
        // says whether and what; the page comes back with what was typed until the post carries that confirmation.
        var confirmation = await mediator.Send(new GetCompletionConfirmation(id, outcome, data, User.ToActor()), ct);
        if (confirmation.Needed && !string.Equals(form["confirmed"], confirmation.Token, StringComparison.Ordinal))
        {
            page.Confirm = new TaskConfirmation(outcome, confirmation);
            return View("Task", page);
        }

        var state = await mediator.Send(new CompleteTask(id, outcome, data, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已办结「{0}」：{1}。案件当前环节：{2}。", WorkflowText.Title(page.Task),
            WorkflowText.Of(page.State.Outcomes[outcome].Label, outcome), WorkflowText.StateTitle(page.Definition, state.State)].Value;
        if (form["from"].ToString() is { Length: > 0 } from)
        {
            TempData[PageMessages.NextTask] = Url.Action(nameof(InboxController.Next), "Inbox", new { from, done = id });
        }

        return RedirectToAction(nameof(CaseController.Show), "Case", new { id = page.Task.CaseId });
    }

    /// <summary>
    /// A refused field at its control, on the page as posted; anything else on the task as it stands now (someone else may
    /// have taken or finished it), with what was typed.
    /// </summary>
    private async Task<IActionResult> CompletionRefused(PageRefusal refusal, CancellationToken ct)
    {
        var posted = _posted!;
        if (refusal.Kind == Refusals.Invalid)
        {
            var (field, message) = forms.Describe(refusal.Field, refusal.Message, posted.Fields);
            ModelState.AddModelError(field, message);
            return View("Task", posted);
        }

        var conflict = refusal.Kind == Refusals.Conflict;
        return View("Task", await PageAsync(posted.Task.Id, posted.Values, conflict, conflict ? null : refusal.Message, ct));
    }

    private ViewResult Answer(TaskFormPage page, int status)
    {
        Response.StatusCode = status;
        return View("Task", page);
    }

    /// <summary>The page of a task as it stands (404 when the user may not see it); <paramref name="conflict"/> asks for the sentence saying who got there first.</summary>
    private async Task<TaskFormPage> PageAsync(Guid id, IReadOnlyDictionary<string, string>? posted, bool conflict, string? refusal, CancellationToken ct)
    {
        var page = await mediator.Send(new GetTaskPage(id, User.ToActor()), ct);
        var fields = WorkflowForm.ForTask(page.Definition, page.State, page.FormData);
        return new TaskFormPage
        {
            Task = page.Task,
            Case = page.Case,
            Definition = page.Definition,
            State = page.State,
            FormData = page.FormData,
            HeldDueOn = page.HeldDueOn,
            Data = page.Case.Data as System.Text.Json.Nodes.JsonObject ?? [],
            Fields = fields,
            Values = posted ?? CaseValues.Of(page.Case.Data, fields),
            DaysLeft = page.DaysLeft,
            FullIdNumbers = page.FullIdNumbers,
            CanComplete = page.CanComplete,
            CanClaim = page.CanClaim,
            CanRelease = page.CanRelease,
            Names = page.Names,
            Conflict = conflict ? TaskOutcomes.Current(L, page.Task, page.Definition, page.Names) : null,
            Refusal = refusal,
        };
    }
}
