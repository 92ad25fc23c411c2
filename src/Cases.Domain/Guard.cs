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
}
