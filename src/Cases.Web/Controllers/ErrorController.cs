using Microsoft.AspNetCore.Diagnostics;

namespace Cases.Web.Controllers;

/// <summary>What an error page says: its status, heading and sentence in the user's language, and the page to go back to.</summary>
public sealed record ErrorPage(int Status, string Title, string Message, string? Back);

/// <summary>
/// The pages' own error pages (404, 403, 405, 500 …), re-executed by the pipeline for any path outside /api: inside the
/// site's layout, in the user's language, with a way back to 工作台 and to the page the user came from. The API's paths
/// never come here; they keep answering ProblemDetails (docs/adr/0004).
/// </summary>
[Route("error"), AllowAnonymous, IgnoreAntiforgeryToken, ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController(IStringLocalizer<SharedResource> L) : Controller
{
    [Route("{status:int}")]
    public IActionResult Status()
    {
        // Read from the route, not bound: model binding would read a re-executed POST's form too, and a form that could
        // not be read (a NUL inside it) is why some requests end here.
        var status = int.TryParse(RouteData.Values["status"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 400 and <= 599
            ? code
            : StatusCodes.Status500InternalServerError;
        var (title, message) = status switch
        {
            StatusCodes.Status404NotFound => (L["页面不存在"], L["没有找到这个页面，或它不在您所在的市。请检查地址，或从工作台重新进入。"]),
            StatusCodes.Status403Forbidden => (L["无权访问"], L["您的角色不能打开此页面。如需办理，请联系本市主管。"]),
            StatusCodes.Status405MethodNotAllowed => (L["请从页面上的按钮提交"], L["这个地址只接受页面上的表单提交，不能直接打开或刷新。请回到上一页重新操作。"]),
            StatusCodes.Status400BadRequest => (L["请求无效"], L["提交的内容无法处理。请回到上一页检查后重试。"]),
            >= 500 => (L["系统出错"], L["处理您的请求时出错，已记录。请稍后重试；如果一直出错，请联系系统管理员。"]),
            _ => (L["无法完成请求"], L["无法完成这个请求。请回到上一页重试。"]),
        };
        Response.StatusCode = status;
        return View("Error", new ErrorPage(status, title, message, Back(status)));
    }

    /// <summary>Where "back" goes: the page the request came from (same site only), else none.</summary>
    private string? Back(int status)
    {
        // A POST-only address reached by GET (a refresh after a form's answer): back to the page it belongs to,
        // the address without its last segment ("/admin/users/x/lock" → "/admin/users/x").
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        var referer = Request.Headers.Referer.ToString();
        if (Uri.TryCreate(referer, UriKind.Absolute, out var from) && from.Host == Request.Host.Host && Url.IsLocalUrl(from.PathAndQuery)
            && from.AbsolutePath != original)
        {
            return from.PathAndQuery;
        }

        if (status == StatusCodes.Status405MethodNotAllowed && original is { Length: > 1 } path && path.LastIndexOf('/') is > 0 and var cut)
        {
            return path[..cut];
        }

        return null;
    }
}
