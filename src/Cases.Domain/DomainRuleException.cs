namespace Cases.Domain;

/// <summary>
/// The request is well formed but a rule of the regulation refuses it (maps to HTTP 422).
/// </summary>
/// <param name="message">Which rule refused the request and why, in plain English.</param>
public sealed class DomainRuleException(string message) : Exception(message);
