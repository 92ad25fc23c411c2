using System.Globalization;
using Cases.Domain.Calendar;

namespace Cases.Workflows.Runtime;

/// <summary>
/// A computed deadline: its last day, the instant it passes, and how it was counted and why.
/// <paramref name="ProvisionalYear"/>: the latest year without the State Council's notice whose days the count looked at
/// (or that the date it started from was counted in), null when it rests on official data only; such a deadline is
/// shown as 暂定 and is recomputed when the year's notice is imported.
/// </summary>
public sealed record ComputedClock(DateOnly DueOn, DateTimeOffset DueAt, string Rule, string Basis, int? ProvisionalYear = null)
{
    public bool Provisional => ProvisionalYear is not null;

    /// <summary>Whether the regulation or the agency sets the limit; null for a clock of a version older than the distinction.</summary>
    public ClockSource? Source { get; init; }
}

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
            : data.GetDate(field) ?? throw new DomainValidationException($"data.{field}", new LocalizedText(
                $"计算期限（{clock.Basis}）需要「{field}」的日期，但案件中尚未填写。",
                $"{field} is needed to compute a deadline ({clock.Basis}) but the case has no value for it."));
        var after = clock.After is not null;
        DateOnly due;
        string rule;
        // The days the count looks at, for its provisional mark: none for a plain date or a subtraction, which need no
        // working-day data (DESIGN.md: "到期N日前" is counted back without shifting).
        (DateOnly First, DateOnly Last)? looked = null;
        if (clock.On is not null)
        {
            due = from;
            rule = $"on {field}";
        }
        else if (clock.WorkingDays is int wd)
        {
            due = calendar.AddWorkingDays(from, after ? wd : -wd);
            rule = $"{(after ? "" : "-")}{wd} working days from {field}";
            looked = wd == 0 ? null : after ? (from.AddDays(1), due) : (due, from.AddDays(-1));
        }
        else if (clock.CalendarDays is int cd)
        {
            due = after ? calendar.AddCalendarDays(from, cd) : from.AddDays(-cd);
            rule = $"{(after ? "" : "-")}{cd} calendar days from {field}";
            looked = after ? (from.AddDays(cd), due) : null;
        }
        else if (clock.Months is int m)
        {
            due = after ? RollToWorkingDay(from.AddMonths(m), calendar) : from.AddMonths(-m);
            rule = $"{(after ? "" : "-")}{m} months from {field}";
            looked = after ? (from.AddMonths(m), due) : null;
        }
        else
        {
            throw new InvalidOperationException("A clock has no amount; the validator should have refused the definition.");
        }

        var provisional = Later(looked is { } span ? calendar.ProvisionalYearIn(span.First, span.Last) : null, field == Entered ? null : data.ProvisionalYearOf(field));
        return new ComputedClock(due, ChinaTime.EndOf(due), rule, clock.Basis ?? "", provisional) { Source = clock.Source };
    }

    /// <summary>
    /// A wait state's timer, which closes a party's window or ends a right when it fires (第二十二条's objection window, a
    /// rehabilitation period, a project's term, a lapse after missing materials): due on a day of a provisional year it is
    /// provisional however it was counted, so that it never acts on its own on a date the State Council's notice may yet
    /// make a holiday (民法典 第二百零三条 would then move the period's end).
    /// </summary>
    public static ComputedClock ClosingWindow(ComputedClock clock, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.IsProvisional(clock.DueOn.Year) ? clock with { ProvisionalYear = Later(clock.ProvisionalYear, clock.DueOn.Year) } : clock;
    }

    private static int? Later(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

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

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
