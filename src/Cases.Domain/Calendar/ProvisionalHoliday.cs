namespace Cases.Domain.Calendar;

/// <summary>
/// One day a provisional year rests, and why: a holiday named by 《全国年节及纪念日放假办法》 第二条, or the 补假 that
/// 第六条 grants for such a holiday falling on a Saturday or Sunday (<paramref name="MakesUpFor"/> is then that day).
/// </summary>
public sealed record ProvisionalHoliday(DateOnly Date, string Festival, ProvisionalReason Reason, DateOnly? MakesUpFor);

/// <summary>Why a provisional day rests (《全国年节及纪念日放假办法》 第二条 or 第六条).</summary>
public enum ProvisionalReason
{
    /// <summary>法定假日: a day 第二条 names.</summary>
    Statutory,

    /// <summary>补假: the working day given back for a 第二条 holiday that fell on a Saturday or Sunday (第六条).</summary>
    MakeUpRest,
}
