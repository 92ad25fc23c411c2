using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;

namespace Cases.Application.Home;

/// <summary>
/// 工作台: today's date in China as the working-day calendar counts it, and how many employers, workers, construction
/// projects and injury cases are registered in the user's city (every city for provincial staff, 规程 第一百四十条).
/// </summary>
public sealed record GetHomeSummary(Actor By) : IQuery<HomeSummary>;

/// <param name="Today">The calendar date in China.</param>
/// <param name="Day">How today counts; null when the calendar has no data for its year.</param>
/// <param name="Employers">Employers registered in the user's city.</param>
/// <param name="Workers">Workers of those employers.</param>
/// <param name="Projects">Construction projects registered in the city (第九条).</param>
/// <param name="InjuryCases">Injury cases of the city.</param>
public sealed record HomeSummary(DateOnly Today, DayInfo? Day, int Employers, int Workers, int Projects, int InjuryCases);

public sealed class GetHomeSummaryHandler(CasesDb db, CalendarStore calendars, TimeProvider clock) : IQueryHandler<GetHomeSummary, HomeSummary>
{
    public async ValueTask<HomeSummary> Handle(GetHomeSummary query, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var city = query.By.CityCode;
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

        return new HomeSummary(
            today,
            calendar.Covers(today) ? calendar.Describe(today) : null,
            await employers.CountAsync(cancellationToken),
            await workers.CountAsync(cancellationToken),
            await projects.CountAsync(cancellationToken),
            await cases.CountAsync(cancellationToken));
    }
}
