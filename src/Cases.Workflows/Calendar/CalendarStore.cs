using Cases.Domain.Calendar;

namespace Cases.Workflows.Calendar;

/// <summary>
/// Holds the working-day calendar in memory for every count. Before handing it out it reads the one-row revision
/// (a primary-key lookup) and reloads when another request or another node has changed the calendar.
/// </summary>
public sealed class CalendarStore : IDisposable
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private (long Revision, WorkingDayCalendar Calendar)? _current;

    public async Task<WorkingDayCalendar> GetAsync(IWorkflowDb db, CancellationToken ct = default)
    {
        var revision = await db.CalendarRevisions.AsNoTracking().Where(r => r.Id == 1).Select(r => r.Revision).SingleAsync(ct);
        if (_current is { } held && held.Revision == revision)
        {
            return held.Calendar;
        }

        await _reload.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Revision == revision)
            {
                return again.Calendar;
            }

            var years = await db.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(ct);
            var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
            var calendar = new WorkingDayCalendar(years, days.Select(d => new CalendarEntry(d.Date, d.Kind, d.Name)));
            _current = (revision, calendar);
            return calendar;
        }
        finally
        {
            _reload.Release();
        }
    }

    public void Dispose() => _reload.Dispose();
}
