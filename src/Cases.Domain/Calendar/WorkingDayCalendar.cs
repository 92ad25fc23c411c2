using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Cases.Domain.Calendar;

/// <summary>
/// The working-day calendar: Monday–Friday, minus statutory holidays, plus make-up working days, for the years
/// whose State Council notice is loaded (official years). A later year without its notice is provisional: it rests on
/// the holidays 《全国年节及纪念日放假办法》 gives (第二条, with 第六条's 补假) and has no make-up working days, which only
/// the notice sets; counts that touch it say so (<see cref="ProvisionalYearIn"/>). A year before the first official
/// one is never guessed: asking about it throws <see cref="CalendarYearMissingException"/>.
/// Counting follows 民法典 第二百零一条、第二百零三条: the day of the event is not counted, and a period of calendar days
/// whose last day is a rest day ends on the next working day. Immutable: an edited calendar is a new instance.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly FrozenDictionary<DateOnly, CalendarEntry> _entries;
    private readonly ConcurrentDictionary<int, FrozenDictionary<DateOnly, CalendarEntry>> _provisional = new();
    private readonly int _firstOfficial;

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
        _firstOfficial = Years.Count > 0 ? Years.Min() : int.MaxValue;
    }

    /// <summary>The years whose official data (the State Council's notice) is loaded.</summary>
    public IReadOnlySet<int> Years { get; }

    /// <summary>The official entries (holidays and make-up working days of the loaded notices).</summary>
    public IEnumerable<CalendarEntry> Entries => _entries.Values.OrderBy(e => e.Date);

    /// <summary>Whether days of <paramref name="date"/>'s year can be counted, officially or provisionally.</summary>
    public bool Covers(DateOnly date) => Years.Contains(date.Year) || IsProvisional(date.Year);

    /// <summary>
    /// A year after the first official one whose notice is not loaded: it counts on the law's holidays alone. The past
    /// before the first official year is never guessed, and neither is a year the law's derivation does not reach.
    /// </summary>
    public bool IsProvisional(int year) => !Years.Contains(year) && year > _firstOfficial && StatutoryHolidays.Supports(year);

    /// <summary>
    /// The latest provisional year among the days from <paramref name="first"/> to <paramref name="last"/> (both
    /// included, in either order), or null when every one of them counts on official data: a count that looked at any
    /// of those days is provisional until that year's notice is loaded.
    /// </summary>
    public int? ProvisionalYearIn(DateOnly first, DateOnly last)
    {
        var (from, to) = first <= last ? (first.Year, last.Year) : (last.Year, first.Year);
        for (var year = to; year >= from; year--)
        {
            if (IsProvisional(year))
            {
                return year;
            }
        }

        return null;
    }

    /// <summary>The provisional years from the year after the last official one through <paramref name="through"/>, in order.</summary>
    public IEnumerable<int> ProvisionalYears(int through)
    {
        if (Years.Count == 0)
        {
            yield break;
        }

        for (var year = _firstOfficial + 1; year <= through; year++)
        {
            if (IsProvisional(year))
            {
                yield return year;
            }
        }
    }

    public DayInfo Describe(DateOnly date)
    {
        var provisional = !Years.Contains(date.Year);
        if (provisional && !IsProvisional(date.Year))
        {
            throw new CalendarYearMissingException(date.Year);
        }

        return (provisional ? ProvisionalOf(date.Year) : _entries).TryGetValue(date, out var entry)
            ? new DayInfo(date, entry.IsWorkingDay, entry.Kind, entry.Name, provisional)
            : Ordinary(date) with { Provisional = provisional };
    }

    /// <summary>This calendar with <paramref name="year"/>'s official data replaced by (or set to) <paramref name="entries"/>, e.g. an imported notice.</summary>
    public WorkingDayCalendar WithYear(int year, IEnumerable<CalendarEntry> entries) =>
        new(Years.Append(year).Distinct(), Entries.Where(e => e.Date.Year != year).Concat(entries));

    /// <summary>A day by the Monday–Friday rule alone: what a year with no data says before any notice or law is applied.</summary>
    public static DayInfo Ordinary(DateOnly date)
    {
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

    /// <summary>
    /// Working days left from <paramref name="today"/> until <paramref name="due"/> (<see cref="WorkingDaysBetween"/>,
    /// negative when overdue), as a page shows it beside a due date; null when a year in between has no data, where the
    /// count would be a guess.
    /// </summary>
    public int? WorkingDaysLeft(DateOnly today, DateOnly due)
    {
        var (after, through) = today <= due ? (today.AddDays(1), due) : (due.AddDays(1), today);
        for (var year = after.Year; year <= through.Year && after <= through; year++)
        {
            if (!Covers(new DateOnly(year, 1, 1)))
            {
                return null;
            }
        }

        return WorkingDaysBetween(today, due);
    }

    private FrozenDictionary<DateOnly, CalendarEntry> ProvisionalOf(int year) =>
        _provisional.GetOrAdd(year, y => StatutoryHolidays.Entries(y).ToFrozenDictionary(e => e.Date));
}
