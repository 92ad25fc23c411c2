using Cases.Application.Injuries;

namespace Cases.Web.Controllers;

/// <summary>
/// 工伤案件: the injury cases of the user's city, found by the worker's name or the decision's number, and each one's page —
/// the worker, the decision, the rehabilitation period, every case opened on it and what the ledgers hold for it.
/// </summary>
[Route("injury-cases"), Authorize(Policy = Policies.CaseData)]
public sealed class InjuryCasesController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? after, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var page = await mediator.Send(new ListInjuryCases(text, null, null, null, string.IsNullOrWhiteSpace(after) ? null : after, null, User.ToActor()), ct);
        return View(new InjuryCaseListPage(text, page));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct) =>
        View(await mediator.Send(new GetInjuryCasePage(id, User.ToActor()), ct));
}

/// <summary>The injury-case list as typed: the text searched and the page found.</summary>
public sealed record InjuryCaseListPage(string? Q, InjuryCasePage Page);
