using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;

namespace Cases.Application.Calendar;

/// <summary>The N-th working day after a date (the date itself not counted).</summary>
public sealed record AddWorkingDays(DateOnly From, int Days) : IQuery<CountedDate>;

/// <summary>A counted date; <c>ProvisionalYear</c>: the latest year without the State Council's notice the count went through.</summary>
public sealed record CountedDate(DateOnly Date, int? ProvisionalYear)
{
    public bool Provisional => ProvisionalYear is not null;
}

/// <summary>How a day counts: working day or not, and why.</summary>
public sealed record DescribeDay(DateOnly Date) : IQuery<DayInfo>;

/// <summary>The administrators' changes to the calendar, newest first.</summary>
public sealed record ListCalendarChanges(int? Year) : IQuery<IReadOnlyList<CalendarChange>>;

/// <summary>
/// The years the calendar holds with their sources, and after them the provisional years (no notice yet: counted on
/// 《全国年节及纪念日放假办法》 alone) through next year and through every year a pending deadline reaches.
/// </summary>
public sealed record ListCalendarYears : IQuery<IReadOnlyList<CalendarYearView>>;

/// <summary>Every day of a year as it counts (each <see cref="DayInfo.Provisional"/> in a provisional year); no days for a year the calendar does not cover.</summary>
public sealed record GetCalendarYear(int Year) : IQuery<CalendarYearDays>;

/// <summary>A year's days; <c>Official</c>: its State Council notice is loaded; <c>Provisional</c>: derived from the law.</summary>
public sealed record CalendarYearDays(int Year, bool Official, bool Provisional, IReadOnlyList<DayInfo> Days);

/// <summary>
/// The year whose State Council holiday notice administrators should import now: this year if it is still provisional,
/// or from 1 November next year while it is; null when there is nothing to import yet.
/// </summary>
public sealed record GetCalendarReminder : IQuery<int?>;

/// <summary>
/// A year of the calendar: official (the State Council's notice is loaded: its source, when and by whom) or provisional
/// (derived from the law; no source).
/// </summary>
public sealed record CalendarYearView(int Year, bool Provisional, string? Source, DateTimeOffset? LoadedAt, string? LoadedBy);

public sealed class CalendarQueryHandlers(CasesDb db, CalendarStore store, TimeProvider clock) :
    IQueryHandler<AddWorkingDays, CountedDate>,
    IQueryHandler<DescribeDay, DayInfo>,
    IQueryHandler<ListCalendarChanges, IReadOnlyList<CalendarChange>>,
    IQueryHandler<ListCalendarYears, IReadOnlyList<CalendarYearView>>,
    IQueryHandler<GetCalendarYear, CalendarYearDays>,
    IQueryHandler<GetCalendarReminder, int?>
{
    // The State Council publishes next year's notice in October or November (2023-10-25, 2024-11-12, 2025-11-04).
    private const int ReminderMonth = 11;

    // A bound that no statutory period comes near; it keeps a typo from walking thousands of years.
    private const int MaxDays = 3660;

    public async ValueTask<CountedDate> Handle(AddWorkingDays query, CancellationToken cancellationToken)
    {
        if (Math.Abs(query.Days) > MaxDays)
        {
            throw new DomainValidationException("days", new LocalizedText($"天数须在 -{MaxDays} 至 {MaxDays} 之间。", $"days must be between -{MaxDays} and {MaxDays}."));
        }

        var calendar = await store.GetAsync(db, cancellationToken);
        var result = calendar.AddWorkingDays(query.From, query.Days);
        var provisional = query.Days == 0 ? null : query.Days > 0
            ? calendar.ProvisionalYearIn(query.From.AddDays(1), result)
            : calendar.ProvisionalYearIn(result, query.From.AddDays(-1));
        return new CountedDate(result, provisional);
    }

    public async ValueTask<DayInfo> Handle(DescribeDay query, CancellationToken cancellationToken) =>
        (await store.GetAsync(db, cancellationToken)).Describe(query.Date);

    public async ValueTask<IReadOnlyList<CalendarChange>> Handle(ListCalendarChanges query, CancellationToken cancellationToken)
    {
        var changes = db.CalendarChanges.AsNoTracking();
        if (query.Year is int year)
        {
            if (year is < 1 or > 9999)
            {
                throw new DomainValidationException("year", new LocalizedText("年份须为公历年份，如 2025。", "year must be a calendar year such as 2025."));
            }

            changes = changes.Where(c => c.Date >= new DateOnly(year, 1, 1) && c.Date <= new DateOnly(year, 12, 31));
        }

        var list = await changes.OrderByDescending(c => c.Id).Take(500).ToListAsync(cancellationToken);
        // Read without tracking, so masking the copies changes nothing stored: a reason or a holiday's name is free text,
        // and a number typed into it serves no duty of its readers (规程 第一百四十条).
        foreach (var c in list)
        {
            c.Reason = Cases.Domain.Privacy.PersonalDataMask.Text(c.Reason);
            c.BeforeName = c.BeforeName is null ? null : Cases.Domain.Privacy.PersonalDataMask.Text(c.BeforeName);
            c.AfterName = c.AfterName is null ? null : Cases.Domain.Privacy.PersonalDataMask.Text(c.AfterName);
        }

        return list;
    }

    public async ValueTask<CalendarYearDays> Handle(GetCalendarYear query, CancellationToken cancellationToken)
    {
        if (query.Year is < 1 or > 9998)
        {
            throw new DomainValidationException("year", new LocalizedText("年份须为公历年份，如 2025。", "year must be a calendar year such as 2025."));
        }

        var calendar = await store.GetAsync(db, cancellationToken);
        var first = new DateOnly(query.Year, 1, 1);
        if (!calendar.Covers(first))
        {
            return new CalendarYearDays(query.Year, false, false, []);
        }

        var days = new List<DayInfo>(366);
        for (var date = first; date.Year == query.Year; date = date.AddDays(1))
        {
            days.Add(calendar.Describe(date));
        }

        return new CalendarYearDays(query.Year, calendar.Years.Contains(query.Year), calendar.IsProvisional(query.Year), days);
    }

    public async ValueTask<int?> Handle(GetCalendarReminder query, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var calendar = await store.GetAsync(db, cancellationToken);
        if (calendar.IsProvisional(today.Year))
        {
            return today.Year;
        }

        return today.Month >= ReminderMonth && calendar.IsProvisional(today.Year + 1) ? today.Year + 1 : null;
    }

    public async ValueTask<IReadOnlyList<CalendarYearView>> Handle(ListCalendarYears query, CancellationToken cancellationToken)
    {
        var official = await db.CalendarYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync(cancellationToken);
        var calendar = await store.GetAsync(db, cancellationToken);
        var through = ChinaTime.DateOf(clock.GetUtcNow()).Year + 1;
        var latestDeadline = await db.Timers.AsNoTracking().Where(t => t.Status == Cases.Workflows.Records.TimerStatus.Pending && t.ProvisionalYear != null)
            .MaxAsync(t => t.ProvisionalYear, cancellationToken);
        if (latestDeadline is int reached && reached > through)
        {
            through = reached;
        }

        return [
            .. official.Select(y => new CalendarYearView(y.Year, false, y.Source, y.LoadedAt, y.LoadedBy)),
            .. calendar.ProvisionalYears(through).Select(y => new CalendarYearView(y, true, null, null, null)),
        ];
    }
}
