using Cases.Web.Api;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cases.Web.Hosting;

public static class CasesPipeline
{
    public static WebApplication UseCasesPipeline(this WebApplication app)
    {
        // The reader's language first, so that the failures below (ProblemDetails, error pages) are said in it too.
        app.UseRequestLocalization();
        // The API's paths answer failures as ProblemDetails (docs/adr/0004); the pages answer them with a page of the
        // site, in the user's language, with a way back (ErrorController) — never a JSON body in the browser.
        app.UseWhen(http => !IsPage(http), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(IsPage, pages =>
        {
            pages.UseExceptionHandler("/error/500");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseApiForgeryGuard();
        app.UseRequestBodyLimit();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapStaticAssets().AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        MapHealth(app, "/health", _ => true);
        MapHealth(app, "/health/live", _ => false);
        MapHealth(app, "/health/ready", c => c.Tags.Contains("ready"));

        app.MapCasesApi();
        // Hangfire's own dashboard, for administrators only: it knows no city, so it would show every city's timer
        // jobs and let anyone in requeue or delete them and the recurring sweep (规程 第一百四十条). Supervisors see
        // their city's clocks on the product's pages and GET /api/supervision/stuck. ASP.NET Core's policy guards it,
        // so Hangfire's local-requests-only filter is replaced by an empty list.
        app.MapHangfireDashboard("/hangfire", new Hangfire.DashboardOptions { Authorization = [], DisplayStorageConnectionString = false })
            .RequireAuthorization(Policies.Admin);
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}").WithStaticAssets();
        return app;
    }

    /// <summary>A page of the site, not the API, the health checks, the API's description or Hangfire's dashboard.</summary>
    private static bool IsPage(HttpContext http) =>
        !(http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/health")
          || http.Request.Path.StartsWithSegments("/openapi") || http.Request.Path.StartsWithSegments("/hangfire"));

    private static void MapHealth(WebApplication app, string path, Func<HealthCheckRegistration, bool> predicate) =>
        app.MapHealthChecks(path, new HealthCheckOptions { Predicate = predicate, ResponseWriter = WriteHealth }).AllowAnonymous();

    private static Task WriteHealth(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            live = true,
            ready = report.Entries.Values.All(e => e.Status == HealthStatus.Healthy),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        }, cancellationToken: http.RequestAborted);
    }

    // Set when the headers go out, not when the request comes in: the exception handler clears the response before
    // it writes a ProblemDetails, and an error answer needs these headers as much as a page does.
    private static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var h = http.Response.Headers;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "same-origin";
                // No inline script anywhere in the pages: scripts come from /lib and /js only.
                h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
                // Pages and API answers carry personal data: no browser or proxy keeps a copy. Static assets keep the
                // caching they are served with.
                if (http.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
                {
                    h.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
}
