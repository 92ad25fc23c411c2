using Cases.Application.Payments;

namespace Cases.Web.Controllers;

/// <summary>
/// The 「支付」 section of an injury case's page and a worker's page: the orders paid or to be paid on the injury case (or
/// on any of the worker's), with their totals — the same 支付台账 query as /payments (第九十六条).
/// </summary>
public sealed class PaymentsViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? injuryCaseId, Guid? workerId)
    {
        var actor = UserClaimsPrincipal.ToActor();
        if (!actor.May(Domain.Staff.Permission.ReadLedgers) && !actor.May(Domain.Staff.Permission.WorkCases))
        {
            return Content("");
        }

        return View(await mediator.Send(new GetPaymentLedger(null, null, null, null, null, injuryCaseId, workerId, actor), HttpContext.RequestAborted));
    }
}
