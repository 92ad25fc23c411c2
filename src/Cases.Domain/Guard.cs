using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cases.Domain;

/// <summary>Small argument checks shared by the entities; each failure names the field.</summary>
internal static class Guard
{
    public static string RequiredText(string? value, string field, LocalizedText label, int maxLength) =>
        TextInput.Required(value, field, label, maxLength);

    /// <summary>Required text named by one label, as <see cref="TextInput.Required(string?, string, string, int, bool)"/>.</summary>
    public static string RequiredText(string? value, string field, string label, int maxLength) =>
        TextInput.Required(value, field, label, maxLength);

    public static Guid RequiredId(Guid value, string field, LocalizedText label) =>
        value == Guid.Empty
            ? throw new DomainValidationException(field, Required(label))
            : value;

    public static Guid NewIdOr(Guid? id, string field) =>
        id is null ? Guid.NewGuid() : RequiredId(id.Value, field, new LocalizedText("编号", "Id"));

    /// <summary>The city a record belongs to was not given.</summary>
    public static LocalizedText CityRequired { get; } = new("请选择城市（城市代码必须填写）。", "City code is required.");

    /// <summary>"「label」 must be given", in both languages.</summary>
    public static LocalizedText Required(LocalizedText label) => new($"{label.Zh}必须填写。", $"{label.En} is required.");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The first check of an 18-character national code (credit code, identity number): <paramref name="s"/> trimmed and
    /// upper-cased, or <paramref name="error"/> saying that it is missing or how long it was.
    /// </summary>
    public static bool TryEighteenCharacters(string? s, LocalizedText label, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out LocalizedText? error)
    {
        text = s?.Trim().ToUpperInvariant();
        error = string.IsNullOrEmpty(text) ? Required(label)
            : text.Length != 18 ? new LocalizedText(Invariant($"{label.Zh}应为 18 位，现为 {text.Length} 位。"), Invariant($"{label.En} must be 18 characters; got {text.Length}."))
            : null;
        return error is null;
    }
}
