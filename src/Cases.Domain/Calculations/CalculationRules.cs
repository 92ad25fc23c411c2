using System.Globalization;

namespace Cases.Domain.Calculations;

/// <summary>Rounding, input checks and parameter look-up shared by the calculators; each failure names its field.</summary>
internal static class CalculationRules
{
    /// <summary>Rounds a statutory amount to the fen (0.01 元), half away from zero; called once per statutory amount.</summary>
    public static decimal ToFen(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static decimal NonNegative(decimal value, string field, string label) =>
        value < 0 ? throw new DomainValidationException(field, Invariant($"{label} must not be negative; got {value}.")) : value;

    public static decimal Positive(decimal value, string field, string label) =>
        value <= 0 ? throw new DomainValidationException(field, Invariant($"{label} must be greater than 0; got {value}.")) : value;

    /// <summary>A rate given as a fraction (0.0015 = 0.15%); must lie in [0, 1].</summary>
    public static decimal Fraction(decimal value, string field, string label) =>
        value is < 0 or > 1
            ? throw new DomainValidationException(field, Invariant($"{label} must be a fraction between 0 and 1 (e.g. 0.004 for 0.4%); got {value}."))
            : value;

    public static int Year(int year, string field) =>
        year is < 1950 or > 2200 ? throw new DomainValidationException(field, Invariant($"Year must be between 1950 and 2200; got {year}.")) : year;

    public static string CityCode(string? cityCode, string field) => Parties.City.Parse(cityCode, field).Code;

    /// <summary>
    /// The explicit figure when the request gives one (checked &gt; 0), else the table's figure, else
    /// <see cref="MissingParameterException"/> naming <paramref name="field"/>. Never a guessed figure.
    /// </summary>
    public static (decimal Value, string Source) Resolve(decimal? explicitValue, string field, Func<decimal?> lookup, string what)
    {
        if (explicitValue is { } given)
        {
            return (Positive(given, field, what), "request");
        }

        if (lookup() is { } fromTable)
        {
            return fromTable > 0
                ? (fromTable, "parameter table")
                : throw new DomainRuleException(Invariant($"The parameter table holds {fromTable} for {what}; an administrator must correct it."));
        }

        throw new MissingParameterException(
            field,
            Invariant($"Parameter '{field}' ({what}) is not in the parameter table and the request does not give it; never guessed."));
    }

    public static string Iso(DateOnly date) => Guard.Iso(date);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
