using Cases.Domain.Calendar;

namespace Cases.Web.Texts;

/// <summary>The calendar pages' words for how a day counts.</summary>
public static class CalendarText
{
    /// <summary>The words for a day's kind, shown beside its colour.</summary>
    public static string Kind(DayKind kind, IStringLocalizer L) => kind switch
    {
        DayKind.Holiday => L["法定节假日"],
        DayKind.MakeUpWorkday => L["调休上班"],
        DayKind.Weekend => L["周末"],
        _ => L["工作日"],
    };
}
