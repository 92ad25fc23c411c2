using System.Security.Claims;
using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Web.Infrastructure;
using Cases.Workflows.Calendar;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Cases.Web.Api;

public static class CalendarApi
{
    public sealed record AddResult(string From, int Days, string Result);

    public sealed record DayResult(string Date, bool WorkingDay, DayKind Kind, string? Name);

    public sealed record ChangeDayRequest(DayKind? Kind, string? Name, string? Reason);

    public static void MapCalendarApi(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("Calendar");

        calendar.MapGet("/working-days/add", async (string? from, string? days, IMediator mediator, CancellationToken ct) =>
        {
            var start = ApiInput.Date(from, "from");
            var count = ApiInput.WholeNumber(days, "days");
            var result = await mediator.Send(new AddWorkingDays(start, count), ct);
            return TypedResults.Ok(new AddResult(ApiInput.Format(start), count, ApiInput.Format(result)));
        });

        calendar.MapGet("/days/{date}", async (string date, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(ToResult(await mediator.Send(new DescribeDay(ApiInput.Date(date, "date")), ct))));

        calendar.MapGet("/years", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListCalendarYears(), ct)));

        calendar.MapPut("/days/{date}", async (string date, [FromBody] ChangeDayRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var day = ApiInput.Date(date, "date");
            var kind = body.Kind ?? throw new DomainValidationException("kind", "kind is required: holiday, makeUpWorkday, workday or weekend.");
            var result = await mediator.Send(new ChangeCalendarDay(day, kind, body.Name, body.Reason ?? "", user.Identity!.Name!), ct);
            return TypedResults.Ok(ToResult(result));
        }).RequireAuthorization(Policies.Admin);

        calendar.MapGet("/changes", async (string? year, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListCalendarChanges(year is null ? null : ApiInput.WholeNumber(year, "year")), ct)))
            .RequireAuthorization(Policies.Admin);
    }

    private static DayResult ToResult(DayInfo d) => new(ApiInput.Format(d.Date), d.WorkingDay, d.Kind, d.Name);
}
