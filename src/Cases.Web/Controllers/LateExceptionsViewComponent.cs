using Cases.Application.Supervision;

namespace Cases.Web.Controllers;

/// <summary>
/// The dashboard's count of late term-extension applications accepted as the agency's exception this year (第九条 sets
/// the deadline and no exception), for the dashboard's scope; its own block so the page's other parts stay as they are.
/// </summary>
public sealed class LateExceptionsViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? city) =>
        View("~/Views/Supervision/_LateExceptions.cshtml", await mediator.Send(new CountLateExceptions(city, UserClaimsPrincipal.ToActor()), HttpContext.RequestAborted));
}
