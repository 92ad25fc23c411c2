using System.Globalization;
using System.Text.Json;
using Cases.Domain.Calendar;

namespace Cases.Domain.Tests.Calendar;

public class StatutoryHolidaysTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>The shipped official year, as published by the State Council: date → (name, rests).</summary>
    private static Dictionary<DateOnly, (string Name, bool IsOffDay)> Official(int year)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Calendar", "Official", $"cn-{year}.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("days").EnumerateArray().ToDictionary(
            d => DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            d => (d.GetProperty("name").GetString()!, d.GetProperty("isOffDay").GetBoolean()));
    }

    private static List<DateOnly> StatutoryDays(int year, string festival) =>
        [.. StatutoryHolidays.Derive(year).Where(h => h.Reason == ProvisionalReason.Statutory && h.Festival == festival).Select(h => h.Date)];

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Derive_statutory_days_are_official_off_days_under_the_same_festival(int year)
    {
        var official = Official(year);
        var statutory = StatutoryHolidays.Derive(year).Where(h => h.Reason == ProvisionalReason.Statutory).ToList();

        Assert.NotEmpty(statutory);
        foreach (var day in statutory)
        {
            Assert.True(official.TryGetValue(day.Date, out var o) && o.IsOffDay, $"{day.Date:yyyy-MM-dd} {day.Festival} is not an official off day");

            // The notice may name a block after two festivals (2025: "国庆节、中秋节" for 1–8 October).
            Assert.Contains(day.Festival, o.Name, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(2024, 2)]   // 春节: 初一 2/10 (Sat), 初二 2/11 (Sun)
    [InlineData(2025, 1)]   // 端午 5/31 (Sat)
    [InlineData(2026, 3)]   // 清明 4/5 (Sun), 劳动节 5/2 (Sat), 国庆 10/3 (Sat)
    public void Derive_make_up_rests_are_official_off_days_too(int year, int makeUps)
    {
        var official = Official(year);
        var derived = StatutoryHolidays.Derive(year).Where(h => h.Reason == ProvisionalReason.MakeUpRest).ToList();

        Assert.Equal(makeUps, derived.Count);
        foreach (var day in derived)
        {
            Assert.True(official.TryGetValue(day.Date, out var o) && o.IsOffDay, $"补假 {day.Date:yyyy-MM-dd} for {day.MakesUpFor:yyyy-MM-dd} is not an official off day");
            Assert.Contains(day.Festival, o.Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Derive_2027_lists_each_holiday_with_its_derivation()
    {
        // 2027 (2024 revision): no leap month in lunar 2027; 正月初一 is 2027-02-06.
        ProvisionalHoliday[] expected =
        [
            new(D(2027, 1, 1), "元旦", ProvisionalReason.Statutory, null),            // 1月1日 (Fri)
            new(D(2027, 2, 5), "春节", ProvisionalReason.Statutory, null),            // 除夕 (Fri), the day before 初一
            new(D(2027, 2, 6), "春节", ProvisionalReason.Statutory, null),            // 正月初一 (Sat) → 补假 2/9
            new(D(2027, 2, 7), "春节", ProvisionalReason.Statutory, null),            // 正月初二 (Sun) → 补假 2/10
            new(D(2027, 2, 8), "春节", ProvisionalReason.Statutory, null),            // 正月初三 (Mon)
            new(D(2027, 2, 9), "春节", ProvisionalReason.MakeUpRest, D(2027, 2, 6)),  // first weekday after 初三
            new(D(2027, 2, 10), "春节", ProvisionalReason.MakeUpRest, D(2027, 2, 7)), // the next one
            new(D(2027, 4, 5), "清明节", ProvisionalReason.Statutory, null),          // sun at 15° on 4/5 08:17 UTC+8 (Mon)
            new(D(2027, 5, 1), "劳动节", ProvisionalReason.Statutory, null),          // 5月1日 (Sat) → 补假 5/3
            new(D(2027, 5, 2), "劳动节", ProvisionalReason.Statutory, null),          // 5月2日 (Sun) → 补假 5/4
            new(D(2027, 5, 3), "劳动节", ProvisionalReason.MakeUpRest, D(2027, 5, 1)),
            new(D(2027, 5, 4), "劳动节", ProvisionalReason.MakeUpRest, D(2027, 5, 2)),
            new(D(2027, 6, 9), "端午节", ProvisionalReason.Statutory, null),          // 五月初五 (Wed)
            new(D(2027, 9, 15), "中秋节", ProvisionalReason.Statutory, null),         // 八月十五 (Wed)
            new(D(2027, 10, 1), "国庆节", ProvisionalReason.Statutory, null),         // 10月1日 (Fri)
            new(D(2027, 10, 2), "国庆节", ProvisionalReason.Statutory, null),         // 10月2日 (Sat) → 补假 10/4
            new(D(2027, 10, 3), "国庆节", ProvisionalReason.Statutory, null),         // 10月3日 (Sun) → 补假 10/5
            new(D(2027, 10, 4), "国庆节", ProvisionalReason.MakeUpRest, D(2027, 10, 2)),
            new(D(2027, 10, 5), "国庆节", ProvisionalReason.MakeUpRest, D(2027, 10, 3)),
        ];

        Assert.Equal(expected, StatutoryHolidays.Derive(2027));
    }

    [Fact]
    public void Derive_2024_follows_the_2013_text_without_new_years_eve_or_2_May()
    {
        // 除夕 2024 was 2/9 (Fri); 2024's holidays began on 初一.
        Assert.Equal([D(2024, 2, 10), D(2024, 2, 11), D(2024, 2, 12)], StatutoryDays(2024, "春节"));
        Assert.Equal([D(2024, 5, 1)], StatutoryDays(2024, "劳动节"));
        Assert.DoesNotContain(StatutoryHolidays.Derive(2024), h => h.Date == D(2024, 2, 9) || h.Date == D(2024, 5, 2));
    }

    [Fact]
    public void Derive_2025_follows_the_2024_revision_with_new_years_eve_and_2_May()
    {
        Assert.Equal([D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31)], StatutoryDays(2025, "春节"));
        Assert.Equal([D(2025, 5, 1), D(2025, 5, 2)], StatutoryDays(2025, "劳动节"));
    }

    [Fact]
    public void Derive_before_2014_applies_the_text_then_in_force()
    {
        // 2007 revision (2008–2013): 除夕、正月初一、初二. 2013: 除夕 2/9 (Sat), 初一 2/10 (Sun), 初二 2/11 (Mon);
        // the two weekend days are made up on 2/12 and 2/13.
        Assert.Equal([D(2013, 2, 9), D(2013, 2, 10), D(2013, 2, 11)], StatutoryDays(2013, "春节"));
        Assert.Equal([D(2013, 5, 1)], StatutoryDays(2013, "劳动节"));

        // 1999 revision (to 2007): 劳动节 1–3 May, and no 清明节, 端午节 or 中秋节.
        Assert.Equal([D(2007, 5, 1), D(2007, 5, 2), D(2007, 5, 3)], StatutoryDays(2007, "劳动节"));
        Assert.Equal(["元旦", "春节", "劳动节", "国庆节"], StatutoryHolidays.Derive(2007).Select(h => h.Festival).Distinct());
    }

    [Theory]
    [InlineData(2009, 5, 28, 10, 3)]   // 闰五月 (leap index 6): 端午 in the ordinary fifth month, index 5
    [InlineData(2020, 6, 25, 10, 1)]   // 闰四月 (leap index 5): the fifth month is index 6
    [InlineData(2023, 6, 22, 9, 29)]   // 闰二月 (leap index 3)
    [InlineData(2025, 5, 31, 10, 6)]   // 闰六月 (leap index 7): the fifth month is index 5, the eighth index 9
    public void Derive_places_duanwu_and_mid_autumn_right_in_leap_month_years(int year, int duanwuMonth, int duanwuDay, int midAutumnMonth, int midAutumnDay)
    {
        var days = StatutoryHolidays.Derive(year).Where(h => h.Reason == ProvisionalReason.Statutory).ToList();

        Assert.Equal(D(year, duanwuMonth, duanwuDay), Assert.Single(days, h => h.Festival.Contains("端午节", StringComparison.Ordinal)).Date);
        Assert.Equal(D(year, midAutumnMonth, midAutumnDay), Assert.Single(days, h => h.Festival.Contains("中秋节", StringComparison.Ordinal)).Date);
    }

    [Fact]
    public void Derive_makes_a_day_two_festivals_share_one_holiday_named_after_both()
    {
        // 2020: 中秋 fell on 10/1. The law gives no extra day for the coincidence (the State Council's notice did);
        // only 10/3 (Sat) is made up.
        var october = StatutoryHolidays.Derive(2020).Where(h => h.Date.Month == 10).ToList();

        Assert.Equal(
            [
                new(D(2020, 10, 1), "国庆节、中秋节", ProvisionalReason.Statutory, null),
                new(D(2020, 10, 2), "国庆节", ProvisionalReason.Statutory, null),
                new(D(2020, 10, 3), "国庆节", ProvisionalReason.Statutory, null),
                new ProvisionalHoliday(D(2020, 10, 5), "国庆节", ProvisionalReason.MakeUpRest, D(2020, 10, 3)),
            ],
            october);
    }

    [Fact]
    public void Derive_gives_the_make_up_rest_on_the_first_weekday_after_the_festival_that_is_not_already_a_rest_day()
    {
        // 2023 (2013 text): 元旦 1/1 (Sun) → 1/2 (Mon). 初一 1/22 (Sun), 初二 1/23, 初三 1/24 → 1/25, not the holidays
        // 1/23 and 1/24.
        var derived = StatutoryHolidays.Derive(2023);

        Assert.Contains(new ProvisionalHoliday(D(2023, 1, 2), "元旦", ProvisionalReason.MakeUpRest, D(2023, 1, 1)), derived);
        Assert.Contains(new ProvisionalHoliday(D(2023, 1, 25), "春节", ProvisionalReason.MakeUpRest, D(2023, 1, 22)), derived);

        // 2044: 国庆 10/1 (Sat) and 10/2 (Sun) are made up on 10/4 and, stepping over 中秋 on 10/5, on 10/6.
        Assert.Equal(
            [D(2044, 10, 4), D(2044, 10, 6)],
            StatutoryHolidays.Derive(2044).Where(h => h.Reason == ProvisionalReason.MakeUpRest && h.Festival == "国庆节").Select(h => h.Date));
    }

    [Fact]
    public void Derive_every_supported_year_is_in_date_order_and_each_weekend_holiday_is_made_up_once_on_a_weekday()
    {
        for (var year = StatutoryHolidays.FirstYear; year <= StatutoryHolidays.LastYear; year++)
        {
            var derived = StatutoryHolidays.Derive(year);
            var statutory = derived.Where(h => h.Reason == ProvisionalReason.Statutory).ToDictionary(h => h.Date);
            var makeUps = derived.Where(h => h.Reason == ProvisionalReason.MakeUpRest).ToList();

            Assert.All(derived.Zip(derived.Skip(1)), pair => Assert.True(pair.First.Date < pair.Second.Date, $"{year}: {pair.First.Date} then {pair.Second.Date}"));
            Assert.All(derived, h => Assert.Equal(year, h.Date.Year));
            Assert.All(makeUps, m =>
            {
                Assert.True(m.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"补假 {m.Date} falls on a weekend");
                Assert.True(m.MakesUpFor is { } f && statutory.TryGetValue(f, out var h) && h.Festival == m.Festival && m.Date > f);
            });
            Assert.Equal(
                statutory.Keys.Where(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Order(),
                makeUps.Select(m => m.MakesUpFor!.Value).Order());
        }
    }

    [Fact]
    public void Entries_are_the_derived_days_as_holidays_named_after_their_festival()
    {
        var entries = StatutoryHolidays.Entries(2026);

        Assert.Equal(StatutoryHolidays.Derive(2026).Select(h => (h.Date, h.Festival)), entries.Select(e => (e.Date, e.Name)));
        Assert.All(entries, e => Assert.Equal(DayKind.Holiday, e.Kind));
        Assert.Contains(new CalendarEntry(D(2026, 2, 16), DayKind.Holiday, "春节"), entries);
    }

    [Fact]
    public void Supports_the_years_from_FirstYear_to_LastYear()
    {
        Assert.False(StatutoryHolidays.Supports(StatutoryHolidays.FirstYear - 1));
        Assert.True(StatutoryHolidays.Supports(StatutoryHolidays.FirstYear));
        Assert.True(StatutoryHolidays.Supports(StatutoryHolidays.LastYear));
        Assert.False(StatutoryHolidays.Supports(StatutoryHolidays.LastYear + 1));
    }

    [Theory]
    [InlineData(StatutoryHolidays.FirstYear - 1)]
    [InlineData(StatutoryHolidays.LastYear + 1)]
    public void Derive_refuses_a_year_it_does_not_support(int year)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => StatutoryHolidays.Derive(year));
        Assert.Equal("year", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => StatutoryHolidays.Entries(year));
    }
}
