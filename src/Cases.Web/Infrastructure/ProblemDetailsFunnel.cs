using System.Text.Json;
using System.Text.RegularExpressions;
using Cases.Application.Calendar;
using Cases.Domain.Calendar;
using Cases.Domain.Privacy;
using Cases.Workflows.Publishing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Infrastructure;

/// <summary>
/// The one place where failures become RFC 9457 ProblemDetails: 400 naming the field, 404, 409 with the current
/// state, 422 for a statutory rule or a calendar year with no data, 503 when the database is away. Never a stack trace.
/// </summary>
public sealed partial class ProblemDetailsFunnel(IProblemDetailsService problems, DatabaseOutage outage, IStringLocalizer<SharedResource> localizer, ILogger<ProblemDetailsFunnel> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var http = httpContext;
        // This handler runs outside the localization middleware, whose culture ended with it: a refusal raised in both
        // languages is read here, so it is read in the culture that middleware chose for the request.
        if (http.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture is { } requested)
        {
            System.Globalization.CultureInfo.CurrentCulture = requested.Culture;
            System.Globalization.CultureInfo.CurrentUICulture = requested.UICulture;
        }

        var problem = Map(exception, http);
        if (problem is null)
        {
            // A path may carry a number (/api/workers/{idNumber}): the log gets it masked.
            log.LogError(exception, "Unhandled failure on {Path}", PersonalDataMask.Text(http.Request.Path.Value ?? ""));
            return false;
        }

        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            log.LogWarning("The database is away ({Failure}) on {Path}; answered 503", exception.GetBaseException().Message, PersonalDataMask.Text(http.Request.Path.Value ?? ""));
            outage.Report();
            http.Response.Headers.RetryAfter = "5";
            if (!http.Request.Path.StartsWithSegments("/api"))
            {
                await DatabaseFaults.WritePageAsync(http, localizer);
                return true;
            }
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails? Map(Exception exception, HttpContext http) => exception switch
    {
        DomainValidationException e => Validation(e.Field, e.Message),
        BadHttpRequestException { InnerException: JsonException json } => Validation(FieldOf(json), $"The request body is not valid JSON for this request: {json.Message}"),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } e => Validation(FieldOf(e), e.Message),
        BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "Bad request", Detail = e.Message },
        JsonException json => Validation(FieldOf(json), json.Message),
        CalendarYearMissingException e => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "No calendar data for that year",
            Detail = e.Message,
            Type = "https://workinjurycases.local/problems/calendar-year-missing",
            Extensions = { ["year"] = e.Year },
        },
        HolidayNoticeException e => NoticeProblems(e, http),
        DefinitionInvalidException e => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The definition is invalid",
            Detail = $"{e.Errors.Count} error(s); the definition was not stored.",
            Type = "https://workinjurycases.local/problems/definition-invalid",
            Extensions = { ["errors"] = e.Errors.Select(x => new { source = x.Source, path = x.Path, rule = x.Rule, message = x.Message }).ToList() },
        },
        MissingParameterException e => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "A parameter is missing",
            Detail = e.Message,
            Type = "https://workinjurycases.local/problems/missing-parameter",
            Extensions = { ["parameter"] = e.Parameter },
        },
        DomainRuleException e => new ProblemDetails { Status = StatusCodes.Status422UnprocessableEntity, Title = "Refused by a rule", Detail = e.Message },
        ForbiddenException e => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = e.Message },
        NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = e.Message },
        ConflictException e => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = e.Message, Extensions = { ["current"] = e.Current } },
        DbUpdateConcurrencyException => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = "Someone else changed this at the same time; reload and try again." },
        _ when DatabaseFaults.IsAway(exception) && !http.RequestAborted.IsCancellationRequested => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Database unavailable",
            Detail = "The database cannot be reached right now; nothing was changed. Try again shortly.",
        },
        _ => null,
    };

    // The notice's problems, each naming its line, in the user's language (zh-CN unless the English switch is on).
    private static ValidationProblemDetails NoticeProblems(HolidayNoticeException e, HttpContext http)
    {
        // The request's culture as the localization middleware chose it: this handler runs outside that middleware.
        var culture = http.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture.UICulture;
        var english = culture?.TwoLetterISOLanguageName == "en";
        var messages = e.Problems.Select(p => english
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Line {p.Line}: {p.En} (\"{p.Excerpt}\")")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"第{p.Line}行：{p.Zh}（「{p.Excerpt}」）")).ToArray();
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [ParseHolidayNoticeHandler.TextField] = messages })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = english ? "The notice's text could not be read" : "无法识别放假通知的文字",
            Detail = messages.Length > 0 ? messages[0] : null,
            Type = "https://workinjurycases.local/problems/holiday-notice",
        };
        problem.Extensions["problems"] = e.Problems.Select(p => new { line = p.Line, excerpt = p.Excerpt, message = english ? p.En : p.Zh }).ToList();
        return problem;
    }

    private static ValidationProblemDetails Validation(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields",
            Detail = message,
        };

    // Minimal APIs name the parameter they could not bind: 'Required parameter "LoginRequest request" was not provided
    // from body.' → "body"; 'Failed to bind parameter "int days" from "x".' → "days".
    private static string FieldOf(BadHttpRequestException e) =>
        BoundParameter().Match(e.Message) is { Success: true } m && !e.Message.Contains("from body", StringComparison.Ordinal) ? m.Groups["name"].Value : "body";

    [GeneratedRegex("parameter \"[^\"]* (?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex BoundParameter();

    // "$.data.receivedOn" → "data.receivedOn"; a body that is not JSON at all → "body".
    private static string FieldOf(JsonException json) =>
        string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
}
