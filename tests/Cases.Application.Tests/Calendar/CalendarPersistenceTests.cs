using Cases.Application.Calendar;
using Cases.Application.Persistence;
using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Testing;
using Cases.Workflows.Calendar;
using Cases.Workflows.Persistence;
using Cases.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Cases.Application.Tests.Calendar;

public class CalendarPersistenceTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 10, 20, 1, 0, 0, TimeSpan.Zero));

    /// <summary>The handler as the app wires it; no case is open here, so no timer is ever scheduled.</summary>
    private static ChangeCalendarDayHandler Handler(CasesDb db, CalendarStore store) => new(
        db, store, new DeadlineRecalculation(db, new DefinitionStore(), new ProgressWriter(db, []), Clock),
        new TimerScheduler(new Hangfire.BackgroundJobClient(new Hangfire.InMemory.InMemoryStorage()), Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<TimerScheduler>.Instance), Clock);

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Shipped_years_load_once_and_a_second_start_adds_nothing(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        await using (var db = test.Open())
        {
            Assert.Equal([2024, 2025, 2026], await LoadShippedCalendar.RunAsync(db, Clock));
        }

        await using (var db = test.Open())
        {
            Assert.Empty(await LoadShippedCalendar.RunAsync(db, Clock));
            Assert.Equal(36 + 33 + 39, await db.CalendarDays.CountAsync());
            Assert.Contains("gov.cn", (await db.CalendarYears.SingleAsync(y => y.Year == 2025)).Source, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task The_loaded_calendar_answers_the_official_dates(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        await using var db = test.Open();
        await LoadShippedCalendar.RunAsync(db, Clock);
        using var store = new CalendarStore();
        var calendar = await store.GetAsync(db);

        // 2024: Spring Festival 2/10–2/17 with make-up Sundays 2/4 and 2/18.
        Assert.Equal(DayKind.MakeUpWorkday, calendar.Describe(new DateOnly(2024, 2, 4)).Kind);
        Assert.Equal(DayKind.Holiday, calendar.Describe(new DateOnly(2024, 2, 15)).Kind);
        Assert.Equal(DayKind.MakeUpWorkday, calendar.Describe(new DateOnly(2024, 2, 18)).Kind);
        // 2025: the holidays added by the 2024 revision of the holiday rules: 除夕 (1/28) and 5/2.
        Assert.Equal(DayKind.Holiday, calendar.Describe(new DateOnly(2025, 1, 28)).Kind);
        Assert.Equal(DayKind.Holiday, calendar.Describe(new DateOnly(2025, 5, 2)).Kind);
        Assert.Equal(DayKind.MakeUpWorkday, calendar.Describe(new DateOnly(2025, 4, 27)).Kind);
        // 2026: New Year 1/1–1/3 with make-up Sunday 1/4; National Day to 10/7, make-up Saturday 10/10.
        Assert.Equal(DayKind.Holiday, calendar.Describe(new DateOnly(2026, 1, 2)).Kind);
        Assert.Equal(DayKind.MakeUpWorkday, calendar.Describe(new DateOnly(2026, 1, 4)).Kind);
        Assert.Equal(DayKind.MakeUpWorkday, calendar.Describe(new DateOnly(2026, 10, 10)).Kind);
        // A deadline across the 2025 National Day holidays and their make-up working days.
        Assert.Equal(new DateOnly(2025, 10, 16), calendar.AddWorkingDays(new DateOnly(2025, 9, 26), 10));
        // Spring Festival 2026: 2/13 (Fri) + 1 working day is the make-up Saturday 2/14; + 2 is 2/24 after the break.
        Assert.Equal(new DateOnly(2026, 2, 14), calendar.AddWorkingDays(new DateOnly(2026, 2, 13), 1));
        Assert.Equal(new DateOnly(2026, 2, 24), calendar.AddWorkingDays(new DateOnly(2026, 2, 13), 2));
        // 2027 has no notice yet: counted on its statutory holidays (1/1 元旦) and marked provisional; 2023 is never guessed.
        Assert.Equal(new DateOnly(2027, 1, 5), calendar.AddWorkingDays(new DateOnly(2026, 12, 28), 5));
        Assert.Equal(2027, calendar.ProvisionalYearIn(new DateOnly(2026, 12, 29), new DateOnly(2027, 1, 5)));
        Assert.Equal(2023, Assert.Throws<CalendarYearMissingException>(() => calendar.Describe(new DateOnly(2023, 12, 29))).Year);
    }

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task An_admin_change_is_journaled_and_every_node_sees_it_at_its_next_count(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        await using (var db = test.Open())
        {
            await LoadShippedCalendar.RunAsync(db, Clock);
        }

        using var nodeA = new CalendarStore();
        using var nodeB = new CalendarStore();
        await using (var db = test.Open())
        {
            Assert.True((await nodeB.GetAsync(db)).IsWorkingDay(new DateOnly(2025, 10, 13)));
        }

        await using (var db = test.Open())
        {
            var result = await Handler(db, nodeA)
                .Handle(new ChangeCalendarDay(new DateOnly(2025, 10, 13), DayKind.Holiday, "地方性假日", "省政府通知", "admin"), default);
            Assert.False(result.Day.WorkingDay);
            Assert.Empty(result.Moved);
        }

        await using (var db = test.Open())
        {
            // Node B held the old calendar in memory; the revision row tells it to reload.
            var calendar = await nodeB.GetAsync(db);
            Assert.Equal(DayKind.Holiday, calendar.Describe(new DateOnly(2025, 10, 13)).Kind);
            Assert.Equal(new DateOnly(2025, 10, 17), calendar.AddWorkingDays(new DateOnly(2025, 9, 26), 10));

            var change = await db.CalendarChanges.SingleAsync();
            Assert.Equal((DayKind.Workday, DayKind.Holiday, "admin", "省政府通知"), (change.Before, change.After, change.ChangedBy, change.Reason));
            Assert.Equal(Clock.GetUtcNow(), change.ChangedAt);
        }

        await using (var db = test.Open())
        {
            // And back to an ordinary day: the entry goes, the journal keeps both changes.
            await Handler(db, nodeA)
                .Handle(new ChangeCalendarDay(new DateOnly(2025, 10, 13), DayKind.Workday, null, "撤销", "admin"), default);
            Assert.True((await nodeB.GetAsync(db)).IsWorkingDay(new DateOnly(2025, 10, 13)));
            Assert.Equal(2, await db.CalendarChanges.CountAsync());
        }
    }

    [Fact]
    public async Task A_change_the_rules_refuse_writes_nothing()
    {
        var test = await TestDb.CreateAsync(TestProvider.Sqlite);
        await using var db = test.Open();
        await LoadShippedCalendar.RunAsync(db, Clock);
        using var store = new CalendarStore();
        var handler = Handler(db, store);

        var weekday = await Assert.ThrowsAsync<DomainValidationException>(async () =>
            await handler.Handle(new ChangeCalendarDay(new DateOnly(2025, 10, 13), DayKind.MakeUpWorkday, "x", "r", "admin"), default));
        Assert.Equal("kind", weekday.Field);
        var noReason = await Assert.ThrowsAsync<DomainValidationException>(async () =>
            await handler.Handle(new ChangeCalendarDay(new DateOnly(2025, 10, 13), DayKind.Holiday, "x", " ", "admin"), default));
        Assert.Equal("reason", noReason.Field);
        // A provisional year is changed by importing its notice, not day by day.
        var provisional = await Assert.ThrowsAsync<DomainValidationException>(async () =>
            await handler.Handle(new ChangeCalendarDay(new DateOnly(2027, 1, 1), DayKind.Holiday, "元旦", "r", "admin"), default));
        Assert.Equal("date", provisional.Field);
        await Assert.ThrowsAsync<CalendarYearMissingException>(async () =>
            await handler.Handle(new ChangeCalendarDay(new DateOnly(2023, 1, 2), DayKind.Holiday, "元旦", "r", "admin"), default));

        Assert.Equal(0, await db.CalendarChanges.CountAsync());
        Assert.Equal(1L, await db.CalendarRevisions.Select(r => r.Revision).SingleAsync());
    }

    [Fact]
    public void A_malformed_holiday_file_is_refused_with_the_reason()
    {
        using var weekdayMakeUp = new MemoryStream("""{"year":2025,"days":[{"name":"x","date":"2025-10-13","isOffDay":false}]}"""u8.ToArray());
        Assert.Contains("是工作日", Assert.Throws<DomainValidationException>(() => HolidayYearFile.Parse(weekdayMakeUp, "cn-2025.json")).Message, StringComparison.Ordinal);
        using var wrongYear = new MemoryStream("""{"year":2025,"days":[{"name":"x","date":"2024-10-01","isOffDay":true}]}"""u8.ToArray());
        Assert.Contains("不在 2025 年内", Assert.Throws<DomainValidationException>(() => HolidayYearFile.Parse(wrongYear, "cn-2025.json")).Message, StringComparison.Ordinal);
        using var notJson = new MemoryStream("nope"u8.ToArray());
        Assert.Equal("file", Assert.Throws<DomainValidationException>(() => HolidayYearFile.Parse(notJson, "cn-2025.json")).Field);
    }
}
