using System.Text.Json.Nodes;
using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;

namespace Cases.Application.Calendar;

/// <summary>
/// An administrator marks a day as a holiday, a make-up working day, or back to its ordinary weekday/weekend
/// meaning. Every pending deadline the change moves is recomputed under the new calendar and journaled in its case;
/// the change, its reason, its author and the moves commit in one transaction. A move into a year without calendar
/// data refuses the whole change (422 naming the year).
/// </summary>
/// <remarks><c>Confirm</c>: the preview's <see cref="CalendarDayPreview.Confirmation"/> when the change confirms a preview; null applies whatever the change moves.</remarks>
public sealed record ChangeCalendarDay(DateOnly Date, DayKind Kind, string? Name, string Reason, string ChangedBy, string? Confirm = null) : ICommand<CalendarDayChanged>;

/// <summary>What <see cref="ChangeCalendarDay"/> would do, without doing it: the day before and after, and the deadlines it would move.</summary>
public sealed record PreviewCalendarDayChange(DateOnly Date, DayKind Kind, string? Name, string? Reason = null) : IQuery<CalendarDayPreview>;

/// <summary>The day as it now counts and the deadlines that moved.</summary>
public sealed record CalendarDayChanged(DayInfo Day, IReadOnlyList<MovedDeadline> Moved);

/// <remarks><c>Confirmation</c>: the hash of the change, its reason and these moves (<see cref="CalendarConfirmation"/>), to confirm exactly this.</remarks>
public sealed record CalendarDayPreview(DayInfo Before, DayInfo After, IReadOnlyList<MovedDeadline> Moved, string Confirmation);

public sealed class ChangeCalendarDayHandler(CasesDb db, CalendarStore store, DeadlineRecalculation recalculation, TimerScheduler scheduler, TimeProvider clock)
    : ICommandHandler<ChangeCalendarDay, CalendarDayChanged>, IQueryHandler<PreviewCalendarDayChange, CalendarDayPreview>
{
    public async ValueTask<CalendarDayPreview> Handle(PreviewCalendarDayChange query, CancellationToken cancellationToken)
    {
        var calendar = await store.GetAsync(db, cancellationToken);
        var (before, after, proposed) = Propose(calendar, query.Date, query.Kind, query.Name);
        var result = await recalculation.RunAsync(calendar, proposed, null, null, cancellationToken);
        return new CalendarDayPreview(before, after, result.Moved, CalendarConfirmation.Of(Describe(after, query.Name), TextInput.Optional(query.Reason, "reason", "reason", 500, lineBreaks: true), result.Moved));
    }

    public async ValueTask<CalendarDayChanged> Handle(ChangeCalendarDay command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new DomainValidationException("reason", new LocalizedText("请说明调整日历的原因（如公布该安排的通知）。", "Say why the calendar changes (e.g. the notice that announced it)."));
        }

        // The journal's column holds a reason of up to 500 characters.
        var reason = TextInput.Required(command.Reason, "reason", "reason", 500, lineBreaks: true);
        var calendar = await store.GetAsync(db, cancellationToken);
        var (before, after, proposed) = Propose(calendar, command.Date, command.Kind, command.Name);

        var row = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == command.Date, cancellationToken);
        if (after.Kind is DayKind.Holiday or DayKind.MakeUpWorkday)
        {
            if (row is null)
            {
                db.CalendarDays.Add(row = new CalendarDay { Date = command.Date });
            }

            row.Kind = after.Kind;
            row.Name = after.Name!;
        }
        else if (row is not null)
        {
            db.CalendarDays.Remove(row);
        }

        var now = clock.GetUtcNow();
        db.CalendarChanges.Add(new DayDifference(command.Date, before.Kind, before.Name, after.Kind, after.Name).Journal(reason, command.ChangedBy, now));

        var cause = new JsonObject
        {
            ["calendarDay"] = Clocks.Format(command.Date),
            ["kind"] = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(after.Kind.ToString()),
            ["name"] = after.Name,
            ["reason"] = reason,
        };
        var moved = await recalculation.RunAsync(calendar, proposed, cause, command.ChangedBy, cancellationToken);
        CalendarConfirmation.Check(command.Confirm, CalendarConfirmation.Of(Describe(after, command.Name), reason, moved.Moved));
        await BumpRevisionAndSaveAsync(db, cancellationToken);
        scheduler.ScheduleAfterCommit(moved.TimersToSchedule);
        return new CalendarDayChanged(after, moved.Moved);
    }

    // The name as given, even where the day keeps none (back to normal): a confirmation is of what was typed and shown.
    private static string Describe(DayInfo day, string? name) => $"day {Clocks.Format(day.Date)} {day.Kind} {name?.Trim()}";

    /// <summary>
    /// Saves the calendar change and everything that goes with it. The revision is a concurrency token: two
    /// administrators saving at once cannot both win silently.
    /// </summary>
    internal static async Task BumpRevisionAndSaveAsync(CasesDb db, CancellationToken ct)
    {
        var revision = await db.CalendarRevisions.SingleAsync(r => r.Id == 1, ct);
        revision.Revision++;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks a day's new meaning against the rules and returns the day before, after, and the calendar as it would be.</summary>
    internal static (DayInfo Before, DayInfo After, WorkingDayCalendar Proposed) Propose(WorkingDayCalendar calendar, DateOnly date, DayKind kind, string? name)
    {
        // A holiday's name is kept in a column of 100 characters.
        var text = TextInput.Optional(name, "name", "name", 100);
        if (calendar.IsProvisional(date.Year))
        {
            // A provisional year is the law's derivation as a whole; days are set one by one only on the notice's data.
            throw new DomainValidationException("date", new LocalizedText(
                $"{date.Year} 年的国务院放假通知尚未导入，当年日历为暂定日历。请导入 {date.Year} 年的放假通知，不要逐日修改。",
                $"{date.Year} has no State Council holiday notice yet: its days are provisional. Import the notice for {date.Year} (导入国务院放假通知) rather than changing its days one by one."));
        }

        var before = calendar.Describe(date); // refuses a year with no data
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        switch (kind)
        {
            case DayKind.MakeUpWorkday when !weekend:
                throw new DomainValidationException("kind", new LocalizedText($"{date:yyyy-MM-dd} 是周一至周五的工作日；只有周末才能设为调休上班日。", $"{date:yyyy-MM-dd} is a weekday; only a weekend day can be a make-up working day."));
            case DayKind.Weekend when !weekend:
                throw new DomainValidationException("kind", new LocalizedText($"{date:yyyy-MM-dd} 是周一至周五，不是周末。", $"{date:yyyy-MM-dd} is a weekday, not a weekend day."));
            case DayKind.Workday when weekend:
                throw new DomainValidationException("kind", new LocalizedText($"{date:yyyy-MM-dd} 是周末；如需上班，请设为调休上班日。", $"{date:yyyy-MM-dd} is a weekend day; mark it makeUpWorkday to make it a working day."));
            case DayKind.Holiday or DayKind.MakeUpWorkday when text is null:
                throw new DomainValidationException("name", new LocalizedText("节假日或调休上班日须填写节日名称（如 国庆节）。", "A holiday or make-up working day needs the holiday's name (e.g. 国庆节)."));
        }

        var special = kind is DayKind.Holiday or DayKind.MakeUpWorkday;
        var after = new DayInfo(date, kind is DayKind.Workday or DayKind.MakeUpWorkday, kind, special ? text : null);
        var entries = calendar.Entries.Where(e => e.Date != date);
        var proposed = new WorkingDayCalendar(calendar.Years, special ? entries.Append(new CalendarEntry(date, kind, text!)) : entries);
        return (before, after, proposed);
    }
}
