using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cases.Web.Infrastructure;

/// <summary>
/// The database being away, as the providers say it: a transient Npgsql failure (the server refuses or drops the
/// connection, shuts down, is starting), SQLite busy or locked past the busy timeout, or a timeout. Anything else a
/// database throws is a fault of the product, not of the moment, and stays a 500.
/// </summary>
public static class DatabaseFaults
{
    public static bool IsAway(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException { IsTransient: true }:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The plain page a browser gets instead of a ProblemDetails: 503, what happened, and a way to try again.</summary>
    public static async Task WritePageAsync(HttpContext http, IStringLocalizer localizer)
    {
        // The exception surfaced outside the localization middleware: take the request's culture from its feature.
        if (http.Features.Get<IRequestCultureFeature>() is { } culture)
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        }

        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var again = HttpMethods.IsGet(http.Request.Method) ? http.Request.PathBase + http.Request.Path + http.Request.QueryString : http.Request.PathBase + "/";
        var html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="{{(english ? "en" : "zh-CN")}}">
            <head>
              <meta charset="utf-8" />
              <meta name="viewport" content="width=device-width, initial-scale=1.0" />
              <title>{{html.Encode(localizer["服务暂时不可用"])}}</title>
              <link rel="stylesheet" href="{{html.Encode(http.Request.PathBase + "/lib/bootstrap/dist/css/bootstrap.min.css")}}" />
            </head>
            <body>
              <main class="container py-5" data-testid="unavailable">
                <h1 class="h3">{{html.Encode(localizer["服务暂时不可用"])}}</h1>
                <p>{{html.Encode(localizer["数据库暂时无法连接，您的操作未被执行。请稍后重试。"])}}</p>
                <p><a class="btn btn-primary" href="{{html.Encode(again)}}">{{html.Encode(localizer["重试"])}}</a></p>
              </main>
            </body>
            </html>
            """, http.RequestAborted);
    }
}
