using Cases.Domain.Parties;

namespace Cases.Workflows.Runtime;

/// <summary>
/// Rules a field declares beyond its type: an optional member of an object required when a guard over its siblings
/// holds (<see cref="FieldSpec.RequiredWhen"/>: the province and city of a place outside Shandong), and a city code
/// that may not be the case's own city (<see cref="FieldSpec.NotCaseCity"/>: 第三十八条 转诊转院到本市（设区的市）以外).
/// </summary>
internal static class ObjectRules
{
    /// <summary>Whether an optional member must be given, its <c>requiredWhen</c> guard holding over the object as given.</summary>
    public static bool RequiredHere(FieldSpec member, JsonObject given, IReadOnlyDictionary<string, FieldSpec> siblings) =>
        member.RequiredWhen is { } guard && Guards.Evaluate(guard, CaseData.Parse(given.ToJsonString()), siblings);

    /// <summary>What is wrong with <paramref name="code"/> being the case's city, said after the field's label; null when it is another place or the city is not known.</summary>
    public static LocalizedText? SameCity(string code, string? caseCity)
    {
        if (caseCity is null || !string.Equals(code, caseCity, StringComparison.Ordinal))
        {
            return null;
        }

        var city = City.TryParse(caseCity, out var known, out _) ? known : null;
        var (zh, en) = city is null ? (caseCity, caseCity) : (city.NameZh, city.NameEn);
        return new LocalizedText(
            $"（{zh}）是本案所在的城市；须为本市（设区的市）以外的地方（第三十八条）",
            $"({en}) is the case's own city; it must be a place outside the insured city (第三十八条)");
    }
}
