using Cases.Web.Texts;
using System.Security.Claims;
using Cases.Application.Identity;
using Cases.Application.Persistence;
using Cases.Domain.Parties;
using Cases.Workflows.Calendar;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Controllers;

public sealed record HomeModel(string DisplayName, string RolesText, string? CityName, string TodayText, string TodayKind,
    int Employers, int Workers, int Projects, int InjuryCases);

[Authorize]
public sealed class HomeController(CasesDb db, CalendarStore calendars, TimeProvider clock) : Controller
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var city = User.FindFirstValue(CasesClaims.City);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), China).DateTime);
        var calendar = await calendars.GetAsync(db, ct);
        var kind = calendar.Covers(today)
            ? calendar.Describe(today) switch
            {
                { WorkingDay: true, Name: { } n } => $"调休上班（{n}）",
                { WorkingDay: true } => "工作日",
                { Name: { } n } => $"法定节假日（{n}）",
                _ => "休息日",
            }
            : $"日历缺少 {today.Year} 年数据，请管理员导入";

        var employers = db.Employers.AsNoTracking();
        var workers = db.Workers.AsNoTracking();
        var cases = db.InjuryCases.AsNoTracking();
        var projects = db.ConstructionProjects.AsNoTracking();
        if (city is not null)
        {
            employers = employers.Where(e => e.CityCode == city);
            cases = cases.Where(c => c.CityCode == city);
            projects = projects.Where(p => p.CityCode == city);
            workers = workers.Where(w => db.Employers.Any(e => e.Id == w.EmployerId && e.CityCode == city));
        }

        var model = new HomeModel(
            User.FindFirstValue("display_name") ?? User.Identity!.Name!,
            string.Join("、", User.FindAll(ClaimTypes.Role).Select(r => WorkflowText.Role(r.Value))),
            city is null ? null : City.TryParse(city, out var c, out _) ? c.NameZh : city,
            today.ToString("yyyy年M月d日 dddd", new System.Globalization.CultureInfo("zh-CN")),
            kind,
            await employers.CountAsync(ct),
            await workers.CountAsync(ct),
            await projects.CountAsync(ct),
            await cases.CountAsync(ct));
        return View(model);
    }
}
