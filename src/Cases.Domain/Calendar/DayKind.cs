namespace Cases.Domain.Calendar;

/// <summary>What a calendar day is for counting statutory working-day periods (e.g. 规程 第二十二条's 10 working days).</summary>
public enum DayKind
{
    /// <summary>Monday to Friday with no holiday.</summary>
    Workday,

    /// <summary>Saturday or Sunday with no make-up work.</summary>
    Weekend,

    /// <summary>A statutory holiday (法定节假日) or a rest day moved into the holiday by the State Council's notice.</summary>
    Holiday,

    /// <summary>A weekend day worked in exchange for a holiday (调休上班).</summary>
    MakeUpWorkday,
}
