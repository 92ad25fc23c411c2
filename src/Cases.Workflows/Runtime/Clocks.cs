using System.Globalization;
using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Workflows.Definitions;

namespace Cases.Workflows.Runtime;

/// <summary>A computed deadline: its last day, the instant it passes, and how it was counted and why.</summary>
public sealed record ComputedClock(DateOnly DueOn, DateTimeOffset DueAt, string Rule, string Basis);

/// <summary>
/// Turns a clock declared in a definition into a date, by the counting rules of DESIGN.md: working days skip
/// rest days and the start day is not counted; a calendar-day period ending on a rest day moves to the next
/// working day; "N days before" is plain subtraction (第九条's "到期15日前"); months keep the day of month.
/// </summary>
public static class Clocks
{
    public const string Entered = "$entered";

    public static ComputedClock Compute(ClockSpec clock, CaseData data, DateOnly enteredOn, WorkingDayCalendar calendar)
    {
        var field = clock.After ?? clock.Before ?? clock.On ?? Entered;
        var from = field == Entered
            ? enteredOn
            : data.GetDate(field) ?? throw new DomainValidationException($"data.{field}", $"{field} is needed to compute a deadline ({clock.Basis}) but the case has no value for it.");
        var after = clock.After is not null;
        DateOnly due;
        string rule;
        if (clock.On is not null)
        {
            due = from;
            rule = $"on {field}";
        }
        else if (clock.WorkingDays is int wd)
        {
            due = calendar.AddWorkingDays(from, after ? wd : -wd);
            rule = $"{(after ? "" : "-")}{wd} working days from {field}";
        }
        else if (clock.CalendarDays is int cd)
        {
            due = after ? calendar.AddCalendarDays(from, cd) : from.AddDays(-cd);
            rule = $"{(after ? "" : "-")}{cd} calendar days from {field}";
        }
        else if (clock.Months is int m)
        {
            due = after ? RollToWorkingDay(from.AddMonths(m), calendar) : from.AddMonths(-m);
            rule = $"{(after ? "" : "-")}{m} months from {field}";
        }
        else
        {
            throw new InvalidOperationException("A clock has no amount; the validator should have refused the definition.");
        }

        return new ComputedClock(due, ChinaTime.EndOf(due), rule, clock.Basis ?? "");
    }

    /// <summary>The instant at which a given share of the time from <paramref name="start"/> to <paramref name="due"/> has passed.</summary>
    public static DateTimeOffset Share(DateTimeOffset start, DateTimeOffset due, decimal share)
    {
        if (due <= start)
        {
            return due;
        }

        var ticks = (long)((due - start).Ticks * (double)share);
        return start + TimeSpan.FromTicks(ticks);
    }

    private static DateOnly RollToWorkingDay(DateOnly date, WorkingDayCalendar calendar)
    {
        while (!calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    internal static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
