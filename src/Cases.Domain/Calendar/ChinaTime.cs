namespace Cases.Domain.Calendar;

/// <summary>
/// Statutory dates are calendar dates in China Standard Time (UTC+8, no daylight saving since 1991). Instants are
/// stored in UTC; this converts between the two without depending on the machine's time-zone database.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The calendar date in China at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>00:00 of <paramref name="date"/> in China, as UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>24:00 of <paramref name="date"/> in China (a period "ends at 24:00 of its last day"), as UTC.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => StartOf(date.AddDays(1));
}
