using System.Diagnostics.CodeAnalysis;

namespace Cases.Domain.Parties;

/// <summary>
/// Unified social credit code (统一社会信用代码, GB 32100-2015), the employer's registration key under 第七条;
/// it is the one registration item that never changes (第十四条).
/// </summary>
/// <remarks>
/// Layout: registration authority (1) + organisation type (1) + administrative division (6) +
/// organisation identifier (9) + check character (1). The check character is
/// 31 − (Σ valueᵢ × weightᵢ mod 31), with 31 written as '0'.
/// </remarks>
public readonly record struct CreditCode
{
    /// <summary>The 31 characters GB 32100 allows, in value order (no I, O, S, V, Z).</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Registration authorities GB 32100 assigns: 1–9, A (military), N (agriculture), Y (other).</summary>
    private const string RegistrationAuthorities = "123456789ANY";

    private static readonly LocalizedText Label = new("统一社会信用代码", "Unified social credit code");

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private readonly string? _value;

    private CreditCode(string value) => _value = value;

    /// <summary>The 18 upper-case characters; empty only for <c>default(CreditCode)</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True for <c>default(CreditCode)</c>, which no parse ever returns.</summary>
    public bool IsEmpty => _value is null;

    public override string ToString() => Value;

    /// <summary>Parses <paramref name="s"/> (trimmed, upper-cased) or throws <see cref="DomainValidationException"/> naming <paramref name="field"/>.</summary>
    public static CreditCode Parse(string? s, string field = "creditCode") =>
        TryParse(s, out var code, out var error) ? code : throw new DomainValidationException(field, error);

    /// <summary>Parses <paramref name="s"/> (trimmed, upper-cased); on failure <paramref name="error"/> says exactly what is wrong.</summary>
    public static bool TryParse(string? s, out CreditCode code, [NotNullWhen(false)] out LocalizedText? error)
    {
        code = default;
        if (!Guard.TryEighteenCharacters(s, Label, out var text, out error))
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!Charset.Contains(text[i], StringComparison.Ordinal))
            {
                error = new LocalizedText(
                    Guard.Invariant($"{Label.Zh}第 {i + 1} 位“{text[i]}”不正确：只能是数字或除 I、O、S、V、Z 以外的大写字母 A–Y。"),
                    Guard.Invariant($"{Label.En} has '{text[i]}' at position {i + 1}; only digits and the letters A–Y except I, O, S, V and Z are allowed."));
                return false;
            }
        }

        if (!RegistrationAuthorities.Contains(text[0], StringComparison.Ordinal))
        {
            error = new LocalizedText(
                $"{Label.Zh}第 1 位“{text[0]}”不是登记管理部门代码（1–9、A、N 或 Y）。",
                $"{Label.En} starts with '{text[0]}', which is not a registration authority code (1–9, A, N or Y).");
            return false;
        }

        var region = text[2..8];
        if (!region.All(char.IsAsciiDigit))
        {
            error = new LocalizedText($"{Label.Zh}第 3–8 位应为 6 位行政区划代码，现为“{region}”。", $"{Label.En} characters 3–8 must be the 6-digit administrative division code; got '{region}'.");
            return false;
        }

        var expected = CheckCharacterOf(text.AsSpan(0, 17));
        if (text[17] != expected)
        {
            error = new LocalizedText($"{Label.Zh}校验码应为“{expected}”，现为“{text[17]}”，请核对后重新填写。", $"{Label.En} check character is '{expected}' but '{text[17]}' was given.");
            return false;
        }

        code = new CreditCode(text);
        error = null;
        return true;
    }

    /// <summary>
    /// The GB 32100 check character for the first 17 characters (case-insensitive); used to generate demo data.
    /// </summary>
    /// <exception cref="ArgumentException">The body is not 17 characters of <see cref="Charset"/>.</exception>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var body = first17.ToUpperInvariant();
        if (body.Length != 17 || !body.All(c => Charset.Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                "The body must be 17 characters of the GB 32100 charset (digits and A–Y except I, O, S, V, Z).",
                nameof(first17));
        }

        return CheckCharacterOf(body);
    }

    private static char CheckCharacterOf(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Charset.IndexOf(body[i], StringComparison.Ordinal) * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Charset[check == 31 ? 0 : check];
    }
}
