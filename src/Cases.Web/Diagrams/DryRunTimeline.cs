using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.DryRun;

namespace Cases.Web.Diagrams;

/// <summary>
/// The dry-run page's timeline: one input a line, typed as an officer would say it —
/// <c>2025-10-09 start {…}</c>, <c>2025-10-20 task notify-employer notified {…}</c>, <c>2025-11-05 event objection {…}</c>,
/// <c>2025-12-31</c> (only time passes); <c>as 张三</c> names who acts; # starts a comment. The API takes the same as JSON.
/// </summary>
public sealed partial class DryRunTimeline
{
    // " as 张三" at the end of a line: the user who acts on that step (a user name, no spaces).
    [GeneratedRegex(@"\s+as\s+(?<user>[^\s{}]+)\s*$")]
    private static partial Regex ActingUser();

    private DryRunTimeline(DryRunStart start, int startLine, IReadOnlyList<DryRunStep> steps, IReadOnlyList<int> stepLines)
    {
        Start = start;
        StartLine = startLine;
        Steps = steps;
        StepLines = stepLines;
    }

    public DryRunStart Start { get; }

    public int StartLine { get; }

    public IReadOnlyList<DryRunStep> Steps { get; }

    /// <summary>The line of each step, to point a refusal at it.</summary>
    public IReadOnlyList<int> StepLines { get; }

    /// <summary>The line a field of the dry run's request refers to ("start.data.x", "steps[2].on"), if any.</summary>
    public int? LineOf(string field)
    {
        if (field.StartsWith("start", StringComparison.Ordinal))
        {
            return StartLine;
        }

        if (field.StartsWith("steps[", StringComparison.Ordinal) && int.TryParse(field.AsSpan(6, field.IndexOf(']', StringComparison.Ordinal) - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < StepLines.Count)
        {
            return StepLines[i];
        }

        return null;
    }

    /// <summary>Reads the timeline; every line that cannot be read is named in <paramref name="errors"/> (and null is returned).</summary>
    public static DryRunTimeline? Parse(string? text, IStringLocalizer l, List<string> errors)
    {
        DryRunStart? start = null;
        var startLine = 0;
        var steps = new List<DryRunStep>();
        var lines = new List<int>();
        var number = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // "… {data} as 张三": who acts is written last, after the data, as the help line shows it.
            string? by = null;
            if (ActingUser().Match(line) is { Success: true } acting)
            {
                by = acting.Groups["user"].Value;
                line = line[..acting.Index].TrimEnd();
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var words = (brace < 0 ? line : line[..brace]).Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries);
            JsonObject? data = null;
            if (brace >= 0)
            {
                try
                {
                    data = JsonNode.Parse(line[brace..]) as JsonObject;
                }
                catch (JsonException e)
                {
                    // The parser's own words are English and name bytes; the officer gets the place in the line.
                    var at = e.BytePositionInLine is { } p ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(line[brace..]), 0, (int)Math.Min(p, Encoding.UTF8.GetByteCount(line[brace..]))).Length + brace + 1 : (int?)null;
                    errors.Add(at is { } column
                        ? l["第 {0} 行：数据不是有效的 JSON 对象（第 {1} 个字符附近有误）。数据写在一对花括号内，如 {{\"字段\": \"值\"}}；办理人写在行尾：as 姓名。", number, column]
                        : l["第 {0} 行：数据不是有效的 JSON 对象。数据写在一对花括号内，如 {{\"字段\": \"值\"}}；办理人写在行尾：as 姓名。", number]);
                    continue;
                }

                if (data is null)
                {
                    errors.Add(l["第 {0} 行：数据不是有效的 JSON 对象。数据写在一对花括号内，如 {{\"字段\": \"值\"}}；办理人写在行尾：as 姓名。", number]);
                    continue;
                }
            }

            if (!DateOnly.TryParseExact(words.ElementAtOrDefault(0), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            {
                errors.Add(l["第 {0} 行：应以日期开头（yyyy-MM-dd）", number]);
                continue;
            }

            if (by is null && words.Length >= 2 && words[^2] == "as")
            {
                by = words[^1];
                words = words[..^2];
            }

            var rest = words[1..];
            var kind = rest.ElementAtOrDefault(0) ?? "advance";
            if (start is null && kind != "start")
            {
                errors.Add(l["第 {0} 行：第一步须为 start（立案日期和立案数据）", number]);
                return null;
            }

            switch (kind)
            {
                case "start" when start is null && rest.Length == 1:
                    start = new DryRunStart(on, data);
                    startLine = number;
                    continue;
                case "task" when rest.Length == 3:
                    steps.Add(new DryRunStep(on, rest[1], rest[2], null, data, by));
                    break;
                case "event" when rest.Length == 2:
                    steps.Add(new DryRunStep(on, null, null, rest[1], data, by));
                    break;
                case "advance" when rest.Length <= 1 && data is null:
                    steps.Add(new DryRunStep(on, null, null, null, null, null));
                    break;
                default:
                    errors.Add(l["第 {0} 行：无法识别。可写：日期 task 环节 结果 {{…}}；日期 event 事项 {{…}}；日期（仅推进时间）", number]);
                    continue;
            }

            lines.Add(number);
        }

        if (start is null && errors.Count == 0)
        {
            errors.Add(l["时间线为空：第一步须为 start（立案日期和立案数据）"]);
        }

        return errors.Count > 0 ? null : new DryRunTimeline(start!, startLine, steps, lines);
    }

    /// <summary>
    /// A timeline to begin with: the case opened on <paramref name="today"/> with a sample value for each start field
    /// (a valid credit code and identity number where the field checks them), then a month of time passing.
    /// </summary>
    public static string Sample(WorkflowDefinition definition, DateOnly today, string help)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var data = new JsonObject();
        foreach (var field in definition.StartWith)
        {
            data[field] = SampleValue(definition, definition.Data[field], today);
        }

        var text = new StringBuilder();
        text.AppendLine("# " + help);
        text.AppendLine(CultureInfo.InvariantCulture, $"{Format(today)} start {data.ToJsonString(Compact)}");
        text.Append(CultureInfo.InvariantCulture, $"{Format(today.AddDays(30))}");
        return text.ToString();
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonNode? SampleValue(WorkflowDefinition definition, FieldSpec spec, DateOnly today) => spec.Type switch
    {
        "date" => Format(today),
        "month" => today.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        "decimal" => spec.Max is { } max ? (spec.Min ?? 0) + ((max - (spec.Min ?? 0)) / 2) : (spec.Min ?? 0) + 1000,
        "integer" => (int)(spec.Min ?? 1),
        "boolean" => true,
        // A place that may not be the case's own city (第三十八条) samples another than the first listed, the sandbox's
        // city (济南, 370100, heads the list of Shandong's cities).
        "enum" when spec.NotCaseCity => spec.Values?.FirstOrDefault(v => v != Cases.Domain.Parties.City.Jinan.Code),
        "enum" => spec.Values?.FirstOrDefault(),
        "checklist" => new JsonArray([.. (definition.Materials?.Keys ?? Enumerable.Empty<string>()).Select(k => (JsonNode?)k)]),
        "object" => new JsonObject((spec.Fields ?? []).Where(f => !f.Value.Optional)
            .Select(f => KeyValuePair.Create(f.Key, SampleValue(definition, f.Value, today)))),
        "list" => new JsonArray(new JsonObject((spec.Fields ?? []).Where(f => !f.Value.Optional)
            .Select(f => KeyValuePair.Create(f.Key, SampleValue(definition, f.Value, today))))),
        _ => spec.Format switch
        {
            "credit-code" => "91370100MA3C4E5F61",
            "id-number" => "370102199003071238",
            _ => "示例",
        },
    };

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
