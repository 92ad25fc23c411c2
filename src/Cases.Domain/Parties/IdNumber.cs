using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cases.Domain.Parties;

/// <summary>
/// Resident identity number (公民身份号码, GB 11643-1999), the "valid identity document" registration needs under 第十一条.
/// </summary>
/// <remarks>
/// Layout: administrative division (6) + birth date yyyyMMdd (8) + sequence (3, odd for men) + check (1).
/// The check character is "10X98765432"[Σ digitᵢ × weightᵢ mod 11].
/// </remarks>
public readonly record struct IdNumber
{
    private static readonly LocalizedText Label = new("公民身份号码", "Resident identity number");
    private const string CheckCharacters = "10X98765432";

    /// <summary>The earliest birth date accepted: 1900-01-01.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private readonly string? _value;

    private IdNumber(string value, DateOnly birthDate)
    {
        _value = value;
        BirthDate = birthDate;
    }

    /// <summary>The 18 characters, with an upper-case 'X' check; empty only for <c>default(IdNumber)</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The birth date encoded in characters 7–14.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>From character 17: odd is male, even is female.</summary>
    public Sex Sex => Value.Length == 18 && (Value[16] - '0') % 2 == 0 ? Sex.Female : Sex.Male;

    /// <summary>For display and logs: first 6 + 8 asterisks + last 4, e.g. 370102********1234.</summary>
    public string Masked => Value.Length == 18 ? string.Concat(Value.AsSpan(0, 6), "********", Value.AsSpan(14, 4)) : string.Empty;

    /// <summary>True for <c>default(IdNumber)</c>, which no parse ever returns.</summary>
    public bool IsEmpty => _value is null;

    public override string ToString() => Value;

    /// <summary>Parses without a clock: the birth date must be real and not before 1900-01-01.</summary>
    public static IdNumber Parse(string? s, string field = "idNumber") =>
        TryParse(s, null, out var id, out var error) ? id : throw new DomainValidationException(field, error);

    /// <summary>Parses and also refuses a birth date after <paramref name="today"/>.</summary>
    public static IdNumber Parse(string? s, DateOnly today, string field = "idNumber") =>
        TryParse(s, today, out var id, out var error) ? id : throw new DomainValidationException(field, error);

    /// <summary>Parses without a clock; on failure <paramref name="error"/> says exactly what is wrong.</summary>
    public static bool TryParse(string? s, out IdNumber id, [NotNullWhen(false)] out LocalizedText? error) => TryParse(s, null, out id, out error);

    /// <summary>
    /// Parses <paramref name="s"/> (trimmed, 'x' upper-cased); when <paramref name="today"/> is given a future birth date fails too.
    /// </summary>
    public static bool TryParse(string? s, DateOnly? today, out IdNumber id, [NotNullWhen(false)] out LocalizedText? error)
    {
        id = default;
        if (!Guard.TryEighteenCharacters(s, Label, out var text, out error))
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                error = new LocalizedText(Guard.Invariant($"{Label.Zh}第 {i + 1} 位“{text[i]}”不正确：前 17 位只能是数字。"), Guard.Invariant($"{Label.En} has '{text[i]}' at position {i + 1}; the first 17 characters must be digits."));
                return false;
            }
        }

        if (!char.IsAsciiDigit(text[17]) && text[17] != 'X')
        {
            error = new LocalizedText($"{Label.Zh}最后一位“{text[17]}”不正确：校验码只能是数字或 X。", $"{Label.En} ends with '{text[17]}'; the check character must be a digit or X.");
            return false;
        }

        var birth = text[6..14];
        if (!DateOnly.TryParseExact(birth, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            error = new LocalizedText($"{Label.Zh}第 7–14 位（{birth}）不是有效的出生日期。", $"{Label.En} characters 7–14 ('{birth}') are not a real birth date.");
            return false;
        }

        if (birthDate < EarliestBirthDate)
        {
            error = new LocalizedText($"{Label.Zh}中的出生日期 {Guard.Iso(birthDate)} 早于 {Guard.Iso(EarliestBirthDate)}。", $"{Label.En} birth date {Guard.Iso(birthDate)} is before {Guard.Iso(EarliestBirthDate)}.");
            return false;
        }

        if (today is { } now && birthDate > now)
        {
            error = new LocalizedText($"{Label.Zh}中的出生日期 {Guard.Iso(birthDate)} 晚于今天（{Guard.Iso(now)}）。", $"{Label.En} birth date {Guard.Iso(birthDate)} is in the future (today is {Guard.Iso(now)}).");
            return false;
        }

        var expected = CheckOf(text.AsSpan(0, 17));
        if (text[17] != expected)
        {
            error = new LocalizedText($"{Label.Zh}校验码应为“{expected}”，现为“{text[17]}”，请核对后重新填写。", $"{Label.En} check character is '{expected}' but '{text[17]}' was given.");
            return false;
        }

        id = new IdNumber(text, birthDate);
        error = null;
        return true;
    }

    /// <summary>The GB 11643 check character ('0'–'9' or 'X') for the first 17 digits; used to generate demo data.</summary>
    /// <exception cref="ArgumentException">The body is not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckDigit(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17 || !first17.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The body must be exactly 17 digits.", nameof(first17));
        }

        return CheckOf(first17);
    }

    private static char CheckOf(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }
}
