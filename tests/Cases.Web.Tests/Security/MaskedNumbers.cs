using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cases.Web.Tests.Security;

/// <summary>
/// Where an answer would give back what a mask hides: a masked identity number (its region, stars, its last 4) anywhere
/// in a JSON answer, and anywhere in the same answer a field holding what the hidden digits are — a birth date, sex, age.
/// The 8 stars of 370107********4213 are the birth date beside it.
/// </summary>
public static partial class MaskedNumbers
{
    /// <summary>What makes the JSON <paramref name="body"/> give a masked number back ("370107********4213 beside items[0].birthDate"); null when nothing does or it is no JSON.</summary>
    public static string? Rebuildable(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        var masked = new List<string>();
        var derived = new List<string>();
        Walk(root, "", masked, derived);
        return masked.Count > 0 && derived.Count > 0 ? $"{masked[0]} beside {derived[0]}" : null;
    }

    /// <summary>A field named for what an identity number's hidden digits give: a word beginning "birth", or sex, gender, age.</summary>
    public static bool Derived(string field) =>
        Words().Matches(field).Select(m => m.Value.ToLowerInvariant()).Any(w => w.StartsWith("birth", StringComparison.Ordinal) || w is "sex" or "gender" or "age" or "dob");

    private static void Walk(JsonNode? node, string path, List<string> masked, List<string> derived)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var at = path.Length == 0 ? key : $"{path}.{key}";
                    if (Derived(key) && value is not null)
                    {
                        derived.Add(at);
                    }

                    Walk(value, at, masked, derived);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}[{i}]", masked, derived);
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var text) && MaskedId().Match(text) is { Success: true } m:
                masked.Add(m.Value);
                break;
        }
    }

    [GeneratedRegex(@"(?<!\d)\d{6}\*{4,}\d{3}[\dXx](?![\dXx])")]
    private static partial Regex MaskedId();

    [GeneratedRegex(@"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")]
    private static partial Regex Words();
}
