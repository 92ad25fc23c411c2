namespace Cases.Domain;

/// <summary>
/// The request is well formed but a rule of the regulation refuses it (maps to HTTP 422): which rule refused it and why.
/// </summary>
public sealed class DomainRuleException : LocalizedException
{
    public DomainRuleException(LocalizedText text)
        : base(text)
    {
    }

    public DomainRuleException(string message)
        : base(message)
    {
    }
}
