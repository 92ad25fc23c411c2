namespace Cases.Domain;

/// <summary>
/// A figure a calculation needs (e.g. the provincial average wage of a year) is neither in the request nor in the
/// parameter table; the product never guesses one (maps to HTTP 422 naming the parameter).
/// </summary>
public sealed class MissingParameterException : LocalizedException
{
    /// <param name="parameter">The missing parameter, camelCase as the request names it.</param>
    /// <param name="text">What is missing and for which year or city, in both languages.</param>
    public MissingParameterException(string parameter, LocalizedText text)
        : base(text)
    {
        Parameter = parameter;
    }

    /// <param name="parameter">The missing parameter, camelCase as the request names it.</param>
    /// <param name="message">What is missing and for which year or city, in one language.</param>
    public MissingParameterException(string parameter, string message)
        : base(message)
    {
        Parameter = parameter;
    }

    /// <summary>The missing parameter, camelCase as the request names it.</summary>
    public string Parameter { get; }
}
