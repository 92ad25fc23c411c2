using System.Globalization;

namespace Cases.Domain.Calendar;

/// <summary>
/// The year a State Council holiday notice (国务院办公厅关于…部分节假日安排的通知) sets: its holidays and make-up working
/// days, as calendar entries (<see cref="DayKind.Holiday"/> / <see cref="DayKind.MakeUpWorkday"/>) in date order.
/// </summary>
/// <param name="Year">The year named in the notice's title.</param>
/// <param name="Title">The title as found in the text, e.g. "国务院办公厅关于2026年部分节假日安排的通知".</param>
/// <param name="IssuedOn">The date line at the end of the notice ("2025年11月4日"), when the pasted text has it.</param>
/// <param name="Entries">Each holiday and make-up working day, named after the item that lists it.</param>
public sealed record ParsedHolidayNotice(int Year, string Title, DateOnly? IssuedOn, IReadOnlyList<CalendarEntry> Entries);

/// <summary>
/// One problem with a pasted holiday notice: the 1-based line, the line as pasted (shortened), and the reason in
/// Chinese (shown first) and English.
/// </summary>
public sealed record NoticeProblem(int Line, string Excerpt, string Zh, string En)
{
    public NoticeProblem(int line, string excerpt, LocalizedText text)
        : this(line, excerpt, (text ?? throw new ArgumentNullException(nameof(text))).Zh, text.En)
    {
    }

    /// <summary>The problem in both languages.</summary>
    public LocalizedText Text => new(Zh, En);
}

/// <summary>
/// Thrown when a pasted holiday notice cannot be read. Nothing of the year is returned: a calendar built from part
/// of a notice would count statutory deadlines wrongly without anyone noticing.
/// </summary>
public sealed class HolidayNoticeException(IReadOnlyList<NoticeProblem> problems) : LocalizedException(Describe(problems))
{
    /// <summary>Every problem found, in line order.</summary>
    public IReadOnlyList<NoticeProblem> Problems { get; } = [.. problems];

    private static LocalizedText Describe(IReadOnlyList<NoticeProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var zh = problems.Select(p => string.Create(CultureInfo.InvariantCulture, $"第{p.Line}行：{p.Zh}"));
        var en = problems.Select(p => string.Create(CultureInfo.InvariantCulture, $"line {p.Line}: {p.En}"));
        return new(
            string.Create(CultureInfo.InvariantCulture, $"无法识别放假通知（{problems.Count} 处问题）：{string.Join("；", zh)}"),
            string.Create(CultureInfo.InvariantCulture, $"The holiday notice cannot be read ({problems.Count} problem(s)): {string.Join("; ", en)}"));
    }
}
