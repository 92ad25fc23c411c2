using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cases.Domain.Privacy;

/// <summary>A person's number met in data shown to a user: its kind ("idNumber", "phone" or "bankCard"), the whole value, the field holding it.</summary>
public sealed record PersonalDataFound(string Kind, string Value, string Field);

/// <summary>
/// The one masking rule of pages, API, exports and the log (规程 第一百四十条: personal data only to those whose duty
/// needs it). An identity number keeps its region (6) and last 4 characters (370102********0011); a phone its first 3 and
/// last 4 (138****1111); a bank card its first 4 and last 4 (6222***********1234).
/// <para>
/// A whole value is masked when its field is named …IdNumber or …Phone, or when it is shaped like an identity number
/// (17 digits and a digit or X, whether or not its check digit is right: a mistyped number is still someone's) — unless
/// it is a unified social credit code whose birth-date digits are no date (91370100…: an employer's code of digits only
/// has that shape too) — or like a mainland mobile number. Inside free text (a comment, a reason, a note, a file name) it masks every identity number in
/// the GB 11643 layout whose birth-date digits are a real date — which every number with a right check digit has, and a
/// mistyped one mostly keeps —, every mainland mobile number (1[3-9] and 9 digits, also written 138 0000 1111 or with
/// +86), and every bank card number of 16 to 19 digits whose Luhn check holds; full-width digits count as digits.
/// </para>
/// <para>
/// Wherever an identity number is masked, what its hidden digits would give away goes too: a field named for a birth
/// date, sex, gender or age (<see cref="IsDerivedFromIdNumber"/>) is left out, or the masked number is rebuilt from it.
/// </para>
/// </summary>
public static partial class PersonalDataMask
{
    public const string IdNumberKind = "idNumber";
    public const string PhoneKind = "phone";
    public const string BankCardKind = "bankCard";

    /// <summary>Fewer digits than a mobile number's 11 cannot hold any number this masks: such text is returned as it is.</summary>
    private const int FewestDigits = 11;

    /// <summary>An identity number (or anything typed where one belongs) masked: region and last 4 stay.</summary>
    public static string IdNumber(string s) =>
        s.Length > 10 ? string.Concat(s.AsSpan(0, 6), new string('*', s.Length - 10), s.AsSpan(s.Length - 4)) : new string('*', s.Length);

    /// <summary>A phone number masked: the first 3 and last 4 digits stay, as <see cref="Domain.Parties.Worker.MaskedPhone"/>.</summary>
    public static string Phone(string s) =>
        s.Length >= 8 ? string.Concat(s.AsSpan(0, 3), "****", s.AsSpan(s.Length - 4)) : string.Concat(new string('*', Math.Max(0, s.Length - 4)), s.AsSpan(Math.Max(0, s.Length - 4)));

    /// <summary>A bank card number (digits only) masked: the first 4 and last 4 digits stay.</summary>
    public static string BankCard(string s) =>
        s.Length > 8 ? string.Concat(s.AsSpan(0, 4), new string('*', s.Length - 8), s.AsSpan(s.Length - 4)) : new string('*', s.Length);

    /// <summary>A number of the given kind masked as its kind is (anything else as an identity number: region and last 4).</summary>
    public static string Of(string kind, string value) => kind switch
    {
        PhoneKind => Phone(value),
        BankCardKind => BankCard(value),
        _ => IdNumber(value),
    };

    /// <summary>A recorded subject (the personal-data log's kinds: worker, employer, phone, bankCard) masked.</summary>
    public static string Subject(string subjectKind, string key) => subjectKind switch
    {
        PhoneKind => Phone(key),
        BankCardKind => BankCard(key),
        _ => IdNumber(key),
    };

    /// <summary>
    /// A label (a case's party, a task's, a ledger's) as the user may see it: a label that is a number masked as a whole,
    /// and every number inside it masked, unless <paramref name="full"/>.
    /// </summary>
    public static string Label(string text, bool full) => full ? text : KindOf(text, null) switch
    {
        IdNumberKind => IdNumber(text),
        PhoneKind => Phone(text),
        _ => Text(text),
    };

    /// <summary>
    /// Free text (a purpose someone typed, a path, a reason) with every identity number, mobile number and bank card
    /// number inside it masked: for anyone who may not see them, for auditors, and for the log.
    /// </summary>
    public static string Text(string text) => Text(text, full: false, found: null, field: "");

    /// <summary>
    /// Free text as the user may see it: every identity number, mobile number and bank card number inside it masked unless
    /// <paramref name="full"/>; each one met, masked or not, is added to <paramref name="found"/> under <paramref name="field"/>.
    /// </summary>
    public static string Text(string text, bool full, ICollection<PersonalDataFound>? found, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MayHoldNumbers(text))
        {
            return text;
        }

        // Full-width digits (１３８…) are matched as the digits they are; the text keeps its own characters elsewhere.
        var plain = HalfWidth(text);
        var matches = new List<(int Index, int Length, string Kind, string Value)>();
        foreach (Match m in IdInside().Matches(plain))
        {
            var value = Digits(m.Value).ToUpperInvariant();
            if (HasBirthDate(value))
            {
                matches.Add((m.Index, m.Length, IdNumberKind, value));
            }
        }

        foreach (Match m in CardInside().Matches(plain))
        {
            var value = Digits(m.Value);
            // An employer's credit code of digits only (GB 32100, a check character that holds) is an employer's, not a card:
            // one in ten such codes passes Luhn by chance.
            if (value.Length is >= 16 and <= 19 && Luhn(value) && !Overlaps(matches, m.Index, m.Length)
                && !(value.Length == 18 && Domain.Parties.CreditCode.TryParse(value, out _, out _)))
            {
                matches.Add((m.Index, m.Length, BankCardKind, value));
            }
        }

        foreach (Match m in MobileInside().Matches(plain))
        {
            var value = Digits(m.Groups["number"].Value);
            if (!Overlaps(matches, m.Index, m.Length))
            {
                matches.Add((m.Index, m.Length, PhoneKind, value));
            }
        }

        if (matches.Count == 0)
        {
            return text;
        }

        foreach (var (_, _, kind, value) in matches)
        {
            found?.Add(new PersonalDataFound(kind, value, field));
        }

        if (full)
        {
            return text;
        }

        var masked = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (index, length, kind, value) in matches.OrderBy(m => m.Index))
        {
            masked.Append(text, at, index - at);
            // A mobile number written with +86 keeps its prefix; the number itself is masked as every phone is.
            var prefix = kind == PhoneKind ? plain.Substring(index, length).Split('1', 2)[0] : "";
            masked.Append(prefix).Append(Of(kind, value));
            at = index + length;
        }

        return masked.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// A copy of <paramref name="node"/> (case or journal data) with every identity number, phone and bank card number
    /// masked unless <paramref name="full"/>, in whole values and inside text; when an identity number was masked anywhere
    /// in it, every field derived from the hidden digits is left out (<see cref="WithoutDerived"/>). Each number met, masked
    /// or not, is added to <paramref name="found"/>.
    /// </summary>
    public static JsonNode? Json(JsonNode? node, bool full, ICollection<PersonalDataFound>? found = null, string? field = null)
    {
        var met = new List<PersonalDataFound>();
        var copy = Mask(node, full, met, field);
        foreach (var f in met)
        {
            found?.Add(f);
        }

        return !full && met.Any(f => f.Kind == IdNumberKind) ? WithoutDerived(copy) : copy;
    }

    /// <summary>
    /// <paramref name="node"/> without the fields that a masked identity number's hidden digits would give away (birth date,
    /// sex, age: <see cref="IsDerivedFromIdNumber"/>), at every level; for data shown beside a masked number.
    /// </summary>
    public static JsonNode? WithoutDerived(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o)
                {
                    if (!IsDerivedFromIdNumber(key))
                    {
                        copy[key] = WithoutDerived(value);
                    }
                }

                return copy;
            case JsonArray a:
                return new JsonArray([.. a.Select(WithoutDerived)]);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>
    /// A field whose value an identity number's birth-date and sex digits would give away, by its name's words: any word
    /// beginning "birth" (birthDate, dateOfBirth, workerBirthday), or the word sex, gender or age (workerSex, ageAtInjury).
    /// </summary>
    public static bool IsDerivedFromIdNumber(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        foreach (var word in Words().Matches(field).Select(m => m.Value.ToLowerInvariant()))
        {
            if (word.StartsWith("birth", StringComparison.Ordinal) || word is "sex" or "gender" or "age" or "dob")
            {
                return true;
            }
        }

        return false;
    }

    private static JsonNode? Mask(JsonNode? node, bool full, List<PersonalDataFound> found, string? field)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o)
                {
                    copy[key] = Mask(value, full, found, key);
                }

                return copy;
            case JsonArray a:
                return new JsonArray([.. a.Select(x => Mask(x, full, found, field))]);
            case JsonValue v when v.TryGetValue<string>(out var s) && KindOf(s, field) is { } kind:
                found.Add(new PersonalDataFound(kind, s, field ?? ""));
                return JsonValue.Create(full ? s : kind == IdNumberKind ? IdNumber(s) : Phone(s));
            case JsonValue v when v.TryGetValue<string>(out var s):
                var text = Text(s, full, found, field ?? "");
                return ReferenceEquals(text, s) ? node.DeepClone() : JsonValue.Create(text);
            default:
                return node.DeepClone();
        }
    }

    private static string? KindOf(string s, string? field)
    {
        if ((IdShape().IsMatch(s) && (HasBirthDate(s) || !Domain.Parties.CreditCode.TryParse(s, out _, out _))) || (Ends(field, "IdNumber") && s.Length > 10))
        {
            return IdNumberKind;
        }

        return MobileShape().IsMatch(s) || (Ends(field, "Phone") && s.Count(char.IsAsciiDigit) >= 7) ? PhoneKind : null;
    }

    private static bool Ends(string? field, string suffix) => field?.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) == true;

    // Cheap first look (the inbox's labels go through here): a text with fewer than 11 digits holds no number to mask.
    private static bool MayHoldNumbers(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c is >= '０' and <= '９')
            {
                if (++digits >= FewestDigits)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Full-width digits and X as ASCII, one character for one, so that match positions are the text's own.
    private static string HalfWidth(string text)
    {
        if (!text.Any(c => c is >= '０' and <= '９' or 'Ｘ' or 'ｘ'))
        {
            return text;
        }

        return string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                span[i] = t[i] switch
                {
                    >= '０' and <= '９' => (char)('0' + (t[i] - '０')),
                    'Ｘ' or 'ｘ' => 'X',
                    _ => t[i],
                };
            }
        });
    }

    private static string Digits(string s) => string.Concat(s.Where(c => char.IsAsciiDigit(c) || c is 'X' or 'x'));

    // GB 11643: six region digits, then the birth date as yyyyMMdd.
    private static bool HasBirthDate(string id) =>
        DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
        && birth.Year is >= 1900 and <= 2099;

    /// <summary>The Luhn check (ISO/IEC 7812-1 Annex B) over ASCII digits: what tells a bank card number here and in payment accounts.</summary>
    internal static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    private static bool Overlaps(List<(int Index, int Length, string Kind, string Value)> matches, int index, int length) =>
        matches.Any(m => index < m.Index + m.Length && m.Index < index + length);

    [GeneratedRegex(@"^\d{17}[\dXx]$")]
    private static partial Regex IdShape();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileShape();

    // 18 characters in the GB 11643 layout, also written in its groups (370102 19900101 0011).
    [GeneratedRegex(@"(?<![\dXx])\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx](?![\dXx])")]
    private static partial Regex IdInside();

    // 16 to 19 digits in a row, or in groups of four (6222 0212 3456 7890 123).
    [GeneratedRegex(@"(?<!\d[ -]?)\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4,7}(?![ -]?\d)")]
    private static partial Regex CardInside();

    // A mainland mobile number, optionally after +86, 0086 or 86, also written 138 0000 1111 or 138-0000-1111.
    [GeneratedRegex(@"(?<!\d)(?:(?:\+|00)?86[ -]?)?(?<number>1[3-9]\d(?:[ -]?\d{4}){2})(?!\d)")]
    private static partial Regex MobileInside();

    // The words of a field name: camelCase and PascalCase humps, runs of capitals, digits, and parts between _ or -.
    [GeneratedRegex(@"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")]
    private static partial Regex Words();
}
