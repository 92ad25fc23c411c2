using System.Globalization;

namespace Cases.Domain;

/// <summary>
/// Free text as the records keep it (names, reasons, sources, notes): trimmed, bounded, and without control
/// characters, which no form can type and PostgreSQL cannot store (NUL) — each failure names the field.
/// </summary>
public static class TextInput
{
    /// <summary>
    /// Required text: trimmed, at most <paramref name="maxLength"/> characters, no control characters. The failure names
    /// the field by <paramref name="label"/>, in both languages (e.g. 项目名称 / "Project name").
    /// </summary>
    public static string Required(string? value, string field, LocalizedText label, int maxLength, bool lineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(label);
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainValidationException(field, new LocalizedText($"{label.Zh}必须填写。", $"{label.En} is required."));
        }

        return Checked(trimmed, field, label, maxLength, lineBreaks);
    }

    /// <summary>Required text named by one label (a machine name such as "reason"), quoted 「reason」 in Chinese.</summary>
    public static string Required(string? value, string field, string label, int maxLength, bool lineBreaks = false) =>
        Required(value, field, Named(label), maxLength, lineBreaks);

    /// <summary>Optional text: null when blank, otherwise as <see cref="Required(string?, string, LocalizedText, int, bool)"/>.</summary>
    public static string? Optional(string? value, string field, LocalizedText label, int maxLength, bool lineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(label);
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Checked(trimmed, field, label, maxLength, lineBreaks);
    }

    /// <summary>Optional text named by one label (a machine name such as "note"), quoted 「note」 in Chinese.</summary>
    public static string? Optional(string? value, string field, string label, int maxLength, bool lineBreaks = false) =>
        Optional(value, field, Named(label), maxLength, lineBreaks);

    private static LocalizedText Named(string label) => new($"「{label}」", label);

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

    private static string Checked(string text, string field, LocalizedText label, int maxLength, bool lineBreaks)
    {
        if (text.Length > maxLength)
        {
            throw new DomainValidationException(field, new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"{label.Zh}最多 {maxLength} 个字，现为 {text.Length} 个字。"),
                string.Create(CultureInfo.InvariantCulture, $"{label.En} must be at most {maxLength} characters; got {text.Length}.")));
        }

        if (ControlCharacter(text, lineBreaks) is { } c)
        {
            throw new DomainValidationException(field, new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"{label.Zh}含有不可见的控制字符 U+{(int)c:X4}，请删去后重新填写。"),
                string.Create(CultureInfo.InvariantCulture, $"{label.En} contains the control character U+{(int)c:X4}.")));
        }

        return text;
    }
}
