using Cases.Application.Benefits.Payroll;
using Cases.Domain.Calendar;
using Cases.Domain.Parties;
using Cases.Web.Forms;

namespace Cases.Web.Controllers;

/// <summary>What the 「月度发放」 list shows: the runs of the city (provincial staff: every city or the one picked), and whether the reader computes runs.</summary>
public sealed record PayrollPage(PayrollRunPage Runs, string? City, IReadOnlyList<City> Cities, bool Computes, string ThisMonth);

/// <summary>
/// A run's page: its figures and totals per benefit, the lines that differ from last month with the changes that explain
/// them, the benefits paid last month and not this one, and — for a supervisor who did not compute it — the approval.
/// </summary>
public sealed record PayrollRunPageModel(
    PayrollRunView Run, PayrollLinePage Changed, IReadOnlyList<PayrollDroppedView> Dropped, Cases.Application.Common.NameBook Names, bool Approves);

/// <summary>
/// 「月度发放」 (规程 第九十六条 当月工伤职工待遇支付台账): officers compute the city's month; a supervisor reads what changed
/// since last month, line by line with the reason, and approves the run, which approves its batch for the bank
/// (第一百一十九条 岗位不相容). The same Mediator requests as /api/payroll; refusals said on the page the form came from.
/// </summary>
[Route("payroll"), Authorize(Policy = Policies.Ledgers)]
public sealed class PayrollController(IMediator mediator, IStringLocalizer<SharedResource> L, TimeProvider clock) : Controller
{
    private const Refusals Said = Refusals.Invalid | Refusals.Forbidden | Refusals.Conflict | Refusals.Rule;

    /// <summary>Changed lines shown on a run's page at once; the API pages through all of them.</summary>
    private const int ChangedShown = 200;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? city, string? after, CancellationToken ct)
    {
        var actor = User.ToActor();
        var c = string.IsNullOrWhiteSpace(city) ? null : city.Trim();
        var runs = await mediator.Send(new ListPayrollRuns(c, after, 25, actor), ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        return View(new PayrollPage(runs, c, actor.IsProvincial ? City.All : [], actor.May(Domain.Staff.Permission.RunPayroll),
            PayrollMonths.Text(new DateOnly(today.Year, today.Month, 1))));
    }

    /// <summary>计算本月发放: the city's month through <see cref="RunPayroll"/>; a month computed before is shown as it is.</summary>
    [HttpPost(""), RefusalShown(RedirectTo = nameof(Index), ForbiddenView = "Refused", Shows = Said, Any = "未能计算月度发放：{0}")]
    public async Task<IActionResult> Compute(string? city, string? month, CancellationToken ct)
    {
        var actor = User.ToActor();
        var outcome = await mediator.Send(new RunPayroll(city ?? actor.CityCode, month, actor), ct);
        TempData[PageMessages.Notice] = outcome.Created
            ? L["已计算 {0} 月度发放：{1} 笔，合计 {2}；请由主管审批。", ChinaDate.Month(outcome.Run.Month), outcome.Run.Lines, PaydeskText.Money(outcome.Run.Total)].Value
            : L["{0} 的月度发放已经计算过，未作任何更改。", ChinaDate.Month(outcome.Run.Month)].Value;
        return RedirectToAction(nameof(Run), new { id = outcome.Run.Id });
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Run(Guid id, CancellationToken ct)
    {
        var actor = User.ToActor();
        var run = await mediator.Send(new GetPayrollRun(id, actor), ct);
        var changed = await mediator.Send(new ListPayrollLines(id, true, null, ChangedShown, actor), ct);
        var dropped = await mediator.Send(new ListPayrollDropped(id, actor), ct);
        var names = await mediator.Send(new Cases.Application.Common.ResolveNames([run.CreatedBy, run.ApprovedBy], [], actor), ct);
        var approves = actor.May(Domain.Staff.Permission.ApprovePayroll) && run.Status == "computed"
            && !string.Equals(actor.UserName, run.CreatedBy, StringComparison.OrdinalIgnoreCase);
        return View(new PayrollRunPageModel(run, changed, dropped, names, approves));
    }

    /// <summary>审批: a supervisor who did not compute the run approves it and its batch (<see cref="ApprovePayrollRun"/>; 第一百一十九条).</summary>
    [HttpPost("{id:guid}/approve"), RefusalShown(RedirectTo = nameof(Run), ForbiddenView = "Refused", Shows = Said, Any = "未能审批月度发放：{0}")]
    public async Task<IActionResult> Approve(Guid id, CancellationToken ct)
    {
        var run = await mediator.Send(new ApprovePayrollRun(id, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已审批 {0} 月度发放：{1} 笔，合计 {2}；支付批次可以生成银行文件。", ChinaDate.Month(run.Month), run.Lines, PaydeskText.Money(run.Total)].Value;
        return RedirectToAction(nameof(Run), new { id });
    }
}
