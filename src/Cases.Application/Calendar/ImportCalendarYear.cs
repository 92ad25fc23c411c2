using System.Text;
using System.Text.Json.Nodes;
using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;
using Cases.Workflows.Timers;

namespace Cases.Application.Calendar;

/// <summary>
/// An administrator loads a year of the State Council's holiday notice from a file in the shipped form
/// (Calendar/Data/cn-YYYY.json), adding the year or replacing the one held. Each day whose meaning changes is
/// journaled like a single change, and the pending deadlines it moves are recomputed and journaled in their cases,
/// all in one transaction. A refused file changes nothing.
/// </summary>
/// <remarks><c>Confirm</c>: the preview's confirmation hash when the import confirms a preview; null imports whatever it moves.</remarks>
public sealed record ImportCalendarYear(string FileJson, string FileName, string? Reason, string By, string? Confirm = null) : ICommand<CalendarYearImported>;

/// <summary>What <see cref="ImportCalendarYear"/> would do: the days that change meaning and the deadlines that would move.</summary>
public sealed record PreviewCalendarImport(string FileJson, string FileName, string? Reason = null) : IQuery<CalendarImportPreview>;

/// <summary>One day whose meaning a change or an import changes.</summary>
public sealed record DayDifference(DateOnly Date, DayKind Before, string? BeforeName, DayKind After, string? AfterName)
{
    /// <summary>The journal row of this difference (规程 第一百二十条: 留痕可溯).</summary>
    public CalendarChange Journal(string reason, string by, DateTimeOffset at) => new()
    {
        Date = Date,
        Before = Before,
        BeforeName = BeforeName,
        After = After,
        AfterName = AfterName,
        Reason = reason,
        ChangedBy = by,
        ChangedAt = at,
    };
}

/// <summary>
/// What an import would do. <c>ReplacesProvisional</c>: the year was provisional (its days derived from the law) and the
/// import makes it official; <c>Changes</c> are then the days the notice sets differently from the law's derivation.
/// <c>Settled</c>: provisional deadlines whose dates stand and that the import makes official.
/// </summary>
public sealed record CalendarImportPreview(
    int Year, bool Replaces, string Source, int Days, IReadOnlyList<DayDifference> Changes, IReadOnlyList<MovedDeadline> Moved, string Confirmation,
    bool ReplacesProvisional = false, IReadOnlyList<MovedDeadline>? Settled = null);

public sealed record CalendarYearImported(int Year, bool Replaced, int Days, IReadOnlyList<DayDifference> Changes, IReadOnlyList<MovedDeadline> Moved, IReadOnlyList<MovedDeadline>? Settled = null);

public sealed class ImportCalendarYearHandler(CasesDb db, CalendarStore store, DeadlineRecalculation recalculation, TimerScheduler scheduler, TimeProvider clock)
    : ICommandHandler<ImportCalendarYear, CalendarYearImported>, IQueryHandler<PreviewCalendarImport, CalendarImportPreview>
{
    /// <summary>The field that names the file in a request: problems inside it are named "file.days[3].date".</summary>
    public const string FileField = "file";

    public async ValueTask<CalendarImportPreview> Handle(PreviewCalendarImport query, CancellationToken cancellationToken)
    {
        var calendar = await store.GetAsync(db, cancellationToken);
        var (file, changes, proposed) = Propose(calendar, query.FileJson, query.FileName);
        var result = await recalculation.RunAsync(calendar, proposed, null, null, cancellationToken);
        return new CalendarImportPreview(file.Year, calendar.Years.Contains(file.Year), file.Source, file.Entries.Count, changes, result.Moved,
            CalendarConfirmation.Of(Describe(file), TextInput.Optional(query.Reason, "reason", "reason", 500, lineBreaks: true), result.Moved),
            calendar.IsProvisional(file.Year), result.Settled);
    }

    public async ValueTask<CalendarYearImported> Handle(ImportCalendarYear command, CancellationToken cancellationToken)
    {
        var reason = TextInput.Required(command.Reason, "reason", "reason", 500, lineBreaks: true);
        var calendar = await store.GetAsync(db, cancellationToken);
        var (file, changes, proposed) = Propose(calendar, command.FileJson, command.FileName);
        var now = clock.GetUtcNow();

        var year = await db.CalendarYears.SingleOrDefaultAsync(y => y.Year == file.Year, cancellationToken);
        var replaced = year is not null;
        if (year is null)
        {
            db.CalendarYears.Add(year = new CalendarYear { Year = file.Year });
        }

        // The notice's address, or the file's name when it gives none; the column holds 500 characters.
        year.Source = file.Source.Length > 500 ? file.Source[..500] : file.Source;
        year.LoadedAt = now;
        year.LoadedBy = command.By;

        var from = new DateOnly(file.Year, 1, 1);
        var to = new DateOnly(file.Year, 12, 31);
        var held = await db.CalendarDays.Where(d => d.Date >= from && d.Date <= to).ToDictionaryAsync(d => d.Date, cancellationToken);
        foreach (var entry in file.Entries)
        {
            // Updated in place, not removed and added: a tracked row cannot be deleted and inserted under one key.
            if (!held.Remove(entry.Date, out var row))
            {
                db.CalendarDays.Add(row = new CalendarDay { Date = entry.Date });
            }

            row.Kind = entry.Kind;
            row.Name = entry.Name;
        }

        db.CalendarDays.RemoveRange(held.Values);
        db.CalendarChanges.AddRange(changes.Select(c => c.Journal(reason, command.By, now)));

        var cause = new JsonObject { ["calendarYear"] = file.Year, ["imported"] = command.FileName, ["reason"] = reason };
        var moved = await recalculation.RunAsync(calendar, proposed, cause, command.By, cancellationToken);
        CalendarConfirmation.Check(command.Confirm, CalendarConfirmation.Of(Describe(file), reason, moved.Moved));
        await ChangeCalendarDayHandler.BumpRevisionAndSaveAsync(db, cancellationToken);
        scheduler.ScheduleAfterCommit(moved.TimersToSchedule);
        return new CalendarYearImported(file.Year, replaced, file.Entries.Count, changes, moved.Moved, moved.Settled);
    }

    // What the file says, in a canonical form: the same days confirm the same import whatever the file's layout.
    private static string Describe(HolidayYearFile file) =>
        $"year {file.Year} {file.Source} " + string.Join(' ', file.Entries.OrderBy(e => e.Date).Select(e => $"{e.Date:yyyy-MM-dd}:{e.Kind}:{e.Name}"));

    private static (HolidayYearFile File, List<DayDifference> Changes, WorkingDayCalendar Proposed) Propose(WorkingDayCalendar calendar, string json, string fileName)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new DomainValidationException(FileField, new LocalizedText("请选择该年度的放假安排文件（JSON 格式，同 Calendar/Data/cn-YYYY.json）。", "Choose the year's holiday file (JSON, as Calendar/Data/cn-YYYY.json)."));
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var file = HolidayYearFile.Parse(stream, fileName, FileField);
        var proposed = calendar.WithYear(file.Year, file.Entries);
        var changes = new List<DayDifference>();
        for (var date = new DateOnly(file.Year, 1, 1); date.Year == file.Year; date = date.AddDays(1))
        {
            var before = calendar.Covers(date) ? calendar.Describe(date) : WorkingDayCalendar.Ordinary(date);
            var after = proposed.Describe(date);
            if (before.Kind != after.Kind || before.Name != after.Name)
            {
                changes.Add(new DayDifference(date, before.Kind, before.Name, after.Kind, after.Name));
            }
        }

        return (file, changes, proposed);
    }
}
