using Cases.Domain.Injuries;

namespace Cases.Web.Texts;

/// <summary>
/// Injury pages: an appraisal conclusion as officers say it — the grade as 三级 (Grade 3 in English), the self-care
/// level by its name in 《劳动能力鉴定 职工工伤与职业病致残等级》 (生活部分不能自理 …), never the stored code.
/// </summary>
public static class InjuryTexts
{
    /// <summary>The self-care levels in the form's order, with their zh-CN names (the resource keys).</summary>
    public static IReadOnlyList<(string Code, string Zh)> SelfCareLevels { get; } =
    [
        ("none", "无生活自理障碍"), ("partial", "生活部分不能自理"), ("major", "生活大部分不能自理"), ("complete", "生活完全不能自理"),
    ];

    /// <summary>三级 (Grade 3); "未达到伤残等级" (no grade reached) for null — the caller localises the latter.</summary>
    public static string? Grade(int? grade) =>
        grade is { } g && DisabilityGrade.TryFrom(g, out var value, out _)
            ? WorkflowText.English ? string.Create(CultureInfo.InvariantCulture, $"Grade {g}") : value.NameZh
            : null;

    /// <summary>The zh-CN name of a self-care level (the resource key of its English name).</summary>
    public static string SelfCareZh(SelfCareLevel level) => level switch
    {
        SelfCareLevel.Partial => "生活部分不能自理",
        SelfCareLevel.Major => "生活大部分不能自理",
        SelfCareLevel.Complete => "生活完全不能自理",
        _ => "无生活自理障碍",
    };
}
