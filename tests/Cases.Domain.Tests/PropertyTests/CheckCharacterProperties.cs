using Cases.Domain.Parties;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cases.Domain.Tests.PropertyTests;

public sealed class CheckCharacterProperties
{
    private const string IdAlphabet = "0123456789X";
    private const string CreditAlphabet = CreditCode.Charset + "IOSVZ";

    private static readonly DateOnly Earliest = new(1900, 1, 1);

    private static Gen<string> Digits(int count) =>
        Gen.ArrayOf(Gen.Choose(0, 9), count).Select(d => string.Concat(d));

    private static Gen<string> From(string alphabet, int count) =>
        Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), count).Select(c => new string(c));

    /// <summary>Region (6 digits) + a real birth date 1900-01-01 .. 2099-12-31 + sequence (3 digits).</summary>
    private static readonly Gen<string> IdBody =
        from region in Digits(6)
        from days in Gen.Choose(0, 73_048)
        from sequence in Digits(3)
        select region + Earliest.AddDays(days).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + sequence;

    /// <summary>Authority (1–9, A, N, Y) + type + 6-digit region + 9-character identifier.</summary>
    private static readonly Gen<string> CreditBody =
        from authority in From("123456789ANY", 1)
        from type in From(CreditCode.Charset, 1)
        from region in Digits(6)
        from identifier in From(CreditCode.Charset, 9)
        select authority + type + region + identifier;

    private static string WithCharAt(string s, int position, char c) =>
        string.Concat(s.AsSpan(0, position), c.ToString(), s.AsSpan(position + 1));

    [Property(MaxTest = 1000)]
    public Property IdNumber_any_valid_body_with_computed_check_digit_parses() =>
        Prop.ForAll(
            IdBody.ToArbitrary(),
            body => IdNumber.TryParse(body + IdNumber.ComputeCheckDigit(body), out var id, out _)
                && id.Value == body + IdNumber.ComputeCheckDigit(body));

    [Property(MaxTest = 1000)]
    public Property IdNumber_any_single_character_change_fails() =>
        Prop.ForAll(
            (from body in IdBody
             from position in Gen.Choose(0, 17)
             from shift in Gen.Choose(1, IdAlphabet.Length - 1)
             select (Valid: body + IdNumber.ComputeCheckDigit(body), Position: position, Shift: shift)).ToArbitrary(),
            c =>
            {
                var original = c.Valid[c.Position];
                var replacement = IdAlphabet[(IdAlphabet.IndexOf(original, StringComparison.Ordinal) + c.Shift) % IdAlphabet.Length];
                return !IdNumber.TryParse(WithCharAt(c.Valid, c.Position, replacement), out _, out _);
            });

    [Property(MaxTest = 1000)]
    public Property CreditCode_any_valid_body_with_computed_check_character_parses() =>
        Prop.ForAll(
            CreditBody.ToArbitrary(),
            body => CreditCode.TryParse(body + CreditCode.ComputeCheckCharacter(body), out var code, out _)
                && code.Value == body + CreditCode.ComputeCheckCharacter(body));

    [Property(MaxTest = 1000)]
    public Property CreditCode_any_single_character_change_fails() =>
        Prop.ForAll(
            (from body in CreditBody
             from position in Gen.Choose(0, 17)
             from shift in Gen.Choose(1, CreditAlphabet.Length - 1)
             select (Valid: body + CreditCode.ComputeCheckCharacter(body), Position: position, Shift: shift)).ToArbitrary(),
            c =>
            {
                var original = c.Valid[c.Position];
                var replacement = CreditAlphabet[(CreditAlphabet.IndexOf(original, StringComparison.Ordinal) + c.Shift) % CreditAlphabet.Length];
                return !CreditCode.TryParse(WithCharAt(c.Valid, c.Position, replacement), out _, out _);
            });
}
