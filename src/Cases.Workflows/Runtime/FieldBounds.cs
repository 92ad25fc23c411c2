using System.Globalization;

namespace Cases.Workflows.Runtime;

/// <summary>
/// The plausibility of the dates and amounts a user gives, as their fields declare it (<see cref="FieldSpec.Bounds"/>):
/// a date that starts or closes a statutory clock is measured against the case (a notice is not received before the
/// rate was adjusted, 第二十二条; a return not before the departure), an amount against another (an advance not above
/// the claim, 第九十三条). A bound whose other value the case does not hold yet is not checked; the definition's
/// validator has made sure the other field exists and has the same type.
/// </summary>
internal static class FieldBounds
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The first bound of <paramref name="name"/> its value breaks, said with both fields by label and both values
    /// (a China date, money in yuan); null when it keeps them all. <paramref name="valueOf"/> reads the case's data
    /// with what is being given merged over it.
    /// </summary>
    public static LocalizedText? Breach(string name, FieldSpec spec, Func<string, JsonNode?> valueOf, IReadOnlyDictionary<string, FieldSpec> declared, DateOnly today, Func<string, FieldSpec?, LocalizedText> named)
    {
        foreach (var bound in spec.Bounds())
        {
            var other = bound.IsToday ? new LocalizedText("今天", "today")
                : bound.Other.Split('.', 2) is [var list, _] && named(list, declared.GetValueOrDefault(list)) is var total ? new LocalizedText(total.Zh + "合计", total.En + " in total")
                : named(bound.Other, declared.GetValueOrDefault(bound.Other));
            var breach = bound.Kind switch
            {
                BoundKind.NotBefore or BoundKind.NotAfter when Date(valueOf(name)) is { } value
                    && (bound.IsToday ? today : Date(valueOf(bound.Other))) is { } limit
                    && (bound.Kind == BoundKind.NotBefore ? value < limit : value > limit)
                    => Sentence(named(name, spec), Said(value), bound.Kind == BoundKind.NotBefore ? ("不能早于", "cannot be before") : ("不能晚于", "cannot be after"), other, Said(limit)),
                BoundKind.NotAbove or BoundKind.NotBelow when Amount(valueOf(name)) is { } value
                    && (ListTotal(bound.Other, valueOf) ?? Amount(valueOf(bound.Other))) is { } limit
                    && (bound.Kind == BoundKind.NotAbove ? value > limit : value < limit)
                    => Sentence(named(name, spec), Money(value), bound.Kind == BoundKind.NotAbove ? ("不能超过", "cannot be more than") : ("不能低于", "cannot be less than"), other, Money(limit)),
                _ => null,
            };
            if (breach is not null)
            {
                return breach;
            }
        }

        return null;
    }

    /// <summary>A date given after today where its field does not say it may be: 「单位收到告知日期」（2026年12月8日）不能晚于今天（2026年12月7日）。</summary>
    public static LocalizedText InTheFuture(LocalizedText where, DateOnly value, DateOnly today) =>
        Sentence(where, Said(value), ("不能晚于", "cannot be after"), new LocalizedText("今天", "today"), Said(today));

    // 「单位收到告知日期」（2026年11月1日）不能早于「费率调整日期」（2026年11月2日）。
    private static LocalizedText Sentence(LocalizedText field, LocalizedText value, (string Zh, string En) relation, LocalizedText other, LocalizedText limit) =>
        new($"{field.Zh}（{value.Zh}）{relation.Zh}{other.Zh}（{limit.Zh}）。", $"{field.En} ({value.En}) {relation.En} {other.En} ({limit.En}).");

    /// <summary>A day as a notice says it: 2026年11月1日 / 1 November 2026.</summary>
    public static LocalizedText Said(DateOnly date) =>
        new(string.Create(Invariant, $"{date.Year}年{date.Month}月{date.Day}日"), date.ToString("d MMMM yyyy", Invariant));

    // Money in yuan, the same in both languages: ¥13,250.40.
    private static LocalizedText Money(decimal amount)
    {
        var text = (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("#,##0.00", Invariant);
        return new(text, text);
    }

    private static DateOnly? Date(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && DateOnly.TryParseExact(s, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>
    /// A bound written "list.member" measures against the total of that member over the list's items: an eligible
    /// cost not above the invoices it rests on (第九十条, "invoices.amount"). Null when the bound names a plain field
    /// or the list is not given yet.
    /// </summary>
    private static decimal? ListTotal(string other, Func<string, JsonNode?> valueOf)
    {
        var parts = other.Split('.', 2);
        return parts.Length == 2 && valueOf(parts[0]) is JsonArray items
            ? items.Sum(i => Amount((i as JsonObject)?[parts[1]]) ?? 0m)
            : null;
    }

    private static decimal? Amount(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue<decimal>(out var n) ? n : null;
}
