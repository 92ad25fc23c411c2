using System.Globalization;

namespace Cases.Domain;

/// <summary>Small argument checks shared by the entities; each failure names the field.</summary>
internal static class Guard
{
    public static string RequiredText(string? value, string field, string label, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainValidationException(field, $"{label} is required.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainValidationException(
                field,
                string.Create(CultureInfo.InvariantCulture, $"{label} must be at most {maxLength} characters; got {trimmed.Length}."));
        }

        return trimmed;
    }

    public static Guid RequiredId(Guid value, string field, string label) =>
        value == Guid.Empty
            ? throw new DomainValidationException(field, $"{label} is required.")
            : value;

    public static Guid NewIdOr(Guid? id, string field) =>
        id is null ? Guid.NewGuid() : RequiredId(id.Value, field, "Id");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
