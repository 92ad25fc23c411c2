using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cases.Workflows.Definitions;

/// <summary>
/// Reads a definition's text as <c>{"zh": …, "en": …}</c>, and also as a plain string: versions published before rule
/// and refusal messages spoke both languages stored them as English strings, and a published version never changes, so
/// such a version still opens (its message reads the same in both languages). The schema refuses a plain string in
/// anything new, so files and drafts are always written in both languages.
/// </summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString() ?? "";
            return new LocalizedText(text, text);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A text is an object {\"zh\": …, \"en\": …}.");
        }

        string? zh = null, en = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "zh":
                    zh = reader.GetString();
                    break;
                case "en":
                    en = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new LocalizedText(zh ?? "", en ?? "");
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("zh", value.Zh);
        writer.WriteString("en", value.En);
        writer.WriteEndObject();
    }
}
