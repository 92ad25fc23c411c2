namespace Cases.Domain.Injuries;

/// <summary>Self-care impairment level (生活自理障碍等级); it sets the nursing care fee (第七十七条).</summary>
public enum SelfCareLevel
{
    /// <summary>No self-care impairment.</summary>
    None = 0,

    /// <summary>生活部分不能自理.</summary>
    Partial = 1,

    /// <summary>生活大部分不能自理.</summary>
    Major = 2,

    /// <summary>生活完全不能自理.</summary>
    Complete = 3,
}
