using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cases.Workflows.Definitions;

/// <summary>
/// What a state of the machine is: a human task, a wait for events or a timer, an automatic decision, a registered
/// action, or an end. In JSON (the workflow files, the schema, stored versions, the API) it is the lowercase word
/// ("task", "wait", "decision", "action", "end"), written and read by <see cref="StateKindJsonConverter"/> only.
/// </summary>
[JsonConverter(typeof(StateKindJsonConverter))]
public enum StateKind
{
    Task,
    Wait,
    Decision,
    Action,
    End,
}

/// <summary>The one place a state kind is spelled as in a definition.</summary>
public static class StateKinds
{
    private static readonly Dictionary<StateKind, string> Names = new()
    {
        [StateKind.Task] = "task",
        [StateKind.Wait] = "wait",
        [StateKind.Decision] = "decision",
        [StateKind.Action] = "action",
        [StateKind.End] = "end",
    };

    private static readonly Dictionary<string, StateKind> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The word a definition uses for the kind (e.g. "task"), also in messages that quote a definition.</summary>
    public static string ToName(this StateKind kind) =>
        Names.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a state kind.");

    /// <summary>The kind a definition's word names; exact and case-sensitive, as the schema's enum is.</summary>
    public static bool TryParse(string? name, out StateKind kind) => ByName.TryGetValue(name ?? "", out kind);
}

/// <summary>Reads and writes <see cref="StateKind"/> as the definition's word; a number or an unknown word is refused.</summary>
public sealed class StateKindJsonConverter : JsonConverter<StateKind>
{
    public override StateKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return StateKinds.TryParse(name, out var kind)
            ? kind
            : throw new JsonException($"A state's kind is one of task, wait, decision, action and end, not {(name is null ? reader.TokenType.ToString() : $"\"{name}\"")}.");
    }

    public override void Write(Utf8JsonWriter writer, StateKind value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToName());
    }
}
