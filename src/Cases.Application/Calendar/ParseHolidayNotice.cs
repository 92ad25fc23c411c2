using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;

namespace Cases.Application.Calendar;

/// <summary>
/// An administrator pastes the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) as published;
/// the product reads its holidays and make-up working days and shows the year beside the calendar held now (for a year
/// without data yet: the provisional one derived from 《全国年节及纪念日放假办法》). Nothing is stored: the result's
/// <see cref="ParsedNotice.File"/> is the year in the shipped file form, which <see cref="PreviewCalendarImport"/> and
/// <see cref="ImportCalendarYear"/> take. Text it cannot read is refused line by line (<see cref="HolidayNoticeException"/>).
/// </summary>
public sealed record ParseHolidayNotice(string? Text) : IQuery<ParsedNotice>;

/// <summary>
/// A parsed notice: its year, title and date, the year as a holiday file (<c>{"year","papers","days"}</c>, the notice's
/// title and date as its paper) and every day either calendar sets apart, side by side.
/// </summary>
public sealed record ParsedNotice(int Year, string Title, DateOnly? IssuedOn, string Source, JsonObject File, IReadOnlyList<NoticeDay> Days)
{
    /// <summary>The days whose meaning the notice changes.</summary>
    public int Changed => Days.Count(d => d.Changed);
}

/// <summary>One day as the calendar counts it now (<c>Current</c>, provisional or official) and as the notice sets it.</summary>
public sealed record NoticeDay(DateOnly Date, DayInfo Current, DayInfo Notice)
{
    public bool Changed => Current.Kind != Notice.Kind || Current.Name != Notice.Name;
}

public sealed class ParseHolidayNoticeHandler(CasesDb db, CalendarStore store) : IQueryHandler<ParseHolidayNotice, ParsedNotice>
{
    /// <summary>The request field the text travels in; a problem with it is named so.</summary>
    public const string TextField = "text";

    // A notice is about 1,000 characters; the bound keeps a wrong paste (a whole web page) from being read line by line.
    private const int MaxLength = 20_000;

    public async ValueTask<ParsedNotice> Handle(ParseHolidayNotice query, CancellationToken cancellationToken)
    {
        var text = query.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainValidationException(TextField, new LocalizedText("请粘贴国务院放假通知的全文。", "Paste the text of the State Council's holiday notice."));
        }

        if (text.Length > MaxLength)
        {
            throw new DomainValidationException(TextField, new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"粘贴的文字有 {text.Length} 个字符，放假通知最多 {MaxLength} 个字符。请只粘贴通知本身。"),
                string.Create(CultureInfo.InvariantCulture, $"The text is {text.Length} characters; a holiday notice is at most {MaxLength}. Paste the notice alone.")));
        }

        var notice = HolidayNoticeParser.Parse(text);
        var calendar = await store.GetAsync(db, cancellationToken);
        var proposed = calendar.WithYear(notice.Year, notice.Entries);
        var days = new List<NoticeDay>();
        for (var date = new DateOnly(notice.Year, 1, 1); date.Year == notice.Year; date = date.AddDays(1))
        {
            // A year before the calendar's first has no meaning for any day yet: the Monday–Friday rule stands for "now".
            var current = calendar.Covers(date) ? calendar.Describe(date) : WorkingDayCalendar.Ordinary(date);
            var after = proposed.Describe(date);
            if (Special(current) || Special(after))
            {
                days.Add(new NoticeDay(date, current, after));
            }
        }

        var source = notice.IssuedOn is { } issued
            ? string.Create(CultureInfo.InvariantCulture, $"{notice.Title}（{issued.Year}年{issued.Month}月{issued.Day}日）")
            : notice.Title;
        var file = new JsonObject
        {
            ["year"] = notice.Year,
            ["papers"] = new JsonArray(JsonValue.Create(source)),
            ["days"] = new JsonArray([.. notice.Entries.Select(e => (JsonNode)new JsonObject
            {
                ["name"] = e.Name,
                ["date"] = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["isOffDay"] = e.Kind == DayKind.Holiday,
            })]),
        };
        return new ParsedNotice(notice.Year, notice.Title, notice.IssuedOn, source, file, days);
    }

    private static bool Special(DayInfo day) => day.Kind is DayKind.Holiday or DayKind.MakeUpWorkday;
}
