namespace Cases.Application.Common;

/// <summary>
/// A value a page query refused and went on without (a filter that does not fit): the field, and the use case's own
/// words. The page says so above what it shows instead.
/// </summary>
/// <param name="Field">The field refused, as the use case names it.</param>
/// <param name="Message">Why, in the use case's words.</param>
/// <param name="MissingYear">When the refusal is a calendar year without data: that year.</param>
public sealed record InputRefused(string Field, string Message, int? MissingYear = null);
