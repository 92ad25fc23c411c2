using Cases.Application.Benefits;

namespace Cases.Web.Controllers;

/// <summary>
/// The 「定期待遇」 section of an injury case's page: the monthly benefits decided on it (伤残津贴, 生活护理费, 供养亲属抚恤金)
/// — who, how much, from which month, until when — the same query as GET /api/entitlements.
/// </summary>
public sealed class EntitlementsViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid injuryCaseId) =>
        View(await mediator.Send(new ListEntitlements(null, injuryCaseId, null, null, null, EntitlementQueries.MaxLimit, UserClaimsPrincipal.ToActor()), HttpContext.RequestAborted));
}
