using Cases.Application.Benefits.Letters;

namespace Cases.Web.Controllers;

/// <summary>
/// Letters: the printable decision letter of an ended benefit case (规程 第九十四条: 核定结果……通知申请人), for the case
/// staff of its city. A case not ended, or of a procedure that decides no benefits, is told on a page of its own with
/// the use case's words (409 / 422), and a link back to the case.
/// </summary>
[Route("cases/{id:guid}/decision-letter"), Authorize(Policy = Policies.CaseData)]
public sealed class DecisionLetterController(IMediator mediator) : Controller
{
    private Guid _id;

    [HttpGet(""), RefusalShown(Page = nameof(Refused), Shows = Refusals.Conflict | Refusals.Rule)]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        _id = id;
        return View("Show", await mediator.Send(new GetDecisionLetter(id, User.ToActor()), ct));
    }

    private Task<IActionResult> Refused(PageRefusal refusal, CancellationToken ct) =>
        Task.FromResult<IActionResult>(View("Refused", new DecisionLetterRefusal(_id, refusal.Message)));
}

/// <summary>Why a case has no decision letter (yet), and the case to go back to.</summary>
public sealed record DecisionLetterRefusal(Guid CaseId, string Message);
