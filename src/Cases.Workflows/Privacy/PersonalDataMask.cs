using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cases.Workflows.Privacy;

/// <summary>A person's number met in data shown to a user: its kind ("idNumber" or "phone"), the whole value, the field holding it.</summary>
public sealed record PersonalDataFound(string Kind, string Value, string Field);

/// <summary>
/// The one masking rule of pages, API and exports (规程 第一百四十一条: personal data only to those whose duty needs it).
/// An identity number keeps its region (6) and last 4 characters (370102********0011); a phone its first 3 and last 4
/// (138****1111). Masked wherever met: any value of a field named …IdNumber or …Phone, any text shaped like an identity
/// number (17 digits and a digit or X) whether or not its check digit is right — a mistyped number is still someone's —
/// and any text shaped like a mainland mobile number.
/// </summary>
public static partial class PersonalDataMask
{
    public const string IdNumberKind = "idNumber";
    public const string PhoneKind = "phone";

    /// <summary>An identity number (or anything typed where one belongs) masked: region and last 4 stay.</summary>
    public static string IdNumber(string s) =>
        s.Length > 10 ? string.Concat(s.AsSpan(0, 6), new string('*', s.Length - 10), s.AsSpan(s.Length - 4)) : new string('*', s.Length);

    /// <summary>A phone number masked: the first 3 and last 4 digits stay, as <see cref="Domain.Parties.Worker.MaskedPhone"/>.</summary>
    public static string Phone(string s) =>
        s.Length >= 8 ? string.Concat(s.AsSpan(0, 3), "****", s.AsSpan(s.Length - 4)) : string.Concat(new string('*', Math.Max(0, s.Length - 4)), s.AsSpan(Math.Max(0, s.Length - 4)));

    /// <summary>A label (a case's party, a task's) as the user may see it: an identity-number or mobile shape masked unless <paramref name="full"/>.</summary>
    public static string Label(string text, bool full) => full ? text : KindOf(text, null) switch
    {
        IdNumberKind => IdNumber(text),
        PhoneKind => Phone(text),
        _ => text,
    };

    /// <summary>
    /// Free text (a purpose someone typed, a path) with every identity-number or mobile shape inside it masked: an
    /// auditor reads these and may not learn a number from them.
    /// </summary>
    public static string Text(string text) =>
        MobileInside().Replace(IdInside().Replace(text, m => IdNumber(m.Value)), m => Phone(m.Value));

    /// <summary>
    /// A copy of <paramref name="node"/> (case or journal data) with every identity number and phone masked unless
    /// <paramref name="full"/>; each one met, masked or not, is added to <paramref name="found"/>.
    /// </summary>
    public static JsonNode? Json(JsonNode? node, bool full, ICollection<PersonalDataFound>? found = null, string? field = null)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o)
                {
                    copy[key] = Json(value, full, found, key);
                }

                return copy;
            case JsonArray a:
                return new JsonArray([.. a.Select(x => Json(x, full, found, field))]);
            case JsonValue v when v.TryGetValue<string>(out var s) && KindOf(s, field) is { } kind:
                found?.Add(new PersonalDataFound(kind, s, field ?? ""));
                return JsonValue.Create(full ? s : kind == IdNumberKind ? IdNumber(s) : Phone(s));
            default:
                return node.DeepClone();
        }
    }

    private static string? KindOf(string s, string? field)
    {
        if (IdShape().IsMatch(s) || (Ends(field, "IdNumber") && s.Length > 10))
        {
            return IdNumberKind;
        }

        return MobileShape().IsMatch(s) || (Ends(field, "Phone") && s.Count(char.IsAsciiDigit) >= 7) ? PhoneKind : null;
    }

    private static bool Ends(string? field, string suffix) => field?.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) == true;

    [GeneratedRegex(@"^\d{17}[\dXx]$")]
    private static partial Regex IdShape();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileShape();

    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?![\dXx])")]
    private static partial Regex IdInside();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex MobileInside();
}
