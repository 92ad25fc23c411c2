using System.Globalization;

namespace Cases.Domain;

/// <summary>
/// Free text as the records keep it (names, reasons, sources, notes): trimmed, bounded, and without control
/// characters, which no form can type and PostgreSQL cannot store (NUL) — each failure names the field.
/// </summary>
public static class TextInput
{
    /// <summary>Required text: trimmed, at most <paramref name="maxLength"/> characters, no control characters.</summary>
    public static string Required(string? value, string field, string label, int maxLength, bool lineBreaks = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainValidationException(field, $"{label} is required.");
        }

        return Checked(trimmed, field, label, maxLength, lineBreaks);
    }

    /// <summary>Optional text: null when blank, otherwise as <see cref="Required"/>.</summary>
    public static string? Optional(string? value, string field, string label, int maxLength, bool lineBreaks = false)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Checked(trimmed, field, label, maxLength, lineBreaks);
    }

    /// <summary>The first control character of the text (line breaks and tabs allowed when <paramref name="lineBreaks"/>), or null.</summary>
    public static char? ControlCharacter(string text, bool lineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (char.IsControl(c) && !(lineBreaks && c is '\n' or '\r' or '\t'))
            {
                return c;
            }
        }

        return null;
    }

    private static string Checked(string text, string field, string label, int maxLength, bool lineBreaks)
    {
        if (text.Length > maxLength)
        {
            throw new DomainValidationException(field, string.Create(CultureInfo.InvariantCulture, $"{label} must be at most {maxLength} characters; got {text.Length}."));
        }

        if (ControlCharacter(text, lineBreaks) is { } c)
        {
            throw new DomainValidationException(field, string.Create(CultureInfo.InvariantCulture, $"{label} contains the control character U+{(int)c:X4}."));
        }

        return text;
    }
}
