using Cases.Domain.Calendar;

namespace Cases.Domain.Tests.Calendar;

public class WorkingDayCalendarTests
{
    // A small, hand-made 2025 calendar: the National Day week as the State Council set it.
    private static readonly WorkingDayCalendar NationalDay2025 = new(
        [2025],
        [
            new(new DateOnly(2025, 9, 28), DayKind.MakeUpWorkday, "国庆节、中秋节"),
            .. Enumerable.Range(1, 8).Select(d => new CalendarEntry(new DateOnly(2025, 10, d), DayKind.Holiday, "国庆节、中秋节")),
            new(new DateOnly(2025, 10, 11), DayKind.MakeUpWorkday, "国庆节、中秋节"),
        ]);

    [Fact]
    public void AddWorkingDays_does_not_count_the_start_day_and_skips_holidays_but_counts_make_up_days()
    {
        // 9/28 (Sun, worked) 9/29 9/30 | holidays 10/1–10/8 | 10/9 10/10 10/11 (Sat, worked) 10/13 10/14 10/15 10/16
        Assert.Equal(new DateOnly(2025, 10, 16), NationalDay2025.AddWorkingDays(new DateOnly(2025, 9, 26), 10));
    }

    [Fact]
    public void AddWorkingDays_from_a_holiday_counts_from_the_first_working_day_after_it()
    {
        Assert.Equal(new DateOnly(2025, 10, 9), NationalDay2025.AddWorkingDays(new DateOnly(2025, 10, 3), 1));
    }

    [Fact]
    public void AddWorkingDays_backwards_lands_on_a_working_day()
    {
        Assert.Equal(new DateOnly(2025, 9, 30), NationalDay2025.AddWorkingDays(new DateOnly(2025, 10, 9), -1));
        Assert.Equal(new DateOnly(2025, 9, 28), NationalDay2025.AddWorkingDays(new DateOnly(2025, 10, 9), -3));
    }

    [Fact]
    public void AddWorkingDays_zero_is_the_start_day_itself()
    {
        Assert.Equal(new DateOnly(2025, 10, 4), NationalDay2025.AddWorkingDays(new DateOnly(2025, 10, 4), 0));
    }

    [Theory]
    [InlineData("2025-09-28", true, DayKind.MakeUpWorkday)]
    [InlineData("2025-10-01", false, DayKind.Holiday)]
    [InlineData("2025-10-12", false, DayKind.Weekend)]
    [InlineData("2025-10-13", true, DayKind.Workday)]
    public void Describe_tells_how_a_day_counts(string date, bool working, DayKind kind)
    {
        var info = NationalDay2025.Describe(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(working, info.WorkingDay);
        Assert.Equal(kind, info.Kind);
        Assert.Equal(kind is DayKind.Holiday or DayKind.MakeUpWorkday, info.Name is not null);
    }

    [Fact]
    public void A_year_before_the_first_official_one_is_refused_naming_the_year_never_guessed()
    {
        var e = Assert.Throws<CalendarYearMissingException>(() => NationalDay2025.Describe(new DateOnly(2024, 12, 31)));
        Assert.Equal(2024, e.Year);
        Assert.Contains("2024", e.Message, StringComparison.Ordinal);
        Assert.Throws<CalendarYearMissingException>(() => NationalDay2025.AddWorkingDays(new DateOnly(2025, 1, 3), -5));
    }

    [Fact]
    public void A_later_year_without_its_notice_counts_on_the_laws_holidays_and_says_it_is_provisional()
    {
        // 2026-01-01 is 元旦 by 第二条 of 《全国年节及纪念日放假办法》; the notice's make-up Sunday 1/4 is unknown without it.
        var newYear = NationalDay2025.Describe(new DateOnly(2026, 1, 1));
        Assert.Equal((false, DayKind.Holiday, "元旦", true), (newYear.WorkingDay, newYear.Kind, newYear.Name, newYear.Provisional));
        Assert.Equal(DayKind.Weekend, NationalDay2025.Describe(new DateOnly(2026, 1, 4)).Kind);
        Assert.False(NationalDay2025.Describe(new DateOnly(2025, 12, 31)).Provisional);
        // 12/30, 12/31, (1/1 元旦), 1/2, 1/5, 1/6.
        Assert.Equal(new DateOnly(2026, 1, 6), NationalDay2025.AddWorkingDays(new DateOnly(2025, 12, 29), 5));
        Assert.True(NationalDay2025.IsProvisional(2026));
        Assert.False(NationalDay2025.IsProvisional(2025));
        Assert.False(NationalDay2025.IsProvisional(2024));
    }

    [Fact]
    public void ProvisionalYearIn_names_the_latest_provisional_year_a_span_touches()
    {
        Assert.Null(NationalDay2025.ProvisionalYearIn(new DateOnly(2025, 3, 1), new DateOnly(2025, 12, 31)));
        Assert.Equal(2026, NationalDay2025.ProvisionalYearIn(new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 1)));
        Assert.Equal(2027, NationalDay2025.ProvisionalYearIn(new DateOnly(2027, 2, 1), new DateOnly(2025, 6, 1)));
        Assert.Equal([2026, 2027], NationalDay2025.ProvisionalYears(2027));
    }

    [Fact]
    public void WithYear_makes_a_provisional_year_official_with_the_notices_days()
    {
        var official = NationalDay2025.WithYear(2026, [new(new DateOnly(2026, 1, 4), DayKind.MakeUpWorkday, "元旦")]);
        Assert.False(official.IsProvisional(2026));
        Assert.Equal((true, false), (official.Describe(new DateOnly(2026, 1, 4)).WorkingDay, official.Describe(new DateOnly(2026, 1, 4)).Provisional));
        // Only what the notice says: without an entry, 1/1 is an ordinary Thursday of an official year.
        Assert.True(official.IsWorkingDay(new DateOnly(2026, 1, 1)));
        Assert.True(official.IsProvisional(2027));
    }

    [Fact]
    public void AddCalendarDays_moves_a_period_ending_on_a_rest_day_to_the_next_working_day()
    {
        // 9/20 + 15 days = 10/5, a holiday: the period ends on 10/9, the first working day after the holidays.
        Assert.Equal(new DateOnly(2025, 10, 9), NationalDay2025.AddCalendarDays(new DateOnly(2025, 9, 20), 15));
        // Ending on an ordinary working day: unchanged.
        Assert.Equal(new DateOnly(2025, 10, 20), NationalDay2025.AddCalendarDays(new DateOnly(2025, 10, 5), 15));
    }

    [Fact]
    public void WorkingDaysBetween_counts_what_is_left_and_is_negative_when_overdue()
    {
        Assert.Equal(10, NationalDay2025.WorkingDaysBetween(new DateOnly(2025, 9, 26), new DateOnly(2025, 10, 16)));
        Assert.Equal(-10, NationalDay2025.WorkingDaysBetween(new DateOnly(2025, 10, 16), new DateOnly(2025, 9, 26)));
        Assert.Equal(0, NationalDay2025.WorkingDaysBetween(new DateOnly(2025, 10, 2), new DateOnly(2025, 10, 8)));
    }

    [Fact]
    public void WorkingDaysLeft_is_the_count_a_page_shows_beside_a_due_date_and_none_over_a_year_without_data()
    {
        Assert.Equal(10, NationalDay2025.WorkingDaysLeft(new DateOnly(2025, 9, 26), new DateOnly(2025, 10, 16)));
        Assert.Equal(-10, NationalDay2025.WorkingDaysLeft(new DateOnly(2025, 10, 16), new DateOnly(2025, 9, 26)));

        // Overdue since a day of 2024, which has no data: no count rather than a guess.
        Assert.Null(NationalDay2025.WorkingDaysLeft(new DateOnly(2025, 1, 3), new DateOnly(2024, 12, 30)));

        // Today itself is not counted, so a today in a year without data still counts the days after it.
        Assert.Equal(2, NationalDay2025.WorkingDaysLeft(new DateOnly(2024, 12, 31), new DateOnly(2025, 1, 2)));
    }

    [Fact]
    public void Constructor_refuses_entries_that_would_make_the_calendar_lie()
    {
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([2025], [new(new DateOnly(2026, 1, 1), DayKind.Holiday, "元旦")]));
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([2025], [new(new DateOnly(2025, 1, 1), DayKind.Weekend, "x")]));
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([2025],
            [new(new DateOnly(2025, 1, 1), DayKind.Holiday, "元旦"), new(new DateOnly(2025, 1, 1), DayKind.Holiday, "元旦")]));
    }

    [Fact]
    public void AddWorkingDays_and_WorkingDaysBetween_agree_for_every_start_and_count()
    {
        // Property over the whole hand-made year: the N-th working day after X is N working days away from X,
        // and it is itself a working day.
        for (var start = new DateOnly(2025, 1, 1); start < new DateOnly(2025, 11, 30); start = start.AddDays(3))
        {
            for (var n = 1; n <= 20; n++)
            {
                var due = NationalDay2025.AddWorkingDays(start, n);
                Assert.True(NationalDay2025.IsWorkingDay(due));
                Assert.Equal(n, NationalDay2025.WorkingDaysBetween(start, due));
            }
        }
    }
}
