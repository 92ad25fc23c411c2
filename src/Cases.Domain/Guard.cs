using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cases.Domain;

/// <summary>Small argument checks shared by the entities; each failure names the field.</summary>
internal static class Guard
{
    public static string RequiredText(string? value, string field, string label, int maxLength) =>
        TextInput.Required(value, field, label, maxLength);

    public static Guid RequiredId(Guid value, string field, string label) =>
        value == Guid.Empty
            ? throw new DomainValidationException(field, $"{label} is required.")
            : value;

    public static Guid NewIdOr(Guid? id, string field) =>
        id is null ? Guid.NewGuid() : RequiredId(id.Value, field, "Id");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The first check of an 18-character national code (credit code, identity number): <paramref name="s"/> trimmed and
    /// upper-cased, or <paramref name="error"/> saying that it is missing or how long it was.
    /// </summary>
    public static bool TryEighteenCharacters(string? s, string label, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? error)
    {
        text = s?.Trim().ToUpperInvariant();
        error = string.IsNullOrEmpty(text) ? $"{label} is required."
            : text.Length != 18 ? Invariant($"{label} must be 18 characters; got {text.Length}.")
            : null;
        return error is null;
    }
}
