using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cases.Domain.Parties;

/// <summary>
/// Work-injury industry risk class 一类 to 八类 (1–8), set from the employer's main business under 第八条;
/// it selects the industry base rate (第二十条).
/// </summary>
public readonly record struct IndustryRiskClass
{
    private static readonly string[] ChineseNames = ["一类", "二类", "三类", "四类", "五类", "六类", "七类", "八类"];

    private IndustryRiskClass(int value) => Value = value;

    /// <summary>1 (lowest risk) to 8 (highest); 0 only for <c>default(IndustryRiskClass)</c>.</summary>
    public int Value { get; }

    /// <summary>The Chinese name, e.g. "三类".</summary>
    public string NameZh => Value is >= 1 and <= 8 ? ChineseNames[Value - 1] : string.Empty;

    /// <summary>True for <c>default(IndustryRiskClass)</c>, which <see cref="From"/> never returns.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>All eight classes in order.</summary>
    public static IReadOnlyList<IndustryRiskClass> All { get; } =
        [.. Enumerable.Range(1, 8).Select(v => new IndustryRiskClass(v))];

    public override string ToString() => NameZh;

    /// <summary>The class numbered <paramref name="value"/>, or <see cref="DomainValidationException"/> naming <paramref name="field"/>.</summary>
    public static IndustryRiskClass From(int value, string field = "riskClass") =>
        TryFrom(value, out var riskClass, out var error) ? riskClass : throw new DomainValidationException(field, error);

    /// <summary>The class numbered <paramref name="value"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryFrom(int value, out IndustryRiskClass riskClass, [NotNullWhen(false)] out LocalizedText? error)
    {
        if (value is < 1 or > 8)
        {
            riskClass = default;
            error = new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"行业风险类别应为一类至八类（1–8），现为 {value}。"),
                string.Create(CultureInfo.InvariantCulture, $"Industry risk class must be 1 to 8 (一类 to 八类); got {value}."));
            return false;
        }

        riskClass = new IndustryRiskClass(value);
        error = null;
        return true;
    }
}
