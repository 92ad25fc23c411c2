using Cases.Application.Home;
using Cases.Domain.Parties;

namespace Cases.Web.Controllers;

/// <summary>工作台's model: who is signed in (display name, roles by their names, city) and <see cref="HomeSummary"/>.</summary>
public sealed record HomeModel(string DisplayName, string RolesText, string? CityName, HomeSummary Summary);

/// <summary>
/// 工作台: records the visit through <see cref="RecordWorkbenchVisit"/> and shows <see cref="GetHomeSummary"/> counted
/// from the previous one — who is signed in, today as the calendar counts it, the user's tasks due soonest and overdue,
/// what changed on their cases since, the registers of their city.
/// </summary>
[Authorize]
public sealed class HomeController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var actor = User.ToActor();
        var since = await mediator.Send(new RecordWorkbenchVisit(actor), ct);
        var summary = await mediator.Send(new GetHomeSummary(actor, since), ct);
        return View(new HomeModel(
            User.FindFirstValue("display_name") ?? actor.UserName,
            string.Join(L["、"], User.FindAll(ClaimTypes.Role).Select(r => WorkflowText.Role(r.Value))),
            actor.CityCode is not { } city ? null : City.TryParse(city, out var c, out _) ? WorkflowText.English ? c.NameEn : c.NameZh : city,
            summary));
    }
}
