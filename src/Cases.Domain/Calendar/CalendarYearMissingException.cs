namespace Cases.Domain.Calendar;

/// <summary>
/// Raised when a count needs a year for which no official holiday notice has been loaded. The product never
/// falls back to Monday–Friday for such a year: a statutory deadline computed that way could be wrong.
/// </summary>
public sealed class CalendarYearMissingException : Exception
{
    public CalendarYearMissingException(int year)
        : base($"The working-day calendar has no data for {year}; an administrator must load that year's State Council holiday notice first.")
    {
        Year = year;
    }

    /// <summary>The same refusal, saying what needed the year (e.g. the case whose deadline would move into it).</summary>
    public CalendarYearMissingException(int year, string message)
        : base(message)
    {
        Year = year;
    }

    public int Year { get; }
}
