using Cases.Domain.Calendar;

namespace Cases.Workflows.Records;

/// <summary>A year whose official holiday notice is loaded; counting into a year without one is refused.</summary>
public sealed class CalendarYear
{
    public int Year { get; set; }

    /// <summary>Where the data came from: the notice's address, or "admin import".</summary>
    public string Source { get; set; } = "";

    public DateTimeOffset LoadedAt { get; set; }

    public string LoadedBy { get; set; } = "";
}

/// <summary>A holiday or make-up working day of a loaded year.</summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }

    public DayKind Kind { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>
/// A single row whose number goes up with every calendar change, in the same transaction. Each node compares it
/// with the calendar it holds in memory, so an edit on one node is seen by all of them at their next count.
/// </summary>
public sealed class CalendarRevision
{
    public int Id { get; set; } = 1;

    public long Revision { get; set; }
}
