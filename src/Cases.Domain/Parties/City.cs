using System.Diagnostics.CodeAnalysis;

namespace Cases.Domain.Parties;

/// <summary>
/// One of Shandong's 16 prefecture-level cities (设区的市), keyed by administrative code; registration is by locality (第五条).
/// </summary>
/// <param name="Code">The 6-digit administrative code, e.g. "370100".</param>
/// <param name="NameZh">The Chinese name shown in the UI, e.g. "济南市".</param>
/// <param name="NameEn">The English name, e.g. "Jinan".</param>
public sealed record City(string Code, string NameZh, string NameEn)
{
    /// <summary>莱芜 (371200) was merged into 济南 in 2019; its old code is no longer a city.</summary>
    public const string FormerLaiwuCode = "371200";

    /// <summary>The 16 cities in code order.</summary>
    public static IReadOnlyList<City> All { get; } =
    [
        new("370100", "济南市", "Jinan"),
        new("370200", "青岛市", "Qingdao"),
        new("370300", "淄博市", "Zibo"),
        new("370400", "枣庄市", "Zaozhuang"),
        new("370500", "东营市", "Dongying"),
        new("370600", "烟台市", "Yantai"),
        new("370700", "潍坊市", "Weifang"),
        new("370800", "济宁市", "Jining"),
        new("370900", "泰安市", "Tai'an"),
        new("371000", "威海市", "Weihai"),
        new("371100", "日照市", "Rizhao"),
        new("371300", "临沂市", "Linyi"),
        new("371400", "德州市", "Dezhou"),
        new("371500", "聊城市", "Liaocheng"),
        new("371600", "滨州市", "Binzhou"),
        new("371700", "菏泽市", "Heze"),
    ];

    /// <summary>济南 (370100), which also took over the former 莱芜 (371200).</summary>
    public static City Jinan => All[0];

    private static readonly Dictionary<string, City> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public override string ToString() => $"{NameZh} {Code}";

    /// <summary>Parses a city code or throws <see cref="DomainValidationException"/> naming <paramref name="field"/>.</summary>
    public static City Parse(string? code, string field = "city") =>
        TryParse(code, out var city, out var error) ? city : throw new DomainValidationException(field, error);

    /// <summary>Parses a city code; on failure <paramref name="error"/> says exactly what is wrong.</summary>
    public static bool TryParse(string? code, [NotNullWhen(true)] out City? city, [NotNullWhen(false)] out LocalizedText? error)
    {
        city = null;
        var text = code?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = new LocalizedText("请选择城市（城市代码必须填写）。", "City code is required.");
            return false;
        }

        if (text.Length != 6 || !text.All(char.IsAsciiDigit))
        {
            error = new LocalizedText($"城市代码应为 6 位数字，现为“{text}”。", $"City code must be 6 digits; got '{text}'.");
            return false;
        }

        if (text == FormerLaiwuCode)
        {
            error = new LocalizedText(
                $"城市代码 {FormerLaiwuCode}（莱芜）已停用：莱芜已于 2019 年并入济南，请使用 {Jinan.Code}。",
                $"City code {FormerLaiwuCode} (莱芜) is no longer a city: it merged into 济南 {Jinan.Code} in 2019; use {Jinan.Code}.");
            return false;
        }

        if (!ByCode.TryGetValue(text, out city))
        {
            error = new LocalizedText($"城市代码 {text} 不是山东省 16 个设区市之一（370100 济南 … 371700 菏泽）。", $"City code {text} is not one of Shandong's 16 cities (370100 济南 … 371700 菏泽).");
            return false;
        }

        error = null;
        return true;
    }
}
