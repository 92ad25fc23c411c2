namespace Cases.Domain;

/// <summary>
/// A value given to the domain is malformed or out of range (maps to HTTP 400 with the field name).
/// </summary>
public sealed class DomainValidationException : LocalizedException
{
    /// <param name="field">The offending field, camelCase as the API's JSON names it (e.g. "creditCode").</param>
    /// <param name="text">What exactly is wrong, in both languages.</param>
    public DomainValidationException(string field, LocalizedText text)
        : base(text)
    {
        Field = field;
    }

    /// <param name="field">The offending field, camelCase as the API's JSON names it (e.g. "creditCode").</param>
    /// <param name="message">What exactly is wrong, already in the reader's language.</param>
    public DomainValidationException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The offending field, camelCase as the API's JSON names it.</summary>
    public string Field { get; }

    /// <summary>
    /// Which of a field's several failures this is, when a page words them differently (e.g. an OFD that unpacks past
    /// its bound, <c>"file"</c>); null when the field fails one way only.
    /// </summary>
    public string? Reason { get; init; }
}
