namespace Cases.Domain.Calendar;

/// <summary>
/// Raised when a count needs a year for which no official holiday notice has been loaded. The product never
/// falls back to Monday–Friday for such a year: a statutory deadline computed that way could be wrong.
/// </summary>
public sealed class CalendarYearMissingException : LocalizedException
{
    public CalendarYearMissingException(int year)
        : base(new LocalizedText(
            $"工作日日历中没有 {year} 年的数据，须由系统管理员先导入当年国务院办公厅的放假通知，才能计算期限。",
            $"The working-day calendar has no data for {year}; an administrator must load that year's State Council holiday notice first."))
    {
        Year = year;
    }

    /// <summary>The same refusal, saying what needed the year (e.g. the case whose deadline would move into it), in both languages.</summary>
    public CalendarYearMissingException(int year, LocalizedText text)
        : base(text)
    {
        Year = year;
    }

    /// <summary>The same refusal, said in one text already in the reader's language.</summary>
    public CalendarYearMissingException(int year, string message)
        : base(message)
    {
        Year = year;
    }

    public int Year { get; }
}
