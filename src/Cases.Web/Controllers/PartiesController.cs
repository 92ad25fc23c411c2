using Cases.Application.Common;
using Cases.Application.Parties;

namespace Cases.Web.Controllers;

/// <summary>What 「当事人」 shows: the text searched, the hits and the next page's cursor, or the refusal of the text.</summary>
public sealed record PartySearchPageModel(string? Q, IReadOnlyList<PartyHit> Hits, string? Next, string? Problem);

/// <summary>A worker's page and the purpose typed to see his whole number (or the refusal of it).</summary>
public sealed record WorkerPageModel(WorkerPageView View, string? Purpose)
{
    /// <summary>Why the purpose was refused; null when it was not.</summary>
    public string? Problem { get; init; }
}

/// <summary>
/// 「当事人」: the search of workers, employers and projects (<see cref="SearchParties"/>, as GET /api/parties) and each
/// one's page — a worker's (<see cref="GetWorkerPage"/>), an employer's, a project's —, so that an officer starts from the
/// person: what is open, what was paid, what is due. The case staff only, within their city (规程 第一百四十条): another
/// city's party answers 404 as a missing one.
/// </summary>
[Authorize(Policy = Policies.CaseData)]
public sealed class PartiesController(IMediator mediator) : Controller
{
    [HttpGet("parties"), RefusalShown(Page = nameof(SearchRefused), Shows = Refusals.Invalid)]
    public async Task<IActionResult> Index(string? q, string? after, CancellationToken ct)
    {
        var page = await mediator.Send(new SearchParties(q, after, null, User.ToActor()), ct);
        return View(new PartySearchPageModel(q, page.Items, page.Next, null));
    }

    /// <summary>The search again, with the refusal of its text (or cursor) above the list.</summary>
    private Task<IActionResult> SearchRefused(PageRefusal refusal, CancellationToken ct) =>
        Task.FromResult<IActionResult>(View(nameof(Index), new PartySearchPageModel(Request.Query["q"].ToString(), [], null, refusal.Message)));

    /// <summary>The worker's page masked, with the refusal of the purpose typed at its field.</summary>
    private async Task<IActionResult> PurposeRefused(PageRefusal refusal, CancellationToken ct) =>
        View(nameof(Worker), new WorkerPageModel(await mediator.Send(new GetWorkerPage(_worker, User.ToActor()), ct), Request.Query["purpose"].ToString()) { Problem = refusal.Message });

    private Guid _worker;

    /// <summary>A worker's page; <paramref name="purpose"/> (officers and reviewers) shows the whole number and phone, the view recorded first.</summary>
    [HttpGet("workers/{id:guid}"), RefusalShown(Page = nameof(PurposeRefused), Shows = Refusals.Invalid)]
    public async Task<IActionResult> Worker(Guid id, string? purpose, CancellationToken ct)
    {
        _worker = id;
        return View(new WorkerPageModel(await mediator.Send(new GetWorkerPage(id, User.ToActor(), string.IsNullOrWhiteSpace(purpose) ? null : purpose), ct), purpose));
    }

    [HttpGet("employers/{code}")]
    public async Task<IActionResult> Employer(string code, CancellationToken ct) =>
        View(await mediator.Send(new GetEmployerPage(code, User.ToActor()), ct));

    [HttpGet("projects/{code}")]
    public async Task<IActionResult> Project(string code, CancellationToken ct) =>
        View(await mediator.Send(new GetProjectPage(code, User.ToActor()), ct));
}

/// <summary>What Views/Parties/_PartyCases.cshtml draws: the cases that name a party, their open tasks and clocks.</summary>
public sealed record PartyCasesModel(IReadOnlyList<PartyCaseView> Cases, Func<DateOnly, int?> DaysLeft, NameBook Names);
