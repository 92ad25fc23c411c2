namespace Cases.Web.Infrastructure;

/// <summary>Parses route and query values so that a bad one is answered with a 400 that names the field.</summary>
public static class ApiInput
{
    public static DateOnly Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException(field, new LocalizedText($"请填写「{field}」（日期，格式 yyyy-MM-dd）。", $"{field} is required (yyyy-MM-dd)."));
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DomainValidationException(field, new LocalizedText($"「{field}」须为有效日期，格式 yyyy-MM-dd；收到的是「{Trim(value)}」。", $"{field} must be a real date as yyyy-MM-dd; got '{Trim(value)}'."));
    }

    public static int WholeNumber(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException(field, new LocalizedText($"请填写「{field}」。", $"{field} is required."));
        }

        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new DomainValidationException(field, new LocalizedText($"「{field}」须为整数；收到的是「{Trim(value)}」。", $"{field} must be a whole number; got '{Trim(value)}'."));
    }

    /// <summary>An instant as ISO 8601 with its offset (e.g. 2025-10-09T08:30:00+08:00 or …Z), as the API's answers give them.</summary>
    public static DateTimeOffset Instant(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException(field, new LocalizedText($"请填写「{field}」（带时区的时间，如 2025-10-09T08:30:00+08:00）。", $"{field} is required (an ISO 8601 instant with its offset)."));
        }

        return DateTimeOffset.TryParseExact(value.Trim(), ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new DomainValidationException(field, new LocalizedText($"「{field}」须为带时区的时间，如 2025-10-09T08:30:00+08:00；收到的是「{Trim(value)}」。", $"{field} must be an ISO 8601 instant with its offset, e.g. 2025-10-09T08:30:00+08:00; got '{Trim(value)}'."));
    }

    public static bool Flag(string? value, string field) => value?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new DomainValidationException(field, new LocalizedText($"「{field}」须为 true 或 false。", $"{field} must be true or false.")),
    };

    /// <summary>An id as the API's answers give them (a GUID).</summary>
    public static Guid Id(string? value, string field) =>
        Guid.TryParse(value?.Trim(), out var id) ? id
            : throw new DomainValidationException(field, new LocalizedText($"「{field}」须为编号（GUID）；收到的是「{Trim(value ?? "")}」。", $"{field} must be an id (a GUID); got '{Trim(value ?? "")}'."));

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>At most a short prefix of bad input, to echo back to the client.</summary>
    public static string Trim(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
