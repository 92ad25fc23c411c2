using Cases.Domain.Calendar;

namespace Cases.Web.Texts;

/// <summary>
/// Dates and amounts as a notice or a sentence says them: 2026年12月7日 (7 December 2026 in English), an instant as its
/// date and time in China, money as ¥48,000.00, a rate as 0.5%. Every notice, journal sentence and list uses these.
/// </summary>
public static class ChinaDate
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>2026年12月7日, or 7 December 2026 when the reader's language is English.</summary>
    public static string Of(DateOnly date) =>
        WorkflowText.English
            ? date.ToString("d MMMM yyyy", Invariant)
            : string.Create(Invariant, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>A date written yyyy-MM-dd (as case data holds it) said as <see cref="Of(DateOnly)"/>; other text as it is.</summary>
    public static string Of(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var date) ? Of(date) : text;

    /// <summary>A month written yyyy-MM said as 2026年8月 (August 2026); other text as it is.</summary>
    public static string Month(string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var date)
            ? WorkflowText.English ? date.ToString("MMMM yyyy", Invariant) : string.Create(Invariant, $"{date.Year}年{date.Month}月")
            : text;

    /// <summary>An instant as its date and time in China: 2026年12月7日 10:32.</summary>
    public static string Of(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaTime.Offset);
        return Of(DateOnly.FromDateTime(local.DateTime)) + " " + local.ToString("HH:mm", Invariant);
    }

    /// <summary>Money in yuan: ¥48,000.00 (a negative amount -¥1,200.00).</summary>
    public static string Money(decimal amount) =>
        (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("#,##0.00", Invariant);

    /// <summary>A rate held as a fraction (0.005) as a percentage: 0.5%.</summary>
    public static string Rate(decimal fraction) => (fraction * 100m).ToString("0.####", Invariant) + "%";
}
