using System.Collections.Frozen;

namespace Cases.Domain.Calendar;

/// <summary>
/// The working-day calendar: Monday–Friday, minus statutory holidays, plus make-up working days, for the years
/// whose State Council notice is loaded. Counting follows 民法典 第二百零一条、第二百零三条: the day of the event is
/// not counted, and a period of calendar days whose last day is a rest day ends on the next working day.
/// Immutable: an edited calendar is a new instance.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly FrozenDictionary<DateOnly, CalendarEntry> _entries;

    public WorkingDayCalendar(IEnumerable<int> years, IEnumerable<CalendarEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(entries);
        Years = years.ToFrozenSet();
        var map = new Dictionary<DateOnly, CalendarEntry>();
        foreach (var entry in entries)
        {
            if (!Years.Contains(entry.Date.Year))
            {
                throw new ArgumentException($"Entry {entry.Date:yyyy-MM-dd} lies in a year that is not declared as loaded.", nameof(entries));
            }

            if (entry.Kind is not (DayKind.Holiday or DayKind.MakeUpWorkday))
            {
                throw new ArgumentException($"Entry {entry.Date:yyyy-MM-dd} must be a holiday or a make-up working day, not {entry.Kind}.", nameof(entries));
            }

            if (!map.TryAdd(entry.Date, entry))
            {
                throw new ArgumentException($"Entry {entry.Date:yyyy-MM-dd} is listed twice.", nameof(entries));
            }
        }

        _entries = map.ToFrozenDictionary();
    }

    /// <summary>The years whose official data is loaded.</summary>
    public IReadOnlySet<int> Years { get; }

    public IEnumerable<CalendarEntry> Entries => _entries.Values.OrderBy(e => e.Date);

    public bool Covers(DateOnly date) => Years.Contains(date.Year);

    public DayInfo Describe(DateOnly date)
    {
        EnsureCovered(date);
        if (_entries.TryGetValue(date, out var entry))
        {
            return new DayInfo(date, entry.IsWorkingDay, entry.Kind, entry.Name);
        }

        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return new DayInfo(date, !weekend, weekend ? DayKind.Weekend : DayKind.Workday, null);
    }

    public bool IsWorkingDay(DateOnly date) => Describe(date).WorkingDay;

    /// <summary>
    /// The N-th working day after <paramref name="from"/> (which is not counted), i.e. the last day of a period of
    /// "N working days from X" (e.g. 第二十二条: notify within 10 working days of the adjustment). With a negative N,
    /// the N-th working day before. With 0, <paramref name="from"/> itself.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var step = Math.Sign(days);
        var date = from;
        for (var remaining = Math.Abs(days); remaining > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>
    /// The last day of a period of N calendar days after <paramref name="from"/>: from + N, moved to the next
    /// working day when it falls on a rest day (民法典 第二百零三条).
    /// </summary>
    public DateOnly AddCalendarDays(DateOnly from, int days)
    {
        var date = from.AddDays(days);
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// Working days from <paramref name="from"/> (not counted) through <paramref name="to"/> (counted): how many
    /// working days are left until a due date. Negative when <paramref name="to"/> lies before <paramref name="from"/>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    private void EnsureCovered(DateOnly date)
    {
        if (!Years.Contains(date.Year))
        {
            throw new CalendarYearMissingException(date.Year);
        }
    }
}
