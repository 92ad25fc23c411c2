using System.Text.Json;
using Cases.Application.Calendar;
using Cases.Domain.Calendar;

namespace Cases.Web.Api;

public static class CalendarApi
{
    /// <summary><c>Provisional</c>: the count went through a year whose State Council notice is not loaded yet.</summary>
    public sealed record AddResult(string From, int Days, string Result, bool Provisional);

    /// <summary><c>Provisional</c>: the day's year has no State Council notice yet; it counts as the law alone makes it.</summary>
    public sealed record DayResult(string Date, bool WorkingDay, DayKind Kind, string? Name, bool Provisional);

    public sealed record ChangeDayRequest(DayKind? Kind, string? Name, string? Reason);

    /// <summary>The day as it now counts, and the pending deadlines the change moved (each journaled in its case).</summary>
    public sealed record DayChangeResult(string Date, bool WorkingDay, DayKind Kind, string? Name, IReadOnlyList<MovedDeadline> Moved);

    /// <summary>A year's holiday file in the shipped form (Calendar/Data/cn-YYYY.json) and why it is loaded.</summary>
    public sealed record ImportRequest(string? Reason, JsonElement? File);

    /// <summary>The State Council's holiday notice as published, pasted.</summary>
    public sealed record ParseRequest(string? Text);

    public static void MapCalendarApi(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("Calendar");

        calendar.MapGet("/working-days/add", async (string? from, string? days, IMediator mediator, CancellationToken ct) =>
        {
            var start = ApiInput.Date(from, "from");
            var count = ApiInput.WholeNumber(days, "days");
            var result = await mediator.Send(new AddWorkingDays(start, count), ct);
            return TypedResults.Ok(new AddResult(ApiInput.Format(start), count, ApiInput.Format(result.Date), result.Provisional));
        });

        calendar.MapGet("/days/{date}", async (string date, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(ToResult(await mediator.Send(new DescribeDay(ApiInput.Date(date, "date")), ct))));

        calendar.MapGet("/years", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListCalendarYears(), ct)));

        calendar.MapPut("/days/{date}", async (string date, [FromBody] ChangeDayRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var day = ApiInput.Date(date, "date");
            var result = await mediator.Send(new ChangeCalendarDay(day, KindOf(body), body.Name, body.Reason ?? "", user.Identity!.Name!), ct);
            var d = result.Day;
            return TypedResults.Ok(new DayChangeResult(ApiInput.Format(d.Date), d.WorkingDay, d.Kind, d.Name, result.Moved));
        }).RequireAuthorization(Policies.Admin);

        // The same body as the PUT; nothing changes. The answer lists the deadlines the change would move and the hash
        // of what a confirmation would do (the admin page sends it back, so it applies exactly what was shown).
        calendar.MapPost("/days/{date}/preview", async (string date, [FromBody] ChangeDayRequest body, IMediator mediator, CancellationToken ct) =>
        {
            var day = ApiInput.Date(date, "date");
            return TypedResults.Ok(await mediator.Send(new PreviewCalendarDayChange(day, KindOf(body), body.Name, body.Reason), ct));
        }).RequireAuthorization(Policies.Admin);

        calendar.MapPost("/years", async ([FromBody] ImportRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ImportCalendarYear(FileOf(body), ImportCalendarYearHandler.FileField, body.Reason, user.Identity!.Name!), ct)))
            .RequireAuthorization(Policies.Admin);

        // Reads a pasted notice into the year's file (the "file" of the answer is what POST /years takes); changes nothing.
        calendar.MapPost("/years/parse", async ([FromBody] ParseRequest body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ParseHolidayNotice(body.Text), ct)))
            .RequireAuthorization(Policies.Admin);

        calendar.MapPost("/years/preview", async ([FromBody] ImportRequest body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new PreviewCalendarImport(FileOf(body), ImportCalendarYearHandler.FileField, body.Reason), ct)))
            .RequireAuthorization(Policies.Admin);

        calendar.MapGet("/changes", async (string? year, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListCalendarChanges(year is null ? null : ApiInput.WholeNumber(year, "year")), ct)))
            .RequireAuthorization(Policies.Admin);
    }

    private static DayKind KindOf(ChangeDayRequest body) =>
        body.Kind ?? throw new DomainValidationException("kind", new LocalizedText("请填写日期类型（kind）：holiday（节假日）、makeUpWorkday（调休上班）、workday（工作日）或 weekend（周末）。", "kind is required: holiday, makeUpWorkday, workday or weekend."));

    private static string FileOf(ImportRequest body) => body.File is { ValueKind: JsonValueKind.Object } file
        ? file.GetRawText()
        : throw new DomainValidationException(ImportCalendarYearHandler.FileField, new LocalizedText("请提供该年度的放假安排文件（file），格式为 JSON 对象（{\"year\":…,\"papers\":[…],\"days\":[…]}）。", "file is required: the year's holiday file as a JSON object ({\"year\":…,\"papers\":[…],\"days\":[…]})."));

    private static DayResult ToResult(DayInfo d) => new(ApiInput.Format(d.Date), d.WorkingDay, d.Kind, d.Name, d.Provisional);
}
