using System.Globalization;
using System.Text;
using System.Text.Json;
using Json.Pointer;
using Json.Schema;

namespace Cases.Workflows.Definitions;

/// <summary>
/// Step (b) of the validator: the document against the embedded JSON schema (workflows/schema/workflow-definition.schema.json),
/// each failure reported once at the JSON path of what to fix, with the schema's own description where it has one.
/// </summary>
internal static class SchemaCheck
{
    private static readonly Lazy<(JsonSchema Schema, JsonElement Document)> LoadedSchema = new(LoadSchema);

    private static (JsonSchema Schema, JsonElement Document) LoadSchema()
    {
        var text = DefinitionValidator.SchemaText();
        using var document = JsonDocument.Parse(text);
        // A private registry: the global one refuses a second schema with the same $id.
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        return (schema, document.RootElement.Clone());
    }

    public static List<DefinitionError> Errors(JsonElement root, string source)
    {
        var (schema, schemaDocument) = LoadedSchema.Value;
        var results = schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = new List<DefinitionError>();
        if (results.IsValid)
        {
            return errors;
        }

        var nodes = new List<EvaluationResults> { results };
        if (results.Details is { } details)
        {
            nodes.AddRange(details);
        }

        var validity = new Dictionary<(string, string), bool>();
        foreach (var node in nodes)
        {
            validity[(node.InstanceLocation.ToString(), node.EvaluationPath.ToString())] = node.IsValid;
        }

        var seen = new HashSet<(string, string)>();
        foreach (var node in nodes)
        {
            if (node.IsValid)
            {
                continue;
            }

            var evaluationPath = node.EvaluationPath.ToString();
            var segments = PointerSegments(evaluationPath);
            // A failed "if" is a condition, not an error; a failed branch of oneOf/anyOf is reported by its container.
            if (segments.Contains("if") || InsideAlternative(segments))
            {
                continue;
            }

            var instanceLocation = node.InstanceLocation.ToString();
            var subschema = SubschemaAt(schemaDocument, segments);

            if (node.Errors is { Count: > 0 } nodeErrors)
            {
                foreach (var (keyword, message) in nodeErrors)
                {
                    var (path, text) = DescribeSchemaError(root, schemaDocument, node, keyword, message, subschema);
                    if (seen.Add((path, text.En)))
                    {
                        errors.Add(new(source, path, DefinitionRules.Schema, text));
                    }
                }

                continue;
            }

            foreach (var alternative in new[] { "oneOf", "anyOf" })
            {
                if (subschema is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty(alternative, out var branches))
                {
                    continue;
                }

                var matched = 0;
                for (var i = 0; i < branches.GetArrayLength(); i++)
                {
                    if (validity.TryGetValue((instanceLocation, $"{evaluationPath}/{alternative}/{i}"), out var valid) && valid)
                    {
                        matched++;
                    }
                }

                var description = s.TryGetProperty("description", out var d) ? d.GetString() : null;
                var count = branches.GetArrayLength();
                var text = alternative == "oneOf"
                    ? new LocalizedText(
                        $"须恰好符合 {count} 种写法中的一种（现符合 {matched} 种）。{description}",
                        $"{description ?? "Exactly one alternative must match."} ({matched} of {count} alternatives match.)")
                    : new LocalizedText(
                        $"须至少符合 {count} 种写法中的一种（现一种也不符合）。{description}",
                        $"{description ?? "At least one alternative must match."} (None of {count} alternatives match.)");
                var path = ToJsonPath(root, instanceLocation);
                if (seen.Add((path, text.En)))
                {
                    errors.Add(new(source, path, DefinitionRules.Schema, text));
                }
            }
        }

        if (errors.Count == 0)
        {
            errors.Add(new(source, "$", DefinitionRules.Schema, new LocalizedText("文档不符合流程定义的格式（schema）。", "The document does not match the workflow definition schema.")));
        }

        return errors;
    }

    private static (string Path, LocalizedText Message) DescribeSchemaError(
        JsonElement root, JsonElement schemaDocument, EvaluationResults node, string keyword, string message, JsonElement? subschema)
    {
        var instanceLocation = node.InstanceLocation.ToString();
        var evaluationPath = node.EvaluationPath.ToString();

        // additionalProperties: false fails on the unknown property itself; report it on the object that holds it.
        if (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal) && keyword.Length == 0)
        {
            var segments = PointerSegments(instanceLocation);
            var property = segments.Count > 0 ? segments[^1] : "";
            var parentPointer = instanceLocation[..instanceLocation.LastIndexOf('/')];
            var allowed = SubschemaAt(schemaDocument, PointerSegments(evaluationPath).SkipLast(1)) is { ValueKind: JsonValueKind.Object } parent
                && parent.TryGetProperty("properties", out var properties)
                ? string.Join(", ", properties.EnumerateObject().Select(p => p.Name))
                : null;
            var text = allowed is null
                ? new LocalizedText($"不认识的属性“{property}”。", $"Unknown property \"{property}\".")
                : new LocalizedText($"不认识的属性“{property}”；此处可用：{allowed}。", $"Unknown property \"{property}\"; allowed here: {allowed}.");
            return (ToJsonPath(root, parentPointer), text);
        }

        var detail = keyword switch
        {
            "pattern" when subschema is { } s && s.TryGetProperty("pattern", out var p) => $" (pattern {p.GetString()})",
            "enum" when subschema is { } s && s.TryGetProperty("enum", out var e) => $" (one of: {string.Join(", ", e.EnumerateArray().Select(v => v.ToString()))})",
            "required" when subschema is { } s && s.TryGetProperty("description", out var r) && !s.TryGetProperty("type", out _) => $" ({r.GetString()})",
            _ => "",
        };
        // The schema library words its message in English; the Chinese says what kind of problem it is, then the same words.
        var kind = keyword switch
        {
            "required" => "缺少必填的属性",
            "type" => "类型不对",
            "minLength" => "不能为空或过短",
            "maxLength" => "过长",
            "pattern" => "格式不对",
            "enum" or "const" => "取值不在允许范围内",
            "minimum" or "exclusiveMinimum" => "数值过小",
            "maximum" or "exclusiveMaximum" => "数值过大",
            "minItems" => "项数过少",
            "maxItems" => "项数过多",
            "minProperties" => "不能为空",
            _ => "不符合流程定义的格式",
        };
        return (ToJsonPath(root, instanceLocation), new LocalizedText($"{kind}：{message}{detail}", $"{message}{detail}"));
    }

    private static bool InsideAlternative(List<string> segments)
    {
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (segments[i] is "oneOf" or "anyOf" or "not" && int.TryParse(segments[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return true;
            }

            if (segments[i] == "not")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The subschema an evaluation path leads to, following local "$ref"s. (The evaluation path is used rather than
    /// the node's SchemaLocation, which JsonSchema.Net 8 reports with extra segments under then/additionalProperties.)
    /// </summary>
    private static JsonElement? SubschemaAt(JsonElement schemaDocument, IEnumerable<string> evaluationPath)
    {
        JsonElement current = schemaDocument;
        foreach (var segment in evaluationPath)
        {
            if (segment == "$ref" && current.ValueKind == JsonValueKind.Object && current.TryGetProperty("$ref", out var reference)
                && reference.GetString() is { } target && target.StartsWith('#')
                && JsonPointer.TryParse(Uri.UnescapeDataString(target[1..]), out var pointer)
                && pointer.Evaluate(schemaDocument) is { } referenced)
            {
                current = referenced;
            }
            else if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static List<string> PointerSegments(string pointer) =>
        pointer.Length == 0
            ? []
            : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    /// <summary>Turns a JSON pointer into a JSON path (<c>/states/x/form/0</c> → <c>$.states.x.form[0]</c>), using the document to tell array indexes from names.</summary>
    internal static string ToJsonPath(JsonElement root, string pointer)
    {
        var path = new StringBuilder("$");
        JsonElement? current = root;
        foreach (var segment in PointerSegments(pointer))
        {
            if (current is { ValueKind: JsonValueKind.Array } array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path.Append(CultureInfo.InvariantCulture, $"[{index}]");
                current = index < array.GetArrayLength() ? array[index] : null;
            }
            else
            {
                path.Append(DefinitionValidator.PathSegment(segment));
                current = current is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(segment, out var child) ? child : null;
            }
        }

        return path.ToString();
    }
}
