using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Cases.Workflows.Calendar;

/// <summary>
/// An administrator marks a day as a holiday, a make-up working day, or back to its ordinary weekday/weekend
/// meaning. The change, its reason and its author are journaled in the same transaction.
/// </summary>
public sealed record ChangeCalendarDay(DateOnly Date, DayKind Kind, string? Name, string Reason, string ChangedBy) : ICommand<DayInfo>;

public sealed class ChangeCalendarDayHandler(CasesDb db, CalendarStore store, TimeProvider clock) : ICommandHandler<ChangeCalendarDay, DayInfo>
{
    public async ValueTask<DayInfo> Handle(ChangeCalendarDay command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new DomainValidationException("reason", "Say why the calendar changes (e.g. the notice that announced it).");
        }

        // The journal's columns: a holiday's name up to 100 characters, the reason up to 500.
        var reason = TextInput.Required(command.Reason, "reason", "reason", 500, lineBreaks: true);
        var name = TextInput.Optional(command.Name, "name", "name", 100);

        var calendar = await store.GetAsync(db, cancellationToken);
        var before = calendar.Describe(command.Date); // refuses a year with no data
        var weekend = command.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        switch (command.Kind)
        {
            case DayKind.MakeUpWorkday when !weekend:
                throw new DomainValidationException("kind", $"{command.Date:yyyy-MM-dd} is a weekday; only a weekend day can be a make-up working day.");
            case DayKind.Weekend when !weekend:
                throw new DomainValidationException("kind", $"{command.Date:yyyy-MM-dd} is a weekday, not a weekend day.");
            case DayKind.Workday when weekend:
                throw new DomainValidationException("kind", $"{command.Date:yyyy-MM-dd} is a weekend day; mark it makeUpWorkday to make it a working day.");
            case DayKind.Holiday or DayKind.MakeUpWorkday when name is null:
                throw new DomainValidationException("name", "A holiday or make-up working day needs the holiday's name (e.g. 国庆节).");
        }

        var row = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == command.Date, cancellationToken);
        if (command.Kind is DayKind.Holiday or DayKind.MakeUpWorkday)
        {
            if (row is null)
            {
                db.CalendarDays.Add(row = new CalendarDay { Date = command.Date });
            }

            row.Kind = command.Kind;
            row.Name = name!;
        }
        else if (row is not null)
        {
            db.CalendarDays.Remove(row);
        }

        var after = new DayInfo(command.Date, command.Kind is DayKind.Workday or DayKind.MakeUpWorkday, command.Kind,
            command.Kind is DayKind.Holiday or DayKind.MakeUpWorkday ? name : null);
        db.CalendarChanges.Add(new CalendarChange
        {
            Date = command.Date,
            Before = before.Kind,
            BeforeName = before.Name,
            After = after.Kind,
            AfterName = after.Name,
            Reason = reason,
            ChangedBy = command.ChangedBy,
            ChangedAt = clock.GetUtcNow(),
        });

        // The revision is a concurrency token: two administrators saving at once cannot both win silently.
        var revision = await db.CalendarRevisions.SingleAsync(r => r.Id == 1, cancellationToken);
        revision.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
