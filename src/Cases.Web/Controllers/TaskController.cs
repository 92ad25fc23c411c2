using Cases.Web.Texts;
using Cases.Web.Forms;
using Cases.Application.Casework;
using Cases.Application.Persistence;
using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Web.Infrastructure;
using Cases.Workflows.Calendar;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;
using Cases.Workflows.Records;
using Cases.Workflows.Runtime;
using Cases.Workflows.Tasks;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

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
}

/// <summary>
/// Opening and completing a task through <see cref="GetTask"/>, <see cref="ClaimTask"/>, <see cref="ReleaseTask"/> and
/// <see cref="CompleteTask"/>: the same commands as the REST API, so every rule is the runtime's.
/// </summary>
// The case staff only (as GET /api/tasks); the task's candidate role and city are the commands' to check (they depend on the record).
[Route("tasks/{id:guid}"), Authorize(Policy = Policies.CaseData)]
public sealed class TaskController(
    IMediator mediator, CasesDb db, DefinitionStore definitions, CalendarStore calendars, TimeProvider clock, WorkflowForm forms, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct) =>
        await PageAsync(id, posted: null, conflict: null, refusal: null, ct) is { } page ? View("Task", page) : NotFound();

    [HttpPost("claim")]
    public async Task<IActionResult> Claim(Guid id, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new ClaimTask(id, User.ToActor()), ct);
            TempData[PageMessages.Notice] = L["已领取，请办理。"].Value;
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException or NotFoundException)
        {
            TempData[PageMessages.Problem] = await TaskOutcomes.RefusalAsync(mediator, L, id, e, User.ToActor(), ct);
        }

        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("release")]
    public async Task<IActionResult> Release(Guid id, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new ReleaseTask(id, User.ToActor()), ct);
            TempData[PageMessages.Notice] = L["任务已退回，同岗位人员可以领取。"].Value;
            return RedirectToAction(nameof(InboxController.Index), "Inbox", new { tab = "available" });
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException or NotFoundException)
        {
            TempData[PageMessages.Problem] = await TaskOutcomes.RefusalAsync(mediator, L, id, e, User.ToActor(), ct);
            return RedirectToAction(nameof(Show), new { id });
        }
    }

    [HttpPost("complete")]
    public async Task<IActionResult> Complete(Guid id, string? outcome, CancellationToken ct)
    {
        var form = await Request.ReadFormAsync(ct);
        var page = await PageAsync(id, form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal), null, null, ct);
        if (page is null)
        {
            return NotFound();
        }

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

        try
        {
            var state = await mediator.Send(new CompleteTask(id, outcome, data, User.ToActor()), ct);
            TempData[PageMessages.Notice] = L["已办结「{0}」：{1}。案件当前环节：{2}。", WorkflowText.Title(page.Task),
                WorkflowText.Of(page.State.Outcomes[outcome].Label, outcome), WorkflowText.StateTitle(page.Definition, state.State)].Value;
            return RedirectToAction(nameof(CaseController.Show), "Case", new { id = page.Task.CaseId });
        }
        catch (ConflictException)
        {
            // Someone else completed or claimed it first: say so, and show the task as it stands now.
            var current = await PageAsync(id, page.Values, conflict: "", null, ct);
            return current is null ? NotFound() : Answer(current, StatusCodes.Status409Conflict);
        }
        catch (DomainValidationException e)
        {
            var (field, message) = forms.Describe(e, page.Fields);
            ModelState.AddModelError(field, message);
            return Answer(page, StatusCodes.Status400BadRequest);
        }
        catch (ForbiddenException e)
        {
            return Answer(await PageAsync(id, page.Values, null, L["您不能办理此任务：{0}", e.Message], ct) ?? page, StatusCodes.Status403Forbidden);
        }
        catch (Exception e) when (e is DomainRuleException or CalendarYearMissingException)
        {
            return Answer(await PageAsync(id, page.Values, null, L["按规程不能办理：{0}", e.Message], ct) ?? page, StatusCodes.Status422UnprocessableEntity);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private ViewResult Answer(TaskFormPage page, int status)
    {
        Response.StatusCode = status;
        return View("Task", page);
    }

    /// <summary>The page of a task as it stands; null when the user may not see it. <paramref name="conflict"/> "" asks for the conflict sentence.</summary>
    private async Task<TaskFormPage?> PageAsync(Guid id, IReadOnlyDictionary<string, string>? posted, string? conflict, string? refusal, CancellationToken ct)
    {
        var actor = User.ToActor();
        TaskView task;
        CaseView @case;
        try
        {
            task = await mediator.Send(new GetTask(id, actor), ct);
            @case = await mediator.Send(new GetCase(task.CaseId, actor), ct);
        }
        catch (NotFoundException)
        {
            return null;
        }

        var definition = await definitions.GetAsync(db, @case.Procedure, @case.DefinitionVersion, ct);
        var confirmation = task.Kind == HumanTaskKind.ExpiryConfirmation;
        var state = confirmation ? ExpiryConfirmation.Spec(definition, task.State) : definition.States[task.State];
        var formData = confirmation ? ExpiryConfirmation.Fields : definition.Data;
        var fields = WorkflowForm.ForTask(definition, state, formData);
        var calendar = await calendars.GetAsync(db, ct);
        var inRole = actor.IsIn(task.Role);
        return new TaskFormPage
        {
            Task = task,
            Case = @case,
            Definition = definition,
            State = state,
            FormData = formData,
            HeldDueOn = confirmation ? @case.Journal.LastOrDefault(j => j.Action == JournalActions.ExpiryHeld)?.Data?[JournalFields.DueOn]?.GetValue<string>() : null,
            Data = @case.Data as System.Text.Json.Nodes.JsonObject ?? [],
            Fields = fields,
            Values = posted ?? CaseValues.Of(@case.Data, fields),
            DaysLeft = InboxController.DaysLeft(calendar, ChinaTime.DateOf(clock.GetUtcNow()), task.DueOn),
            FullIdNumbers = actor.NeedsFullIdNumbers,
            CanComplete = inRole && (task.Status == HumanTaskStatus.Open || (task.Status == HumanTaskStatus.Claimed && task.Assignee == actor.UserName)),
            CanClaim = inRole && task.Status == HumanTaskStatus.Open,
            CanRelease = task.Status == HumanTaskStatus.Claimed && task.Assignee == actor.UserName,
            Conflict = conflict is null ? null : TaskOutcomes.Current(L, task, definition),
            Refusal = refusal,
        };
    }
}
