using System.Globalization;

namespace Cases.Domain.Calendar;

/// <summary>
/// A provisional year's rest days, derived from 《全国年节及纪念日放假办法》 alone, for counting working days in a
/// year whose State Council holiday notice is not yet published.
/// <para>
/// 第二条 names the holidays all citizens rest. The text in force for the year is applied:
/// the 1999 revision (years to 2007): 元旦 1 January; 春节 正月初一至初三; 劳动节 1–3 May; 国庆节 1–3 October.
/// The 2007 revision (in force 2008-01-01): 春节 becomes 除夕、正月初一、初二; 劳动节 1 May only; 清明节 (the day of
/// the solar term), 端午节 (五月初五) and 中秋节 (八月十五) are added.
/// The 2013 revision (in force 2014-01-01): 春节 正月初一至初三 again.
/// The 2024 revision (in force 2025-01-01): 春节 除夕 and 正月初一至初三; 劳动节 1 and 2 May.
/// </para>
/// <para>
/// 第六条: a holiday that falls on a Saturday or Sunday is made up on a working day (补假). Each such day gives the
/// first Monday–Friday after its festival's holidays that is not already a rest day; the 补假 carries the festival's
/// name. Only the State Council's notice moves weekends into working days (调休上班), so a provisional year has
/// holidays only: the days the law grants, and no weekend worked.
/// </para>
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>The first year derived; earlier years are outside what the product counts.</summary>
    public const int FirstYear = 2000;

    /// <summary>
    /// The last year derived. <see cref="ChineseLunisolarCalendar"/> ends in January 2101, and ΔT's extrapolation
    /// makes the solar term's instant less certain the later the year; 2099 keeps both well inside.
    /// </summary>
    public const int LastYear = 2099;

    private static readonly ChineseLunisolarCalendar Lunar = new();

    public static bool Supports(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>Every rest day of the year derived from the law in force for it, in date order.</summary>
    public static IReadOnlyList<ProvisionalHoliday> Derive(int year)
    {
        if (!Supports(year))
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                string.Create(CultureInfo.InvariantCulture, $"Provisional holidays are derived for {FirstYear}–{LastYear} only; got {year}."));
        }

        // The name of each holiday. A day two festivals share (中秋 can fall on 1–3 October) is one holiday, not two:
        // the law gives each festival its day and says nothing of a shared one, so no day is added for it. Its name
        // joins both, the festival whose holidays begin first (and, on the same day, the longer) first, as the
        // State Council wrote "国庆节、中秋节".
        var festivals = Festivals(year)
            .OrderBy(f => f.Days[0])
            .ThenByDescending(f => f.Days.Length)
            .ToList();
        var names = new SortedDictionary<DateOnly, List<string>>();
        foreach (var (festival, days) in festivals)
        {
            foreach (var day in days)
            {
                if (!names.TryGetValue(day, out var list))
                {
                    names[day] = list = [];
                }

                list.Add(festival);
            }
        }

        var result = names
            .Select(n => new ProvisionalHoliday(n.Key, string.Join('、', n.Value), ProvisionalReason.Statutory, null))
            .ToList();

        // 第六条. Festivals that share a day rest as one block, so a shared weekend day is made up once.
        var rest = new HashSet<DateOnly>(names.Keys);
        foreach (var block in Blocks(festivals))
        {
            var cursor = block[^1];
            foreach (var day in block.Where(IsWeekend))
            {
                do
                {
                    cursor = cursor.AddDays(1);
                }
                while (IsWeekend(cursor) || rest.Contains(cursor));

                rest.Add(cursor);
                result.Add(new ProvisionalHoliday(cursor, string.Join('、', names[day]), ProvisionalReason.MakeUpRest, day));
            }
        }

        return result.OrderBy(h => h.Date).ToList().AsReadOnly();
    }

    /// <summary>The same as calendar entries: <see cref="DayKind.Holiday"/>, Name = festival (e.g. "春节").</summary>
    public static IReadOnlyList<CalendarEntry> Entries(int year) =>
        Derive(year).Select(h => new CalendarEntry(h.Date, DayKind.Holiday, h.Festival)).ToList().AsReadOnly();

    /// <summary>第二条 of the text in force for <paramref name="year"/>: each festival and its days, in the article's order.</summary>
    private static IEnumerable<(string Name, DateOnly[] Days)> Festivals(int year)
    {
        var newYear = LunarDate(year, 1, 1);
        var eve = newYear.AddDays(-1);

        yield return ("元旦", [new DateOnly(year, 1, 1)]);

        yield return ("春节", year switch
        {
            >= 2025 => [eve, newYear, newYear.AddDays(1), newYear.AddDays(2)],
            >= 2014 => [newYear, newYear.AddDays(1), newYear.AddDays(2)],
            >= 2008 => [eve, newYear, newYear.AddDays(1)],
            _ => [newYear, newYear.AddDays(1), newYear.AddDays(2)],
        });

        if (year >= 2008)
        {
            yield return ("清明节", [SolarTerms.Qingming(year)]);
        }

        yield return ("劳动节", year switch
        {
            >= 2025 => [new DateOnly(year, 5, 1), new DateOnly(year, 5, 2)],
            >= 2008 => [new DateOnly(year, 5, 1)],
            _ => [new DateOnly(year, 5, 1), new DateOnly(year, 5, 2), new DateOnly(year, 5, 3)],
        });

        if (year >= 2008)
        {
            yield return ("端午节", [LunarDate(year, 5, 5)]);
            yield return ("中秋节", [LunarDate(year, 8, 15)]);
        }

        yield return ("国庆节", [new DateOnly(year, 10, 1), new DateOnly(year, 10, 2), new DateOnly(year, 10, 3)]);
    }

    /// <summary>The festivals' days as rest blocks, in order: festivals sharing a day make one block.</summary>
    private static List<List<DateOnly>> Blocks(IEnumerable<(string Name, DateOnly[] Days)> festivals)
    {
        var blocks = new List<SortedSet<DateOnly>>();
        foreach (var (_, days) in festivals)
        {
            var shared = blocks.Find(b => days.Any(b.Contains));
            if (shared is null)
            {
                blocks.Add([.. days]);
            }
            else
            {
                shared.UnionWith(days);
            }
        }

        return blocks.OrderBy(b => b.Min).Select(b => b.ToList()).ToList();
    }

    /// <summary>
    /// The Gregorian date of a lunar month and day of lunar year <paramref name="year"/> (the one whose 正月初一 falls
    /// in Gregorian <paramref name="year"/>). <see cref="ChineseLunisolarCalendar"/> numbers a leap year's 13 months
    /// 1–13: <c>GetLeapMonth</c> is the leap month's index (闰二月 is 3), and every month from that index on sits
    /// one place later. The festivals fall in the ordinary month, never the leap one.
    /// </summary>
    private static DateOnly LunarDate(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
