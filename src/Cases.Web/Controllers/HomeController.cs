using Cases.Application.Home;
using Cases.Domain.Parties;

namespace Cases.Web.Controllers;

public sealed record HomeModel(string DisplayName, string RolesText, string? CityName, HomeSummary Summary)
{
    public string TodayText => Summary.Today.ToString("yyyy年M月d日 dddd", new System.Globalization.CultureInfo("zh-CN"));

    public string TodayKind => Summary.Day switch
    {
        null => $"日历缺少 {Summary.Today.Year} 年数据，请管理员导入",
        { WorkingDay: true, Name: { } n } => $"调休上班（{n}）",
        { WorkingDay: true } => "工作日",
        { Name: { } n } => $"法定节假日（{n}）",
        _ => "休息日",
    };
}

/// <summary>工作台 through <see cref="GetHomeSummary"/>: who is signed in, today as the calendar counts it, the registers of their city.</summary>
[Authorize]
public sealed class HomeController(IMediator mediator) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var actor = User.ToActor();
        var summary = await mediator.Send(new GetHomeSummary(actor), ct);
        return View(new HomeModel(
            User.FindFirstValue("display_name") ?? actor.UserName,
            string.Join("、", User.FindAll(ClaimTypes.Role).Select(r => WorkflowText.Role(r.Value))),
            actor.CityCode is not { } city ? null : City.TryParse(city, out var c, out _) ? c.NameZh : city,
            summary));
    }
}
