using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Cases.Workflows.Calendar;

/// <summary>The N-th working day after a date (the date itself not counted).</summary>
public sealed record AddWorkingDays(DateOnly From, int Days) : IQuery<DateOnly>;

/// <summary>How a day counts: working day or not, and why.</summary>
public sealed record DescribeDay(DateOnly Date) : IQuery<DayInfo>;

/// <summary>The administrators' changes to the calendar, newest first.</summary>
public sealed record ListCalendarChanges(int? Year) : IQuery<IReadOnlyList<CalendarChange>>;

/// <summary>The years the calendar holds, with their sources.</summary>
public sealed record ListCalendarYears : IQuery<IReadOnlyList<CalendarYear>>;

public sealed class CalendarQueryHandlers(CasesDb db, CalendarStore store) :
    IQueryHandler<AddWorkingDays, DateOnly>,
    IQueryHandler<DescribeDay, DayInfo>,
    IQueryHandler<ListCalendarChanges, IReadOnlyList<CalendarChange>>,
    IQueryHandler<ListCalendarYears, IReadOnlyList<CalendarYear>>
{
    // A bound that no statutory period comes near; it keeps a typo from walking thousands of years.
    private const int MaxDays = 3660;

    public async ValueTask<DateOnly> Handle(AddWorkingDays query, CancellationToken cancellationToken)
    {
        if (Math.Abs(query.Days) > MaxDays)
        {
            throw new DomainValidationException("days", $"days must be between -{MaxDays} and {MaxDays}.");
        }

        return (await store.GetAsync(db, cancellationToken)).AddWorkingDays(query.From, query.Days);
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
                throw new DomainValidationException("year", "year must be a calendar year such as 2025.");
            }

            changes = changes.Where(c => c.Date >= new DateOnly(year, 1, 1) && c.Date <= new DateOnly(year, 12, 31));
        }

        var list = await changes.OrderByDescending(c => c.Id).Take(500).ToListAsync(cancellationToken);
        // Read without tracking, so masking the copies changes nothing stored: a reason or a holiday's name is free text,
        // and a number typed into it serves no duty of its readers (规程 第一百四十一条).
        foreach (var c in list)
        {
            c.Reason = Privacy.PersonalDataMask.Text(c.Reason);
            c.BeforeName = c.BeforeName is null ? null : Privacy.PersonalDataMask.Text(c.BeforeName);
            c.AfterName = c.AfterName is null ? null : Privacy.PersonalDataMask.Text(c.AfterName);
        }

        return list;
    }

    public async ValueTask<IReadOnlyList<CalendarYear>> Handle(ListCalendarYears query, CancellationToken cancellationToken) =>
        await db.CalendarYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync(cancellationToken);
}
