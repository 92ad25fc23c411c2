using Cases.Application.Injuries;
using Cases.Application.Parties;
using Cases.Web.Forms;

namespace Cases.Web.Controllers;

/// <summary>
/// 工伤案件: the injury cases of the user's city, found by the worker's name or the decision's number, and each one's page —
/// the worker, the decision, the rehabilitation period, the appraisal conclusions, every case opened on it and what the
/// ledgers hold for it; registering one from the recognition decision (登记工伤案件), and recording on it the period the
/// committee confirmed (第四十三条) and its appraisal conclusion (第七十八条). The same requests as /api/injury-cases.
/// </summary>
[Route("injury-cases"), Authorize(Policy = Policies.CaseData)]
public sealed class InjuryCasesController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    /// <summary>The registration form as typed, shown again with what was refused.</summary>
    private RegisterInjuryCasePage? _form;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? after, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var page = await mediator.Send(new ListInjuryCases(text, null, null, null, string.IsNullOrWhiteSpace(after) ? null : after, null, User.ToActor()), ct);
        return View(new InjuryCaseListPage(text, page, User.May(Domain.Staff.Permission.RegisterParties)));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct) =>
        View(new InjuryCaseShowPage(await mediator.Send(new GetInjuryCasePage(id, User.ToActor()), ct), User.May(Domain.Staff.Permission.RegisterParties)));

    /// <summary>
    /// 登记工伤案件: the form, with the worker picked from the city's register (<paramref name="workerId"/>, from the worker's
    /// page: his current employer filled in) or found by name or the last digits of the number (<paramref name="find"/>).
    /// </summary>
    [HttpGet("new"), Authorize(Policy = Policies.RegisterParties), RefusalShown(Page = nameof(RegistrationRefused), Shows = Refusals.Invalid)]
    public async Task<IActionResult> New(Guid? workerId, string? find, CancellationToken ct)
    {
        var actor = User.ToActor();
        var page = _form = new RegisterInjuryCasePage { Provincial = actor.IsProvincial, City = actor.CityCode, Find = find };
        if (workerId is { } id)
        {
            var worker = await mediator.Send(new GetWorkerPage(id, actor), ct);
            page = _form = page with
            {
                Worker = new PickedWorker(worker.Worker.Id, worker.Worker.Name, worker.Worker.IdNumber, worker.Employer?.Name),
                EmployerCreditCode = worker.Employer?.CreditCode,
                City = actor.IsProvincial ? worker.Employer?.City ?? actor.CityCode : actor.CityCode,
            };
        }

        if (!string.IsNullOrWhiteSpace(find) && page.Worker is null)
        {
            var found = await mediator.Send(new SearchParties(find.Trim(), null, RegisterInjuryCasePage.Candidates, actor), ct);
            page = _form = page with { Found = [.. found.Items.Where(h => h.Kind == PartyHit.Worker).Select(h => new PickedWorker(Guid.Parse(h.Key), h.Name, h.Number, h.Detail))] };
        }

        return View("New", page);
    }

    /// <summary>Registers the injury case through <see cref="RegisterInjuryCase"/> and leads to its page.</summary>
    [HttpPost("new"), Authorize(Policy = Policies.RegisterParties), RefusalShown(Page = nameof(RegistrationRefused),
        Shows = Refusals.Invalid | Refusals.Forbidden | Refusals.Conflict | Refusals.Rule, Forbidden = "您只能登记本市的工伤案件：{0}", Rule = "按规程不能登记：{0}")]
    public async Task<IActionResult> Register(
        string? city, Guid? workerId, string? workerName, string? workerNumber, string? workerEmployer, string? workerIdNumber, string? employerCreditCode,
        string? injuredOn, string? recognizedOn, string? recognitionNumber, string? description, CancellationToken ct)
    {
        var actor = User.ToActor();
        var page = _form = new RegisterInjuryCasePage
        {
            Provincial = actor.IsProvincial,
            City = string.IsNullOrWhiteSpace(city) ? actor.CityCode : city.Trim(),
            Worker = workerId is { } id ? new PickedWorker(id, workerName ?? "", workerNumber ?? "", workerEmployer) : null,
            WorkerIdNumber = workerIdNumber,
            EmployerCreditCode = employerCreditCode,
            InjuredOn = injuredOn,
            RecognizedOn = recognizedOn,
            RecognitionNumber = recognitionNumber,
            Description = description,
        };
        var view = await mediator.Send(new RegisterInjuryCase(
            page.City, workerIdNumber, employerCreditCode,
            string.IsNullOrWhiteSpace(injuredOn) ? null : ApiInput.Date(injuredOn, "injuredOn"),
            string.IsNullOrWhiteSpace(recognizedOn) ? null : ApiInput.Date(recognizedOn, "recognizedOn"),
            recognitionNumber, description, actor, workerId), ct);
        TempData[PageMessages.Notice] = L["已登记工伤案件 {0}。", view.RecognitionNumber ?? view.WorkerName].Value;
        return RedirectToAction(nameof(Show), new { id = view.Id });
    }

    /// <summary>
    /// The confirmed rehabilitation period (第四十三条), recorded from the injury case's page; a refusal is said there once
    /// (another city's injury case is the plain 404, as reading it is).
    /// </summary>
    [HttpPost("{id:guid}/rehabilitation"), Authorize(Policy = Policies.RegisterParties), RefusalShown(RedirectTo = nameof(Show), Shows = Refusals.Invalid | Refusals.Conflict | Refusals.Rule, Any = "未能登记康复期：{0}")]
    public async Task<IActionResult> Rehabilitation(Guid id, string? startsOn, string? endsOn, CancellationToken ct)
    {
        await mediator.Send(new ConfirmRehabilitation(
            id,
            string.IsNullOrWhiteSpace(startsOn) ? null : ApiInput.Date(startsOn, "startsOn"),
            string.IsNullOrWhiteSpace(endsOn) ? null : ApiInput.Date(endsOn, "endsOn"),
            User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已登记康复期（第四十三条）。"].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    /// <summary>The appraisal conclusion (第七十八条: a re-appraisal replaces it; the earlier one stays in the history).</summary>
    [HttpPost("{id:guid}/appraisal"), Authorize(Policy = Policies.RegisterParties), RefusalShown(RedirectTo = nameof(Show), Shows = Refusals.Invalid | Refusals.Conflict | Refusals.Rule, Any = "未能登记鉴定结论：{0}")]
    public async Task<IActionResult> Appraisal(Guid id, string? disabilityGrade, string? selfCareLevel, string? appraisedOn, string? conclusionNumber, CancellationToken ct)
    {
        await mediator.Send(new RecordAppraisal(
            id,
            string.IsNullOrWhiteSpace(disabilityGrade) ? null : ApiInput.WholeNumber(disabilityGrade, "disabilityGrade"),
            selfCareLevel,
            string.IsNullOrWhiteSpace(appraisedOn) ? null : ApiInput.Date(appraisedOn, "appraisedOn"),
            conclusionNumber,
            User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已登记劳动能力鉴定结论（第七十八条）。"].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    /// <summary>The registration form again as typed: a refused field at its control, anything else above the form.</summary>
    private Task<IActionResult> RegistrationRefused(PageRefusal refusal, CancellationToken ct)
    {
        var page = _form ?? new RegisterInjuryCasePage { Provincial = User.ToActor().IsProvincial, City = User.ToActor().CityCode };
        if (refusal.Kind == Refusals.Invalid && refusal.Field.Length > 0)
        {
            ModelState.AddModelError(refusal.Field is "workerId" ? "workerIdNumber" : refusal.Field, refusal.Message);
        }
        else if (refusal.Kind == Refusals.Forbidden)
        {
            ModelState.AddModelError("city", refusal.Message);
        }
        else
        {
            page = page with { Refusal = refusal.Message };
        }

        return Task.FromResult<IActionResult>(View("New", page));
    }
}

/// <summary>The injury-case list as typed: the text searched and the page found; whether the user may register one.</summary>
public sealed record InjuryCaseListPage(string? Q, InjuryCasePage Page, bool CanRegister = false);

/// <summary>One injury case's page, and whether the user may record on it (the period, the appraisal).</summary>
public sealed record InjuryCaseShowPage(InjuryCasePageView View, bool CanRecord);

/// <summary>A worker of the city's register as the form shows him: the number masked (规程 第一百四十条).</summary>
public sealed record PickedWorker(Guid Id, string Name, string MaskedNumber, string? EmployerName);

/// <summary>登记工伤案件 as typed: the picked worker (or the number typed), the employer, the decision, what was refused.</summary>
public sealed record RegisterInjuryCasePage
{
    /// <summary>How many workers a search offers to pick from.</summary>
    public const int Candidates = 10;

    public bool Provincial { get; init; }

    public string? City { get; init; }

    public string? Find { get; init; }

    public IReadOnlyList<PickedWorker> Found { get; init; } = [];

    public PickedWorker? Worker { get; init; }

    public string? WorkerIdNumber { get; init; }

    public string? EmployerCreditCode { get; init; }

    public string? InjuredOn { get; init; }

    public string? RecognizedOn { get; init; }

    public string? RecognitionNumber { get; init; }

    public string? Description { get; init; }

    /// <summary>A refusal that is not about one field (a decision already registered, another city).</summary>
    public string? Refusal { get; init; }
}
