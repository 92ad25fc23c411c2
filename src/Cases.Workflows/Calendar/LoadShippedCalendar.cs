namespace Cases.Workflows.Calendar;

/// <summary>
/// At start-up, loads every shipped year that the database does not hold yet. A year already in the database is
/// left alone: administrators may have corrected it, and their journaled changes win over the shipped file.
/// </summary>
public static class LoadShippedCalendar
{
    public static async Task<IReadOnlyList<int>> RunAsync(IWorkflowDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var present = (await db.CalendarYears.Select(y => y.Year).ToListAsync(ct)).ToHashSet();
        var added = new List<int>();
        foreach (var file in HolidayYearFile.Shipped().Where(f => !present.Contains(f.Year)))
        {
            db.CalendarYears.Add(new CalendarYear { Year = file.Year, Source = file.Source, LoadedAt = clock.GetUtcNow(), LoadedBy = "system" });
            db.CalendarDays.AddRange(file.Entries.Select(e => new CalendarDay { Date = e.Date, Kind = e.Kind, Name = e.Name }));
            added.Add(file.Year);
        }

        if (added.Count > 0)
        {
            var revision = await db.CalendarRevisions.SingleAsync(r => r.Id == 1, ct);
            revision.Revision++;
            await db.SaveChangesAsync(ct);
        }

        return added;
    }
}
