using Microsoft.Net.Http.Headers;

namespace Cases.Web.Infrastructure;

/// <summary>
/// The API's defence against cross-site requests, which does not rest on SameSite cookies alone. An unsafe method (POST,
/// PUT, PATCH, DELETE under /api — sign-in too, so that nobody can be signed in as someone else by another site) must be a
/// request another site's page cannot send without the browser asking the app first, which it never allows (no CORS):
/// <list type="bullet">
/// <item>a body of a type no form can send — JSON, or an uploaded file's own type; or</item>
/// <item>the header <c>X-Requested-With</c>, which no cross-site page can add: what a command without a body (claim,
/// release, lock, run-due …) or a client that sends none of those types must carry.</item>
/// </list>
/// Without either (no body, a form, plain text) the request is a 400 naming the header. An <c>Origin</c> header, when
/// there is one, must be the app's own (scheme, host and port of the request, or one of <c>Security:AllowedOrigins</c>
/// for an app reached by another name through a proxy that rewrites the host): another is a 403. Reading (GET, HEAD) is
/// never refused here. The pages' forms carry antiforgery tokens instead.
/// </summary>
public static class ApiForgeryGuard
{
    public const string Header = "X-Requested-With";

    // The types an HTML form, or a fetch without the browser asking first, can send (the CORS-safelisted ones).
    private static readonly string[] CrossSiteTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    public static WebApplication UseApiForgeryGuard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var allowed = (app.Configuration.GetSection("Security:AllowedOrigins").Get<string[]>() ?? []).Select(o => OriginOf(o)
            ?? throw new InvalidOperationException($"Security:AllowedOrigins: '{o}' is not an origin (scheme://host[:port]).")).ToList();
        app.Use((http, next) =>
        {
            var request = http.Request;
            if (!request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            {
                return next(http);
            }

            if (request.Headers.Origin.Count > 0)
            {
                var origin = OriginOf(request.Headers.Origin.ToString());
                var own = OriginOf($"{request.Scheme}://{request.Host}");
                if (origin is null || (origin != own && !allowed.Contains(origin)))
                {
                    throw new ForbiddenException(new LocalizedText("来自其他网站页面的请求不能在此修改任何内容。", "A request from another site's page may not change anything here."));
                }
            }

            if (CrossSiteCouldSend(request) && string.IsNullOrWhiteSpace(request.Headers[Header]))
            {
                throw new DomainValidationException(Header,
                    new LocalizedText(
                        $"请以 JSON 请求体（Content-Type: application/json）发送，或带上请求头 {Header}: XMLHttpRequest；两者都没有时，无法排除请求来自其他网站的页面。",
                        $"Send this request with a JSON body (Content-Type: application/json) or with the header {Header}: XMLHttpRequest; without either, another site's page could have sent it."));
            }

            return next(http);
        });
        return app;
    }

    private static bool CrossSiteCouldSend(HttpRequest request) =>
        request.ContentType is not { Length: > 0 } type
        || !MediaTypeHeaderValue.TryParse(type, out var parsed)
        || CrossSiteTypes.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>"scheme://host:port" in lower case with the port always written, or null for anything else ("null" included).</summary>
    private static string? OriginOf(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0
            && uri.UserInfo.Length == 0
            ? $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : null;
}
