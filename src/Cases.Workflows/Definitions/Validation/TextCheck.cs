using System.Text.Json;

namespace Cases.Workflows.Definitions;

/// <summary>
/// The text of the document, read as JSON before any model: names and strings the runtime copies into its columns, or
/// into PostgreSQL at all, must fit there.
/// </summary>
internal static class TextCheck
{
    // Text that the runtime copies into columns (a title into a task: 200; a basis, a template, a recipient: 100) or
    // into PostgreSQL at all (no U+0000) is refused on publish, not by the first case that reaches it.
    public static void Errors(JsonElement element, string path, string? property, string? parent, string source, List<DefinitionError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var memberPath = path + DefinitionValidator.PathSegment(member.Name);
                    if (member.Name.Length > DefinitionValidator.MaxNameLength || TextInput.ControlCharacter(member.Name) is not null)
                    {
                        errors.Add(new(source, memberPath, DefinitionRules.Text, new LocalizedText(
                            $"名称最多 {DefinitionValidator.MaxNameLength} 个字符，且不能含控制字符。",
                            $"A name must be at most {DefinitionValidator.MaxNameLength} characters without control characters.")));
                    }

                    Errors(member.Value, memberPath, member.Name, property, source, errors);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Errors(item, $"{path}[{i++}]", property, parent, source, errors);
                }

                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                var limit = (property, parent) switch
                {
                    (_, "title") => 200,
                    ("basis" or "template" or "to", _) => 100,
                    _ => 4000,
                };
                if (text.Length > limit)
                {
                    errors.Add(new(source, path, DefinitionRules.Text, new LocalizedText($"此处最多 {limit} 个字符，现为 {text.Length} 个。", $"At most {limit} characters here; got {text.Length}.")));
                }

                if (TextInput.ControlCharacter(text, lineBreaks: true) is { } c)
                {
                    errors.Add(new(source, path, DefinitionRules.Text, new LocalizedText($"文字中含有控制字符 U+{(int)c:X4}。", $"The text contains the control character U+{(int)c:X4}.")));
                }

                break;
        }
    }
}
