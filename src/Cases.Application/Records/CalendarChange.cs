using Cases.Domain.Calendar;

namespace Cases.Application.Records;

/// <summary>One administrator change to the calendar, kept for audit (规程 第一百二十条: 留痕可溯).</summary>
public sealed class CalendarChange
{
    public long Id { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The day's kind before the change, as the calendar computed it (workday, weekend, holiday, makeUpWorkday).</summary>
    public DayKind Before { get; set; }

    public string? BeforeName { get; set; }

    public DayKind After { get; set; }

    public string? AfterName { get; set; }

    public string Reason { get; set; } = "";

    public string ChangedBy { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }
}
