using Cases.Application.Common;
using Cases.Web.Forms;
using Cases.Application.Records;
using Cases.Application.Calendar;
using Cases.Domain.Calendar;

namespace Cases.Web.Controllers;

/// <summary>One day of a month grid: how it counts and, for days of the next or last month that fill the first and last weeks, nothing.</summary>
public sealed record CalendarCell(DateOnly Date, DayKind Kind, string? Name, bool InMonth);

/// <summary>What the administrator typed into the day form or the import form, shown again with the problems found.</summary>
public sealed record CalendarForm(string? Date, string? Kind, string? Name, string? Reason)
{
    /// <summary>The form's "back to its ordinary meaning": a weekday works, a weekend day rests.</summary>
    public const string Normal = "normal";

    public static readonly CalendarForm Empty = new(null, null, null, null);
}

public sealed class CalendarYearPage
{
    public required int Year { get; init; }

    public required IReadOnlyList<CalendarYearView> Years { get; init; }

    /// <summary>Twelve months of weeks (Monday first); empty when the year has no calendar data.</summary>
    public IReadOnlyList<IReadOnlyList<CalendarCell[]>> Months { get; init; } = [];

    public bool Loaded => Months.Count > 0;

    /// <summary>The year has no State Council notice yet: its days are derived from 《全国年节及纪念日放假办法》 and cannot be edited one by one.</summary>
    public bool Provisional { get; init; }

    /// <summary>The notice text as pasted, shown again with the lines it could not read.</summary>
    public string? NoticeText { get; init; }

    public string? NoticeReason { get; init; }

    /// <summary>What could not be read in the pasted notice, line by line.</summary>
    public IReadOnlyList<string> NoticeErrors { get; init; } = [];

    /// <summary>The day chosen for marking, as it counts now.</summary>
    public DayInfo? Selected { get; init; }

    public CalendarForm Form { get; init; } = CalendarForm.Empty;

    public string? ImportReason { get; init; }

    public IReadOnlyList<(string Field, string Message)> Errors { get; init; } = [];

    public IReadOnlyList<CalendarChange> Changes { get; init; } = [];

    /// <summary>Display names of who changed the days.</summary>
    public NameBook Names { get; init; } = NameBook.Empty;
}

/// <summary>A previewed change (a day, or an imported year) with the deadlines it would move, and the form that confirms it.</summary>
public sealed class CalendarPreviewPage
{
    public required int Year { get; init; }

    public CalendarDayPreview? Day { get; init; }

    public CalendarImportPreview? Import { get; init; }

    /// <summary>The pasted notice, read: shown beside the calendar held now before its import is previewed.</summary>
    public ParsedNotice? Notice { get; init; }

    public required CalendarForm Form { get; init; }

    /// <summary>The imported file's text, carried by the confirmation.</summary>
    public string? Content { get; init; }

    public IReadOnlyList<MovedDeadline> Moved => Day?.Moved ?? Import?.Moved ?? [];

    public string Confirmation => Day?.Confirmation ?? Import!.Confirmation;
}

/// <summary>
/// The working-day calendar, which every deadline counted in working days reads, as a year view for administrators: twelve month grids, a day marked as a
/// holiday, a make-up working day or back to normal with a reason, a year imported from its holiday file. Every
/// change is previewed first with the pending deadlines it moves, and confirmed as previewed.
/// </summary>
[Route("admin/calendar"), Authorize(Policy = Policies.Admin)]
public sealed class AdminCalendarController(IMediator mediator, TimeProvider clock, IStringLocalizer<SharedResource> L) : Controller
{
    /// <summary>What a refused preview shows the year page again with: the year, the day chosen, what was typed.</summary>
    private int _year;
    private DateOnly? _day;
    private CalendarForm _form = CalendarForm.Empty;
    private string? _reason;
    private string? _noticeText;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? year, string? date, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var chosen = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        var y = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 2000 and <= 2100 ? n : chosen?.Year ?? today.Year;
        return View("Index", await YearPageAsync(y, chosen?.Year == y ? chosen : null, CalendarForm.Empty, null, [], ct));
    }

    [HttpPost("preview"), RefusalShown(Page = nameof(DayRefused), Status = StatusCodes.Status200OK)]
    public async Task<IActionResult> Preview(string? date, string? kind, string? name, string? reason, CancellationToken ct)
    {
        var form = _form = new CalendarForm(date, kind, name, reason);
        _day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        _year = _day?.Year ?? ChinaTime.DateOf(clock.GetUtcNow()).Year;
        var (when, what) = Parse(date, kind);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException("reason", L["请填写修改原因（例如发布调整的通知）。"]);
        }

        var preview = await mediator.Send(new PreviewCalendarDayChange(when, what, name, reason), ct);
        return View("Preview", new CalendarPreviewPage { Year = when.Year, Day = preview, Form = form });
    }

    [HttpPost("days"), RefusalShown(RedirectTo = nameof(Index), Any = "未修改日历：{0}")]
    public async Task<IActionResult> Change(string? date, string? kind, string? name, string? reason, string? confirm, CancellationToken ct)
    {
        var (when, what) = Parse(date, kind);
        var done = await mediator.Send(new ChangeCalendarDay(when, what, name, reason ?? "", User.Identity!.Name!, confirm ?? ""), ct);
        TempData[PageMessages.Notice] = L["已将 {0} 改为「{1}」；{2} 个待办期限已重新计算，并记入各案件日志。", ApiInput.Format(when), CalendarText.Kind(done.Day.Kind, L), done.Moved.Count].Value;
        return RedirectToAction(nameof(Index), new { year = when.Year.ToString(CultureInfo.InvariantCulture), date = ApiInput.Format(when) });
    }

    [HttpPost("import/preview"), RefusalShown(Page = nameof(ImportRefused), Status = StatusCodes.Status200OK)]
    public async Task<IActionResult> ImportPreview(IFormFile? file, string? content, string? reason, CancellationToken ct)
    {
        (_year, _reason) = (ChinaTime.DateOf(clock.GetUtcNow()).Year, reason);
        var json = await ReadAsync(file, content, ct);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException("reason", L["请填写导入原因（例如国务院办公厅的放假通知）。"]);
        }

        var preview = await mediator.Send(new PreviewCalendarImport(json, file?.FileName ?? ImportCalendarYearHandler.FileField, reason), ct);
        return View("Preview", new CalendarPreviewPage { Year = preview.Year, Import = preview, Form = new CalendarForm(null, null, null, reason), Content = json });
    }

    [HttpPost("import"), RefusalShown(RedirectTo = nameof(Index), Any = "未导入：{0}")]
    public async Task<IActionResult> Import(string? content, string? reason, string? confirm, CancellationToken ct)
    {
        var done = await mediator.Send(new ImportCalendarYear(content ?? "", ImportCalendarYearHandler.FileField, reason, User.Identity!.Name!, confirm ?? ""), ct);
        TempData[PageMessages.Notice] = L["已导入 {0} 年日历（{1} 天有变化）；{2} 个待办期限已重新计算，并记入各案件日志。", done.Year, done.Changes.Count, done.Moved.Count].Value;
        return RedirectToAction(nameof(Index), new { year = done.Year.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// The pasted State Council notice, read and shown beside the calendar held now (for a year without data: the
    /// provisional one), with the pending deadlines its import would move; confirming imports it as the year's official data.
    /// A notice that cannot be read is shown again with what was not understood, line by line.
    /// </summary>
    [HttpPost("notice/preview"), RefusalShown(Page = nameof(NoticeRefused), Status = StatusCodes.Status200OK)]
    public async Task<IActionResult> NoticePreview(string? text, string? reason, CancellationToken ct)
    {
        (_year, _noticeText, _reason) = (ChinaTime.DateOf(clock.GetUtcNow()).Year, text, reason);
        var notice = await mediator.Send(new ParseHolidayNotice(text), ct);
        var why = string.IsNullOrWhiteSpace(reason) ? L["导入国务院放假通知：{0}", notice.Source].Value : reason;
        var json = notice.File.ToJsonString();
        var preview = await mediator.Send(new PreviewCalendarImport(json, ImportCalendarYearHandler.FileField, why), ct);
        return View("Preview", new CalendarPreviewPage { Year = preview.Year, Import = preview, Notice = notice, Form = new CalendarForm(null, null, null, why), Content = json });
    }

    private async Task<IActionResult> DayRefused(PageRefusal refusal, CancellationToken ct) =>
        View("Index", await YearPageAsync(_year, _day, _form, null, [(refusal.Field, refusal.Message)], ct));

    private async Task<IActionResult> ImportRefused(PageRefusal refusal, CancellationToken ct) =>
        View("Index", await YearPageAsync(_year, null, CalendarForm.Empty, _reason, [(refusal.Field, refusal.Message)], ct));

    private async Task<IActionResult> NoticeRefused(PageRefusal refusal, CancellationToken ct) =>
        View("Index", await YearPageAsync(_year, null, CalendarForm.Empty, null, [], ct, _noticeText, _reason, refusal.Lines));

    private static (DateOnly Date, DayKind Kind) Parse(string? date, string? kind)
    {
        var day = ApiInput.Date(date, "date");
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return (day, kind switch
        {
            "holiday" => DayKind.Holiday,
            "makeUpWorkday" => DayKind.MakeUpWorkday,
            CalendarForm.Normal => weekend ? DayKind.Weekend : DayKind.Workday,
            _ => throw new DomainValidationException("kind", "Choose holiday, make-up working day or back to normal."),
        });
    }

    private static async Task<string> ReadAsync(IFormFile? file, string? content, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            // A year's file is a few kilobytes; the request limit bounds it anyway.
            using var reader = new StreamReader(file.OpenReadStream());
            return await reader.ReadToEndAsync(ct);
        }

        return content ?? "";
    }

    private async Task<CalendarYearPage> YearPageAsync(
        int year, DateOnly? selected, CalendarForm form, string? importReason, IReadOnlyList<(string, string)> errors, CancellationToken ct,
        string? noticeText = null, string? noticeReason = null, IReadOnlyList<string>? noticeErrors = null)
    {
        var days = await mediator.Send(new GetCalendarYear(year), ct);
        var years = await mediator.Send(new ListCalendarYears(), ct);
        var loaded = days.Days.Count > 0;
        var byDate = days.Days.ToDictionary(d => d.Date);
        IReadOnlyList<CalendarChange> changes = loaded ? await mediator.Send(new ListCalendarChanges(year), ct) : [];
        return new CalendarYearPage
        {
            Year = year,
            Years = years,
            Months = loaded ? Enumerable.Range(1, 12).Select(m => Month(byDate, year, m)).ToList() : [],
            Provisional = days.Provisional,
            Selected = loaded && selected is { } s ? byDate.GetValueOrDefault(s) : null,
            Form = form,
            ImportReason = importReason,
            Errors = errors,
            Changes = changes,
            Names = await mediator.Send(new ResolveNames([.. changes.Select(c => c.ChangedBy)], [], User.ToActor()), ct),
            NoticeText = noticeText,
            NoticeReason = noticeReason,
            NoticeErrors = noticeErrors ?? [],
        };
    }

    /// <summary>A month as weeks from Monday to Sunday; the days of the neighbouring months that fill them are blanks.</summary>
    private static List<CalendarCell[]> Month(Dictionary<DateOnly, DayInfo> days, int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var start = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        var weeks = new List<CalendarCell[]>();
        for (var monday = start; monday.Year < year || (monday.Year == year && monday.Month <= month); monday = monday.AddDays(7))
        {
            weeks.Add(Enumerable.Range(0, 7).Select(i =>
            {
                var day = monday.AddDays(i);
                if (day.Month != month || day.Year != year)
                {
                    return new CalendarCell(day, DayKind.Workday, null, false);
                }

                var info = days[day];
                return new CalendarCell(day, info.Kind, info.Name, true);
            }).ToArray());
        }

        return weeks;
    }
}
