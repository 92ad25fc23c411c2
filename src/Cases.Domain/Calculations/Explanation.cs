using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace Cases.Domain.Calculations;

/// <summary>
/// How a calculator reached its figures: the steps in order, each with its formula, inputs, result and article
/// (so an amount can be checked afterwards, 规程 第一百二十条 留痕可溯; every amount cites the article it applies, e.g. 第二十八条).
/// </summary>
/// <param name="Steps">The steps in the order they were applied.</param>
public sealed record Explanation(IReadOnlyList<ExplanationStep> Steps);

/// <summary>
/// One step of a calculation: its name and formula in both languages, the values it used, its result and its basis
/// (e.g. "第二十八条"). Serialized (the API's answer, a page), <see cref="Step"/> and <see cref="Formula"/> are read in
/// the reader's language, chosen when read.
/// </summary>
/// <param name="Name">Short name of the step, e.g. 「逾期天数」 / "Days overdue".</param>
/// <param name="Rule">The formula in words.</param>
/// <param name="Values">The inputs the step used, name → value, in the order they appear in the formula.</param>
/// <param name="Value">The step's result (an amount, a count, a rate or a label); null when the step yields nothing.</param>
/// <param name="Basis">The article applied, e.g. "第二十八条" or "《工伤保险条例》第六十四条".</param>
/// <param name="Kind">What the result is (an amount in 元, a rate, a count), so it is shown as such.</param>
public sealed record ExplanationStep(
    [property: JsonIgnore] LocalizedText Name,
    [property: JsonIgnore] LocalizedText Rule,
    IReadOnlyDictionary<string, object> Values,
    object? Value,
    string Basis,
    StepValueKind Kind = StepValueKind.Amount)
{
    /// <summary>The step's name in the reader's language.</summary>
    [JsonPropertyOrder(-2)]
    public string Step => Name.Current;

    /// <summary>The formula in the reader's language.</summary>
    [JsonPropertyOrder(-1)]
    public string Formula => Rule.Current;
}

/// <summary>What a step's result is: an amount in 元 (two decimals), a rate (a percentage), a count, or a word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepValueKind>))]
public enum StepValueKind
{
    Amount = 0,
    Rate = 1,
    Count = 2,
    Other = 3,
}

/// <summary>Collects the steps of one calculation in order.</summary>
internal sealed class ExplanationBuilder
{
    private readonly List<ExplanationStep> steps = [];

    /// <summary>Records a step and returns its value so a calculation reads as a sequence of recorded steps.</summary>
    public T Add<T>(LocalizedText step, LocalizedText formula, string basis, T value, params (string Name, object Value)[] values) =>
        Add(step, formula, basis, value, KindOf(value), values);

    /// <summary>Records a step whose result is of a <paramref name="kind"/> its type does not tell (a rate, a sum of rates).</summary>
    public T Add<T>(LocalizedText step, LocalizedText formula, string basis, T value, StepValueKind kind, params (string Name, object Value)[] values)
    {
        var map = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, v) in values)
        {
            // Two dependants may share a name: keep both values, the second as "name (2)".
            var key = name;
            for (var n = 2; map.ContainsKey(key); n++)
            {
                key = FormattableString.Invariant($"{name} ({n})");
            }

            map.Add(key, v);
        }

        steps.Add(new ExplanationStep(step, formula, new ReadOnlyDictionary<string, object>(map), value, basis, kind));
        return value;
    }

    public Explanation Build() => new(steps.ToArray());

    // A decimal is an amount unless the step says otherwise; a whole number counts something (days, months).
    private static StepValueKind KindOf(object? value) => value switch
    {
        decimal => StepValueKind.Amount,
        int or long => StepValueKind.Count,
        _ => StepValueKind.Other,
    };
}
