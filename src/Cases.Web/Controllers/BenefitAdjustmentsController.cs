using Cases.Application.Benefits.Adjustments;
using Cases.Domain.Staff;
using Cases.Web.Forms;

namespace Cases.Web.Controllers;

/// <summary>The 「待遇调整」 list: every rule, and whether the reader enters rules (an administrator).</summary>
public sealed record BenefitAdjustmentsPage(IReadOnlyList<BenefitAdjustmentView> Adjustments, bool Enters);

/// <summary>A rule's page: the rule, its preview (figures and a page of recipients), and what the reader may do on it.</summary>
public sealed record BenefitAdjustmentPage(AdjustmentPreview Preview, Cases.Application.Common.NameBook Names, string? Outcome, bool Enters, bool Approves, bool EnteredByReader);

/// <summary>
/// 「待遇调整」 (规程 第一百〇五条): administrators enter the year's rule, preview it with its totals and discard a draft;
/// supervisors preview and approve it — never the one who entered it (第一百一十九条 岗位不相容) — which applies it. The
/// same Mediator requests as /api/benefit-adjustments; a refusal is said on the page the form came from.
/// </summary>
[Route("benefit-adjustments"), Authorize(Policy = Policies.Operations)]
public sealed class BenefitAdjustmentsController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    private const Refusals Said = Refusals.Invalid | Refusals.Conflict | Refusals.Rule;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var actor = User.ToActor();
        return View(new BenefitAdjustmentsPage(await mediator.Send(new ListBenefitAdjustments(actor), ct), actor.May(Permission.AdjustBenefits)));
    }

    /// <summary>录入: the administrator's rule, through <see cref="EnterBenefitAdjustment"/>; then its page with the preview.</summary>
    [HttpPost(""), Authorize(Policy = Policies.AdjustBenefits), RefusalShown(RedirectTo = nameof(Index), Shows = Said, Any = "未能录入待遇调整：{0}")]
    public async Task<IActionResult> Enter(
        int? year, string? effectiveMonth, string? source, decimal? allowancePercent, decimal? allowanceAmount, decimal? nursingPercent, decimal? nursingAmount,
        decimal? pensionPercent, decimal? pensionAmount, CancellationToken ct)
    {
        static AdjustmentTermInput? Term(decimal? percent, decimal? amount) => percent is null && amount is null ? null : new(percent, amount);
        var adjustment = await mediator.Send(new EnterBenefitAdjustment(year, effectiveMonth, source,
            Term(allowancePercent, allowanceAmount), Term(nursingPercent, nursingAmount), Term(pensionPercent, pensionAmount), User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已录入{0}年待遇调整，请核对预览后由主管审批（第一百一十九条）。", adjustment.Year].Value;
        return RedirectToAction(nameof(Show), new { id = adjustment.Id });
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, string? city, string? outcome, string? after, CancellationToken ct)
    {
        var actor = User.ToActor();
        var (c, o, cursor) = (Blank(city), Blank(outcome), Blank(after));
        var preview = await mediator.Send(new PreviewBenefitAdjustment(id, c, o, cursor, 50, actor), ct);
        var a = preview.Adjustment;
        var names = await mediator.Send(new Cases.Application.Common.ResolveNames([a.EnteredBy, a.ApprovedBy, a.DiscardedBy], [], actor), ct);
        return View(new BenefitAdjustmentPage(preview, names, o, actor.May(Permission.AdjustBenefits), actor.May(Permission.ApprovePayroll) && actor.IsProvincial,
            string.Equals(actor.UserName, preview.Adjustment.EnteredBy, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>审批并执行: a supervisor who did not enter it (<see cref="ApproveBenefitAdjustment"/>; 第一百一十九条).</summary>
    [HttpPost("{id:guid}/approve"), Authorize(Policy = Policies.ApprovePayroll), RefusalShown(RedirectTo = nameof(Show), Shows = Said, Any = "未能审批待遇调整：{0}")]
    public async Task<IActionResult> Approve(Guid id, CancellationToken ct)
    {
        var adjustment = await mediator.Send(new ApproveBenefitAdjustment(id, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已审批并执行待遇调整：调整 {0} 项待遇；已发放月份的差额由下次月度发放补发。", adjustment.AdjustedCount].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    /// <summary>作废: a draft the administrator will not apply (<see cref="DiscardBenefitAdjustment"/>).</summary>
    [HttpPost("{id:guid}/discard"), Authorize(Policy = Policies.AdjustBenefits), RefusalShown(RedirectTo = nameof(Show), Shows = Said, Any = "未能作废待遇调整：{0}")]
    public async Task<IActionResult> Discard(Guid id, CancellationToken ct)
    {
        var adjustment = await mediator.Send(new DiscardBenefitAdjustment(id, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已作废{0}年待遇调整。", adjustment.Year].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
