using System.Collections.ObjectModel;

namespace Cases.Domain.Calculations;

/// <summary>
/// How a calculator reached its figures: the steps in order, each with its formula, inputs, result and article
/// (so an amount can be checked afterwards, 规程 第一百二十条 留痕可溯; every amount cites the article it applies, e.g. 第二十八条).
/// </summary>
/// <param name="Steps">The steps in the order they were applied.</param>
public sealed record Explanation(IReadOnlyList<ExplanationStep> Steps);

/// <summary>One step of a calculation: the formula in words, the values it used, its result and its basis (e.g. "第二十八条").</summary>
/// <param name="Step">Short name of the step, e.g. "Days overdue".</param>
/// <param name="Formula">The formula in words (English, with the Chinese term where one exists).</param>
/// <param name="Values">The inputs the step used, name → value, in the order they appear in the formula.</param>
/// <param name="Value">The step's result (an amount, a count, a rate or a label); null when the step yields nothing.</param>
/// <param name="Basis">The article applied, e.g. "第二十八条" or "《工伤保险条例》第六十四条".</param>
public sealed record ExplanationStep(
    string Step,
    string Formula,
    IReadOnlyDictionary<string, object> Values,
    object? Value,
    string Basis);

/// <summary>Collects the steps of one calculation in order.</summary>
internal sealed class ExplanationBuilder
{
    private readonly List<ExplanationStep> steps = [];

    /// <summary>Records a step and returns its value so a calculation reads as a sequence of recorded steps.</summary>
    public T Add<T>(string step, string formula, string basis, T value, params (string Name, object Value)[] values)
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

        steps.Add(new ExplanationStep(step, formula, new ReadOnlyDictionary<string, object>(map), value, basis));
        return value;
    }

    public Explanation Build() => new(steps.ToArray());
}
