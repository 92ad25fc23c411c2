using System.Globalization;

namespace Cases.Domain.Calculations;

/// <summary>Rounding, input checks and parameter look-up shared by the calculators; each failure names its field.</summary>
internal static class CalculationRules
{
    /// <summary>Rounds a statutory amount to the fen (0.01 元), half away from zero; called once per statutory amount.</summary>
    public static decimal ToFen(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static decimal NonNegative(decimal value, string field, LocalizedText label) =>
        value < 0
            ? throw new DomainValidationException(field, new LocalizedText(
                Invariant($"「{label.Zh}」不能为负数（填写的是 {value}）。"),
                Invariant($"{label.En} must not be negative; got {value}.")))
            : value;

    public static decimal Positive(decimal value, string field, LocalizedText label) =>
        value <= 0
            ? throw new DomainValidationException(field, new LocalizedText(
                Invariant($"「{label.Zh}」应大于 0（填写的是 {value}）。"),
                Invariant($"{label.En} must be greater than 0; got {value}.")))
            : value;

    /// <summary>A rate given as a fraction (0.0015 = 0.15%); must lie in [0, 1].</summary>
    public static decimal Fraction(decimal value, string field, LocalizedText label) =>
        value is < 0 or > 1
            ? throw new DomainValidationException(field, new LocalizedText(
                Invariant($"「{label.Zh}」应填写 0 到 1 之间的小数（例如 0.4% 填 0.004）；填写的是 {value}。"),
                Invariant($"{label.En} must be a fraction between 0 and 1 (e.g. 0.004 for 0.4%); got {value}.")))
            : value;

    public static int Year(int year, string field) =>
        year is < 1950 or > 2200
            ? throw new DomainValidationException(field, new LocalizedText(
                Invariant($"年份应在 1950 至 2200 之间（填写的是 {year}）。"),
                Invariant($"Year must be between 1950 and 2200; got {year}.")))
            : year;

    public static string CityCode(string? cityCode, string field) => Parties.City.Parse(cityCode, field).Code;

    /// <summary>
    /// The explicit figure when the request gives one (checked &gt; 0), else the table's figure, else
    /// <see cref="MissingParameterException"/> naming <paramref name="field"/>. Never a guessed figure.
    /// </summary>
    public static (decimal Value, string Source) Resolve(decimal? explicitValue, string field, Func<decimal?> lookup, LocalizedText what)
    {
        if (explicitValue is { } given)
        {
            return (Positive(given, field, what), "request");
        }

        if (lookup() is { } fromTable)
        {
            return fromTable > 0
                ? (fromTable, "parameter table")
                : throw new DomainRuleException(new LocalizedText(
                    Invariant($"参数表中「{what.Zh}」为 {fromTable}，不能用于计算；请系统管理员在「参数」页更正。"),
                    Invariant($"The parameter table holds {fromTable} for {what.En}; an administrator must correct it.")));
        }

        throw new MissingParameterException(
            field,
            new LocalizedText(
                Invariant($"参数表中没有「{what.Zh}」，表单也未填写。请在表单中填写，或请系统管理员在「参数」页录入；系统不会估算。"),
                Invariant($"Parameter '{field}' ({what.En}) is not in the parameter table and the request does not give it; never guessed.")));
    }

    public static string Iso(DateOnly date) => Guard.Iso(date);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
