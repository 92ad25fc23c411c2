using System.Text.Json;
using System.Text.RegularExpressions;
using Cases.Application.Calendar;
using Cases.Domain.Calendar;
using Cases.Domain.Privacy;
using Cases.Workflows.Publishing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
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
        // The exception surfaced outside the localization middleware: answer in the request's culture (its feature),
        // so titles and the failures' messages (read when Message is read) are in the reader's language.
        if (http.Features.Get<IRequestCultureFeature>() is { } requested)
        {
            CultureInfo.CurrentCulture = requested.RequestCulture.Culture;
            CultureInfo.CurrentUICulture = requested.RequestCulture.UICulture;
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

    /// <summary>
    /// The failure as the API answers it, in the current UI culture (the request's): the title from the shared texts
    /// (Chinese the key, English in the resources), the detail the failure's own message, the field's machine name as
    /// the key of <c>errors</c>. Null for a fault of the product (a 500, logged).
    /// </summary>
    internal static ProblemDetails? Map(Exception exception, HttpContext http)
    {
        var L = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return exception switch
        {
            DomainValidationException e => Validation(L, e.Field, e.Message),
            BadHttpRequestException { InnerException: JsonException json } => Json(L, json),
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } e => Unbound(L, e),
            BadHttpRequestException e => Problem(e.StatusCode, L["请求有误"], RequestRefused(L, e)),
            JsonException json => Json(L, json),
            CalendarYearMissingException e => Problem(StatusCodes.Status422UnprocessableEntity, L["该年份没有工作日历数据"], e.Message, "calendar-year-missing", ("year", e.Year)),
            HolidayNoticeException e => NoticeProblems(L, e),
            DefinitionInvalidException e => Problem(StatusCodes.Status400BadRequest, L["流程定义有误"], L["共有 {0} 处错误，流程定义未保存。", e.Errors.Count], "definition-invalid",
                ("errors", e.Errors.Select(x => new { source = x.Source, path = x.Path, rule = x.Rule, message = x.Message }).ToList())),
            MissingParameterException e => Problem(StatusCodes.Status422UnprocessableEntity, L["缺少计算所需的参数"], e.Message, "missing-parameter", ("parameter", e.Parameter)),
            DomainRuleException e => Problem(StatusCodes.Status422UnprocessableEntity, L["不符合规定，未予办理"], e.Message),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, L["无权进行此操作"], e.Message),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, L["未找到"], e.Message),
            ConflictException e => Problem(StatusCodes.Status409Conflict, L["操作冲突"], e.Message, null, ("current", e.Current)),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, L["操作冲突"], L["其他人同时修改了这条记录，您的操作未被执行；请刷新后重试。"]),
            _ when DatabaseFaults.IsAway(exception) && !http.RequestAborted.IsCancellationRequested =>
                Problem(StatusCodes.Status503ServiceUnavailable, L["服务暂时不可用"], L["数据库暂时无法连接，您的操作未被执行。请稍后重试。"]),
            _ => null,
        };
    }

    /// <summary>
    /// A bare status answered as ProblemDetails (401, 403, 404, 405 … from authorization, routing or the status code
    /// pages) carries the framework's English title: it is said in the request's language like every other title.
    /// </summary>
    public static void Localize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Status is not { } status || !FrameworkTitles.TryGetValue(status, out var framework) || problem.Title != framework)
        {
            return;
        }

        var culture = context.HttpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        var L = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var outer = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            problem.Title = status switch
            {
                StatusCodes.Status401Unauthorized => L["请先登录"],
                StatusCodes.Status403Forbidden => L["无权进行此操作"],
                StatusCodes.Status404NotFound => L["未找到"],
                StatusCodes.Status405MethodNotAllowed => L["不支持此请求方法"],
                StatusCodes.Status409Conflict => L["操作冲突"],
                StatusCodes.Status415UnsupportedMediaType => L["请求内容的类型不受支持。"],
                _ => L["请求有误"],
            };
        }
        finally
        {
            CultureInfo.CurrentUICulture = outer;
        }
    }

    // The titles ASP.NET Core gives a bare status (ProblemDetailsDefaults).
    private static readonly Dictionary<int, string> FrameworkTitles = new()
    {
        [StatusCodes.Status400BadRequest] = "Bad Request",
        [StatusCodes.Status401Unauthorized] = "Unauthorized",
        [StatusCodes.Status403Forbidden] = "Forbidden",
        [StatusCodes.Status404NotFound] = "Not Found",
        [StatusCodes.Status405MethodNotAllowed] = "Method Not Allowed",
        [StatusCodes.Status409Conflict] = "Conflict",
        [StatusCodes.Status415UnsupportedMediaType] = "Unsupported Media Type",
    };

    private static ProblemDetails Problem(int status, string title, string? detail, string? type = null, params (string Name, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type is null ? null : ProblemTypes + type };
        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    private const string ProblemTypes = "https://workinjurycases.local/problems/";

    // The notice's problems, each naming its line, in the user's language.
    private static ValidationProblemDetails NoticeProblems(IStringLocalizer L, HolidayNoticeException e)
    {
        var english = LocalizedText.English;
        var messages = e.Problems.Select(p => english
            ? string.Create(CultureInfo.InvariantCulture, $"Line {p.Line}: {p.En} (\"{p.Excerpt}\")")
            : string.Create(CultureInfo.InvariantCulture, $"第{p.Line}行：{p.Zh}（「{p.Excerpt}」）")).ToArray();
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [ParseHolidayNoticeHandler.TextField] = messages })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = L["无法识别放假通知的文字"],
            Detail = messages.Length > 0 ? messages[0] : null,
            Type = ProblemTypes + "holiday-notice",
        };
        problem.Extensions["problems"] = e.Problems.Select(p => new { line = p.Line, excerpt = p.Excerpt, message = english ? p.En : p.Zh }).ToList();
        return problem;
    }

    private static ValidationProblemDetails Validation(IStringLocalizer L, string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = L["请求中有填写不正确的内容"],
            Detail = message,
        };

    // A body the JSON reader refused: the reader is told which field in plain words; the parser's own sentence (English,
    // with line and position) goes to a member of its own for whoever debugs a client.
    private static ValidationProblemDetails Json(IStringLocalizer L, JsonException json)
    {
        var field = FieldOf(json);
        var problem = Validation(L, field, field == "body"
            ? L["请求内容不是有效的 JSON，请检查格式后重新提交。"]
            : L["请求内容中的「{0}」无法读取：请检查它的值和类型（如数字不加引号、日期写作 yyyy-MM-dd、不认识的字段不要发送）。", field]);
        problem.Extensions["parser"] = json.Message;
        return problem;
    }

    // A parameter minimal APIs could not bind ('Required parameter "LoginRequest request" was not provided from body.',
    // 'Failed to bind parameter "int days" from "x".'): the field in plain words, the framework's sentence beside it.
    private static ValidationProblemDetails Unbound(IStringLocalizer L, BadHttpRequestException e)
    {
        var field = FieldOf(e);
        var problem = Validation(L, field, field == "body"
            ? L["缺少请求内容，或请求内容无法读取，请检查后重新提交。"]
            : L["参数「{0}」缺少或无法识别，请检查后重新提交。", field]);
        problem.Extensions["parser"] = e.Message;
        return problem;
    }

    // A refusal of the request as a whole (415, 413 …): the product's own words when it raised it in the reader's
    // language, the framework's (English) otherwise said plainly by status.
    private static string RequestRefused(IStringLocalizer L, BadHttpRequestException e) =>
        LocalizedText.English || e.Message.Any(c => c >= '\u4e00' && c <= '\u9fff')
            ? e.Message
            : e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => L["请求内容超过了允许的大小。"],
                StatusCodes.Status415UnsupportedMediaType => L["请求内容的类型不受支持。"],
                _ => L["请求无法处理，请检查后重新提交。"],
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
