using Cases.Application.Injuries.Linking;
using Cases.Web.Forms;

namespace Cases.Web.Controllers;

/// <summary>
/// 待关联案件 (docs/adr/0017): the cases opened before the injury-case register whose text names no registered injury case;
/// the supervisor's automatic linking; per case a link to an injury case of its city chosen by an officer, with a reason;
/// the links made so far, each of which can be undone.
/// </summary>
[Route("supervision/unlinked-cases"), Authorize(Policy = Policies.RegisterParties)]
public sealed class UnlinkedCasesController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? city, string? after, CancellationToken ct)
    {
        var actor = User.ToActor();
        var scope = string.IsNullOrWhiteSpace(city) ? null : city.Trim();
        var page = await mediator.Send(new ListUnlinkedCases(scope, string.IsNullOrWhiteSpace(after) ? null : after, null, actor), ct);
        var links = await mediator.Send(new ListLegacyLinks(scope, actor), ct);
        return View(new UnlinkedCasesPage(scope, page, links, actor.May(Cases.Domain.Staff.Permission.Supervise)));
    }

    [HttpPost("link-matching"), Authorize(Policy = Policies.Supervisor), RefusalShown(RedirectTo = nameof(Index), Any = "未自动关联：{0}")]
    public async Task<IActionResult> LinkMatching(string? city, CancellationToken ct)
    {
        var run = await mediator.Send(new LinkLegacyInjuryCases(string.IsNullOrWhiteSpace(city) ? null : city, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已自动关联 {0} 件案件，仍有 {1} 件待关联。", run.Linked, run.StillUnlinked].Value;
        return RedirectToAction(nameof(Index), new { city });
    }

    [HttpPost("{caseId:guid}/link"), RefusalShown(RedirectTo = nameof(Index), Any = "未关联：{0}")]
    public async Task<IActionResult> Link(Guid caseId, string? injuryCase, string? reason, CancellationToken ct)
    {
        var link = await mediator.Send(new LinkCaseToInjuryCase(caseId, injuryCase, reason, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["案件 {0} 已关联工伤案件 {1}，已记入案件日志。", WorkflowText.CaseNumber(link.CaseId), link.InjuryCase].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{caseId:guid}/unlink"), RefusalShown(RedirectTo = nameof(Index), Any = "未撤销关联：{0}")]
    public async Task<IActionResult> Unlink(Guid caseId, string? reason, CancellationToken ct)
    {
        var link = await mediator.Send(new UnlinkCaseFromInjuryCase(caseId, reason, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已撤销案件 {0} 与工伤案件 {1} 的关联，已记入案件日志。", WorkflowText.CaseNumber(link.CaseId), link.InjuryCase].Value;
        return RedirectToAction(nameof(Index));
    }
}

/// <summary>The page: the city asked for (provincial staff), the unlinked cases, the links made, and whether the user may run the automatic linking.</summary>
public sealed record UnlinkedCasesPage(string? City, UnlinkedCasePage Page, IReadOnlyList<LegacyLinkRow> Links, bool MayRunMatching);
