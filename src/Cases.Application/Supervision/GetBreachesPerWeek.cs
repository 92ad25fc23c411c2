using Cases.Domain.Calendar;

namespace Cases.Application.Supervision;

/// <summary>
/// Deadlines breached per week (Monday to Sunday, China time) over the last <see cref="Weeks"/> weeks, this week
/// included: one per escalation the breach timer raised (规程 第一百二十条). Read along ix_escalations_city_raised.
/// </summary>
public sealed record GetBreachesPerWeek(string? City, Actor By, int Weeks = GetBreachesPerWeek.DefaultWeeks) : IQuery<IReadOnlyList<WeekBreaches>>
{
    public const int DefaultWeeks = 12;
}

/// <summary>A week by its Monday, and the deadlines breached in it.</summary>
public sealed record WeekBreaches(DateOnly WeekOf, int Breaches);

public sealed class GetBreachesPerWeekHandler(CasesDb db, TimeProvider clock) : IQueryHandler<GetBreachesPerWeek, IReadOnlyList<WeekBreaches>>
{
    public async ValueTask<IReadOnlyList<WeekBreaches>> Handle(GetBreachesPerWeek query, CancellationToken cancellationToken)
    {
        var city = query.By.SupervisionScope(query.City);
        var weeks = Weeks.Ending(ChinaTime.DateOf(clock.GetUtcNow()), query.Weeks);
        var from = ChinaTime.StartOf(weeks[0]);
        // Every city named, also for the province: each is then a range of ix_escalations_city_raised, not a scan of it.
        var cities = city is null ? Domain.Parties.City.All.Select(c => c.Code).ToList() : [city];
        var escalations = db.Escalations.AsNoTracking().Where(e => cities.Contains(e.CityCode) && e.RaisedAt >= from);

        // Only the instants travel (an index-only read); a week is a China-time date range, bucketed here.
        var raised = await escalations.Select(e => e.RaisedAt).ToListAsync(cancellationToken);
        var counts = raised.GroupBy(at => Weeks.MondayOf(ChinaTime.DateOf(at))).ToDictionary(g => g.Key, g => g.Count());
        return [.. weeks.Select(w => new WeekBreaches(w, counts.GetValueOrDefault(w)))];
    }
}

/// <summary>Weeks as the dashboard counts them: Monday to Sunday.</summary>
public static class Weeks
{
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The Mondays of the <paramref name="count"/> weeks up to and including the week of <paramref name="today"/>, oldest first.</summary>
    public static IReadOnlyList<DateOnly> Ending(DateOnly today, int count)
    {
        var monday = MondayOf(today);
        return [.. Enumerable.Range(0, count).Select(i => monday.AddDays(-7 * (count - 1 - i)))];
    }
}
