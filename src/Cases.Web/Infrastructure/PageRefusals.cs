using System.Collections.Concurrent;
using System.Reflection;
using Cases.Workflows.Definitions;
using Cases.Workflows.Publishing;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Cases.Web.Infrastructure;

/// <summary>The kinds of refusal a page can show, as the API answers them.</summary>
[Flags]
public enum Refusals
{
    None = 0,

    /// <summary>400: a value is malformed (a field is named when the refusal names one).</summary>
    Invalid = 1,

    /// <summary>403: the user may not do this (another city, another role, separation of duties).</summary>
    Forbidden = 2,

    /// <summary>404: the record is not there, or not in the user's city.</summary>
    NotFound = 4,

    /// <summary>409: someone else changed it first.</summary>
    Conflict = 8,

    /// <summary>422: a rule of the regulation refuses it (a calendar year without data, a missing parameter).</summary>
    Rule = 16,

    All = Invalid | Forbidden | NotFound | Conflict | Rule,
}

/// <summary>
/// A refused command or query as a page shows it: the status the API would answer, the field it names ("" when none),
/// and the message in the user's language — the funnel's own words (<see cref="ProblemDetailsFunnel.Map"/>), put in
/// the page's sentence for its kind when the page declares one.
/// </summary>
public sealed record PageRefusal(Refusals Kind, int Status, string Field, string Message, IReadOnlyList<string> Lines, Exception Exception)
{
    /// <summary>Which of a field's several failures it is, when the use case says (<see cref="DomainValidationException.Reason"/>).</summary>
    public string? Reason => (Exception as DomainValidationException)?.Reason;

    /// <summary>A conflict's record as it stands now (the task someone else took, the case's current state).</summary>
    public object? Current => (Exception as ConflictException)?.Current;

    /// <summary>The parameter a calculation misses (<see cref="MissingParameterException.Parameter"/>).</summary>
    public string? MissingParameter => (Exception as MissingParameterException)?.Parameter;

    /// <summary>The validator's messages of a refused definition.</summary>
    public IReadOnlyList<DefinitionError> DefinitionErrors => (Exception as DefinitionInvalidException)?.Errors ?? [];
}

/// <summary>
/// Where a page shows what its action's use case refused, declared on the action (or its controller): the page again
/// (<see cref="Page"/>: the controller's method that builds it, <c>Task&lt;IActionResult&gt; (PageRefusal, CancellationToken)</c>),
/// or back to <see cref="RedirectTo"/> with the message shown once. Kinds outside <see cref="Shows"/> go on as before:
/// not found is the plain 404 page, anything else the error handler's.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RefusalShownAttribute : Attribute
{
    /// <summary>The controller's method that answers with the page again (its status already set).</summary>
    public string? Page { get; init; }

    /// <summary>The controller's action to go back to (with the request's route values), the message in <see cref="Forms.PageMessages.Problem"/>.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>
    /// Back to the page the form came from instead (its <c>returnUrl</c>), when that is a local address starting with this
    /// ("/" for any page of the product); otherwise to <see cref="RedirectTo"/>.
    /// </summary>
    public string? ReturnUrlWithin { get; init; }

    /// <summary>The view a forbidden refusal is told in, its model the message (the designer's "not for you" page).</summary>
    public string? ForbiddenView { get; init; }

    public Refusals Shows { get; init; } = Refusals.All;

    /// <summary>The status the page answers with instead of the refusal's (the administrator's forms answer 200, as they always did).</summary>
    public int Status { get; init; }

    /// <summary>The page's sentence for each kind (its zh-CN text, the resource key), {0} the refusal's own words.</summary>
    public string? Invalid { get; init; }

    public string? Forbidden { get; init; }

    public string? NotFound { get; init; }

    public string? Conflict { get; init; }

    public string? Rule { get; init; }

    /// <summary>The page's sentence for every kind that has none of its own.</summary>
    public string? Any { get; init; }

    internal string? Sentence(Refusals kind) => kind switch
    {
        Refusals.Invalid => Invalid,
        Refusals.Forbidden => Forbidden,
        Refusals.NotFound => NotFound,
        Refusals.Conflict => Conflict,
        _ => Rule,
    } ?? Any;
}

/// <summary>
/// The pages' one place where a refusal of the domain becomes what the user sees — the MVC counterpart of the API's
/// <see cref="ProblemDetailsFunnel"/>, whose mapping (status, field, words, a notice's lines in the user's language) it
/// uses: the action's <see cref="RefusalShownAttribute"/> says where. It wraps the action (an action filter sees the
/// controller that builds the page again); faults and a database that is away are left to the error handler.
/// </summary>
public sealed class PageRefusalFilter(IStringLocalizer<SharedResource> localizer) : IAsyncActionFilter
{
    private static readonly ConcurrentDictionary<(Type, string), MethodInfo> Pages = new();

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        var http = context.HttpContext;
        if (executed.Exception is not { } exception || executed.ExceptionHandled || executed.Controller is not Controller controller
            || ProblemDetailsFunnel.Map(exception, http) is not { Status: { } status } problem || KindOf(status) is not { } kind)
        {
            return;
        }

        var action = (ControllerActionDescriptor)context.ActionDescriptor;
        var shown = action.MethodInfo.GetCustomAttribute<RefusalShownAttribute>() ?? action.ControllerTypeInfo.GetCustomAttribute<RefusalShownAttribute>();
        if (shown is null || !shown.Shows.HasFlag(kind))
        {
            if (kind == Refusals.NotFound)
            {
                executed.Result = controller.NotFound();
                executed.ExceptionHandled = true;
            }

            return;
        }

        var refusal = Refusal(kind, status, problem, exception, shown.Sentence(kind));
        if (kind == Refusals.Forbidden && shown.ForbiddenView is { } forbiddenView)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            executed.Result = controller.View(forbiddenView, refusal.Message);
        }
        else if (shown.RedirectTo is { } back)
        {
            controller.TempData[Forms.PageMessages.Problem] = refusal.Message;
            var returnUrl = http.Request.HasFormContentType ? http.Request.Form["returnUrl"].ToString() : http.Request.Query["returnUrl"].ToString();
            executed.Result = shown.ReturnUrlWithin is { } within && controller.Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(within, StringComparison.Ordinal)
                ? controller.Redirect(returnUrl)
                : controller.RedirectToAction(back, context.RouteData.Values.Where(v => v.Key is not ("action" or "controller")).ToDictionary());
        }
        else
        {
            var page = Pages.GetOrAdd((controller.GetType(), shown.Page ?? throw new InvalidOperationException($"{action.DisplayName} shows refusals but names no page to show them on.")), key =>
                key.Item1.GetMethod(key.Item2, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(PageRefusal), typeof(CancellationToken)])
                ?? throw new InvalidOperationException($"{key.Item1.Name} has no method {key.Item2}(PageRefusal, CancellationToken)."));
            http.Response.StatusCode = shown.Status != 0 ? shown.Status : status;
            executed.Result = await (Task<IActionResult>)page.Invoke(controller, [refusal, http.RequestAborted])!;
        }

        executed.ExceptionHandled = true;
    }

    private PageRefusal Refusal(Refusals kind, int status, ProblemDetails problem, Exception exception, string? sentence)
    {
        var field = problem is ValidationProblemDetails { Errors.Count: > 0 } v ? v.Errors.Keys.First() : "";
        var lines = problem is ValidationProblemDetails { Errors.Count: > 0 } named
            ? named.Errors.SelectMany(e => e.Value).Select(Bounded).ToList()
            : [Bounded(OwnWords(exception, problem))];
        var words = string.Join("\n", lines);
        return new PageRefusal(kind, status, field.Length > 100 ? field[..100] : field, sentence is null ? words : localizer[sentence, words], lines, exception);
    }

    // A task someone else took or finished is told as who did what (from the task as the command found it).
    private string OwnWords(Exception exception, ProblemDetails problem) =>
        exception is ConflictException { Current: Workflows.Instances.TaskView task } ? Forms.TaskOutcomes.Current(localizer, task, null) : problem.Detail ?? problem.Title ?? "";

    // A message may quote what was typed: a page (and the one-line message cookie after a redirect) shows at most a few
    // hundred characters of it.
    private static string Bounded(string message) => message.Length > 300 ? message[..300] + "…" : message;

    private static Refusals? KindOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Refusals.Invalid,
        StatusCodes.Status403Forbidden => Refusals.Forbidden,
        StatusCodes.Status404NotFound => Refusals.NotFound,
        StatusCodes.Status409Conflict => Refusals.Conflict,
        StatusCodes.Status422UnprocessableEntity => Refusals.Rule,
        _ => null,
    };
}
