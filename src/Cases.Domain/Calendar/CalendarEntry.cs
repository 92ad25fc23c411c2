namespace Cases.Domain.Calendar;

/// <summary>
/// One day the State Council's yearly holiday notice changes from the Monday–Friday rule: a holiday or a
/// make-up working day. Ordinary weekdays and weekends are not entries.
/// </summary>
public sealed record CalendarEntry(DateOnly Date, DayKind Kind, string Name)
{
    public bool IsWorkingDay => Kind == DayKind.MakeUpWorkday;
}

/// <summary>
/// How one day counts, and why. <paramref name="Provisional"/>: the day lies in a year whose State Council notice is not
/// loaded yet, so it counts as 《全国年节及纪念日放假办法》 alone makes it (<see cref="StatutoryHolidays"/>) until the notice comes.
/// </summary>
public sealed record DayInfo(DateOnly Date, bool WorkingDay, DayKind Kind, string? Name, bool Provisional = false);
