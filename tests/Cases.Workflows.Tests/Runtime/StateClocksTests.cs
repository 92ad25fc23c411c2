using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Cases.Workflows.Tests.Runtime.RuntimeFixtures;

namespace Cases.Workflows.Tests.Runtime;

/// <summary>
/// Every kind of clock a definition declares, counted on the shipped calendar by the rules of 民法典 第二百零一条、第二百零三条:
/// the day of the event is not counted; working days skip rest days and count make-up working days; a period of calendar
/// days or months whose last day is a rest day ends on the next working day; "N days before" a date is counted back
/// without shifting; a deadline counted over a year without its State Council notice is provisional.
/// </summary>
public sealed class StateClocksTests
{
    private const string Json = """
        {
          "key": "clocks", "version": 1,
          "title": { "zh": "期限", "en": "Clocks" },
          "basis": ["第十五条"],
          "initial": "intake",
          "data": {
            "filedOn": { "type": "date" },
            "contractEnd": { "type": "date" },
            "objectionDeadline": { "type": "date" },
            "windowOpensOn": { "type": "date" }
          },
          "startWith": ["filedOn"],
          "states": {
            "intake": {
              "kind": "task", "role": "officer",
              "deadline": { "after": "filedOn", "workingDays": 5, "source": "agency", "basis": "第十五条" },
              "outcomes": { "objection": { "to": "objection" }, "verify": { "to": "verify" }, "term": { "to": "term" }, "expiry": { "to": "expiry" } }
            },
            "verify": {
              "kind": "task", "role": "officer", "warnAt": 0.5,
              "deadline": { "after": "$entered", "workingDays": 3, "source": "agency", "basis": "第一百二十条" },
              "outcomes": { "done": { "to": "closed" } }
            },
            "objection": {
              "kind": "wait",
              "set": { "objectionDeadline": { "after": "filedOn", "calendarDays": 30, "source": "agency", "basis": "第二十二条" } },
              "timer": { "after": "filedOn", "calendarDays": 30, "source": "agency", "basis": "第二十二条", "to": "closed" },
              "reminders": [ { "at": { "before": "objectionDeadline", "workingDays": 2, "source": "agency", "basis": "第二十二条" }, "notify": { "to": "employer", "template": "objection-ends-soon" } } ]
            },
            "term": {
              "kind": "wait",
              "set": { "windowOpensOn": { "before": "contractEnd", "calendarDays": 15, "source": "agency", "basis": "第九条" } },
              "timer": { "after": "contractEnd", "months": 2, "source": "agency", "basis": "第九条", "to": "closed" }
            },
            "expiry": {
              "kind": "wait",
              "timer": { "on": "contractEnd", "source": "agency", "basis": "第九条", "to": "closed" }
            },
            "closed": { "kind": "end", "outcome": "closed" }
          }
        }
        """;

    private static readonly WorkflowDefinition Definition = RuntimeFixtures.Definition(Json);

    private static StateSpec State(string name) => Definition.States[name];

    [Fact]
    public void Working_days_after_a_date_skip_the_holidays_count_a_make_up_day_and_not_the_day_itself()
    {
        // Filed on Friday 26 Sep 2025: Sun 28 Sep is a make-up working day (1), 29 and 30 Sep (2, 3), 1–8 Oct are the
        // National Day holidays, 9 and 10 Oct (4, 5).
        var (due, _) = StateClocks.TaskDeadline(State("intake"), Data("""{ "filedOn": "2025-09-26" }"""), China(2025, 9, 26), Official);

        Assert.Equal(Day(2025, 10, 10), due.DueOn);
        Assert.Equal(new DateTimeOffset(2025, 10, 11, 0, 0, 0, ChinaTime.Offset), due.DueAt);
        Assert.Equal("第十五条", due.Basis);
        Assert.Null(due.ProvisionalYear);
    }

    [Fact]
    public void A_deadline_from_entering_the_state_counts_from_the_day_in_China_and_warns_at_its_share()
    {
        // 17:00 UTC on 29 Sep is already 30 Sep in China: 3 working days after it are 9, 10 and Saturday 11 Oct (make-up).
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 29, 17, 0, 0, TimeSpan.Zero));
        var (due, warnAt) = StateClocks.TaskDeadline(State("verify"), Data("""{ "filedOn": "2025-09-26" }"""), clock.GetUtcNow(), Official);

        Assert.Equal(Day(2025, 10, 11), due.DueOn);
        Assert.Equal(clock.GetUtcNow() + ((due.DueAt - clock.GetUtcNow()) / 2), warnAt);

        // Entered a day later (1 Oct, a holiday), the same 3 working days end on the same Saturday.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(Day(2025, 10, 11), StateClocks.TaskDeadline(State("verify"), Data("{}"), clock.GetUtcNow(), Official).Due.DueOn);
    }

    [Theory]
    [InlineData("2025-03-03", "2025-04-02")] // an ordinary period: the filing day is not counted (day 1 is 4 Mar)
    [InlineData("2025-09-01", "2025-10-09")] // ends on 1 Oct, a holiday: moves past the National Day holidays
    [InlineData("2025-03-05", "2025-04-07")] // ends on 4 Apr (清明), then a weekend: the next working day is Monday
    [InlineData("2025-09-11", "2025-10-11")] // ends on Saturday 11 Oct, a make-up working day: it stays
    public void A_period_of_calendar_days_ending_on_a_rest_day_ends_on_the_next_working_day(string filedOn, string expected)
    {
        var timer = StateClocks.WaitTimer(State("objection"), Data($$"""{ "filedOn": "{{filedOn}}" }"""), Day(2025, 3, 1), Official);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), timer!.DueOn);
    }

    [Theory]
    [InlineData("2025-03-15", "2025-05-15")] // the same day of the month
    [InlineData("2025-08-01", "2025-10-09")] // 1 Oct is a holiday: the next working day
    [InlineData("2025-12-31", "2026-02-28")] // no 31 Feb: the month's last day, a make-up working Saturday in 2026
    public void A_period_of_months_keeps_the_day_of_the_month_and_ends_on_a_working_day(string contractEnd, string expected)
    {
        var timer = StateClocks.WaitTimer(State("term"), Data($$"""{ "contractEnd": "{{contractEnd}}" }"""), Day(2025, 3, 1), Official);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), timer!.DueOn);
    }

    [Fact]
    public void Days_before_a_date_are_counted_back_without_moving_off_a_holiday()
    {
        // 第九条's "到期15日前": 15 days before 16 Oct 2025 is 1 Oct, a holiday, and stays 1 Oct.
        var data = Data("""{ "contractEnd": "2025-10-16" }""");
        var set = StateClocks.ApplySets(State("term"), data, Day(2025, 9, 1), Official);

        var (field, date) = Assert.Single(set);
        Assert.Equal("windowOpensOn", field);
        Assert.Equal(Day(2025, 10, 1), date.DueOn);
        Assert.Equal(Day(2025, 10, 1), data.GetDate("windowOpensOn"));
    }

    [Fact]
    public void A_date_the_state_sets_is_read_by_its_reminder_which_goes_out_at_the_start_of_its_day()
    {
        var data = Data("""{ "filedOn": "2025-09-01" }""");
        var set = StateClocks.ApplySets(State("objection"), data, Day(2025, 9, 1), Official);
        var reminder = Assert.Single(StateClocks.Reminders(State("objection"), data, Day(2025, 9, 1), Official));

        // The objection window ends on 9 Oct (30 days end on 1 Oct, a holiday); 2 working days before it, counted back
        // over the holidays, are 30 and 29 Sep.
        Assert.Equal(Day(2025, 10, 9), Assert.Single(set).Date.DueOn);
        Assert.Equal(Day(2025, 9, 29), reminder.At.DueOn);
        Assert.Equal(ChinaTime.StartOf(Day(2025, 9, 29)), reminder.At.DueAt);
        Assert.Equal(("employer", "objection-ends-soon"), (reminder.Reminder.Notify.To, reminder.Reminder.Notify.Template));
    }

    [Fact]
    public void A_clock_on_a_date_ends_that_day_even_a_holiday()
    {
        var timer = StateClocks.WaitTimer(State("expiry"), Data("""{ "contractEnd": "2025-10-03" }"""), Day(2025, 9, 1), Official);

        Assert.Equal(Day(2025, 10, 3), timer!.DueOn);
        Assert.Equal(ChinaTime.EndOf(Day(2025, 10, 3)), timer.DueAt);
    }

    [Fact]
    public void A_clock_counted_from_a_date_the_case_lacks_is_refused_naming_the_field()
    {
        var e = Assert.Throws<DomainValidationException>(() => StateClocks.WaitTimer(State("term"), Data("{}"), Day(2025, 9, 1), Official));

        Assert.Equal("data.contractEnd", e.Field);
    }

    [Fact]
    public void A_period_ending_in_a_year_without_its_notice_is_provisional_and_one_ending_before_it_is_not()
    {
        // The shipped notices reach 2026; 30 days after 20 Dec 2026 end on 19 Jan 2027.
        var provisional = StateClocks.WaitTimer(State("objection"), Data("""{ "filedOn": "2026-12-20" }"""), Day(2026, 12, 20), Official);
        var official = StateClocks.WaitTimer(State("objection"), Data("""{ "filedOn": "2026-11-20" }"""), Day(2026, 11, 20), Official);

        Assert.Equal((Day(2027, 1, 19), (int?)2027), (provisional!.DueOn, provisional.ProvisionalYear));
        Assert.Equal((Day(2026, 12, 21), (int?)null), (official!.DueOn, official.ProvisionalYear));
    }

    [Fact]
    public void Working_days_counted_into_a_year_without_its_notice_are_provisional()
    {
        var (due, _) = StateClocks.TaskDeadline(State("intake"), Data("""{ "filedOn": "2026-12-28" }"""), China(2026, 12, 28), Official);

        // 29–31 Dec 2026 count officially; 1 Jan 2027 is a holiday by law alone; 4 and 5 Jan end the count.
        Assert.Equal(Day(2027, 1, 5), due.DueOn);
        Assert.Equal(2027, due.ProvisionalYear);
    }

    [Fact]
    public void Recomputing_under_a_changed_calendar_counts_again_instead_of_shifting_the_date()
    {
        var data = Data("""{ "filedOn": "2025-09-26" }""");
        var entries2025 = Official.Entries.Where(e => e.Date.Year == 2025)
            .Append(new CalendarEntry(Day(2025, 10, 10), DayKind.Holiday, "test holiday"));
        var changed = Official.WithYear(2025, entries2025);

        var before = StateClocks.Recompute(Definition, ["intake"], data, China(2025, 9, 26), Official);
        var after = StateClocks.Recompute(Definition, ["intake"], data, China(2025, 9, 26), changed);

        // With 10 Oct a rest day the fifth working day is the make-up Saturday 11 Oct; the case data is not touched.
        Assert.Equal(Day(2025, 10, 10), before.Task!.Value.Due.DueOn);
        Assert.Equal(Day(2025, 10, 11), after.Task!.Value.Due.DueOn);
        Assert.Null(data.GetDate("objectionDeadline"));
    }

    [Fact]
    public void Recomputing_a_wait_gives_the_dates_it_set_its_timer_and_its_reminders()
    {
        var clocks = StateClocks.Recompute(Definition, ["objection"], Data("""{ "filedOn": "2025-09-01" }"""), China(2025, 9, 1), Official);

        var set = Assert.Single(clocks.Sets);
        Assert.Equal(("objection", "objectionDeadline", Day(2025, 10, 9)), (set.State, set.Field, set.Date.DueOn));
        Assert.Equal(Day(2025, 10, 9), clocks.Timer!.DueOn);
        Assert.Equal(Day(2025, 9, 29), Assert.Single(clocks.Reminders).At.DueOn);
        Assert.Null(clocks.Task);
    }
}
