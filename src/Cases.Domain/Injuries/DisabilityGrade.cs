using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cases.Domain.Injuries;

/// <summary>
/// Disability grade 一级 (most severe) to 十级 set by the labour capacity appraisal committee; benefits follow it (第七十六条, 第七十七条).
/// </summary>
public readonly record struct DisabilityGrade
{
    private static readonly string[] ChineseNames = ["一级", "二级", "三级", "四级", "五级", "六级", "七级", "八级", "九级", "十级"];

    private DisabilityGrade(int value) => Value = value;

    /// <summary>1 (most severe) to 10; 0 only for <c>default(DisabilityGrade)</c>.</summary>
    public int Value { get; }

    /// <summary>The Chinese name, e.g. "四级".</summary>
    public string NameZh => Value is >= 1 and <= 10 ? ChineseNames[Value - 1] : string.Empty;

    /// <summary>True for <c>default(DisabilityGrade)</c>, which <see cref="From"/> never returns.</summary>
    public bool IsEmpty => Value == 0;

    public override string ToString() => NameZh;

    /// <summary>The grade numbered <paramref name="value"/>, or <see cref="DomainValidationException"/> naming <paramref name="field"/>.</summary>
    public static DisabilityGrade From(int value, string field = "disabilityGrade") =>
        TryFrom(value, out var grade, out var error) ? grade : throw new DomainValidationException(field, error);

    /// <summary>The grade numbered <paramref name="value"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryFrom(int value, out DisabilityGrade grade, [NotNullWhen(false)] out LocalizedText? error)
    {
        if (value is < 1 or > 10)
        {
            grade = default;
            error = new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"伤残等级应为一级至十级（1–10），现为 {value}。"),
                string.Create(CultureInfo.InvariantCulture, $"Disability grade must be 1 to 10 (一级 to 十级); got {value}."));
            return false;
        }

        grade = new DisabilityGrade(value);
        error = null;
        return true;
    }
}
