using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;

namespace Cases.Web.Infrastructure;

/// <summary>
/// Limits every request must live within: a body size (413) and, for sign-in, a number of attempts per client
/// address and minute (429). Lockout (5 wrong passwords) protects one account; the attempt limit slows a client that
/// tries one password on many accounts, which lockout never sees.
/// </summary>
public static class RequestLimits
{
    public const string LoginPolicy = "login";

    /// <summary>The body size limit when <c>Security:MaxRequestBodyBytes</c> is not set: a definition or a form is far smaller.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Sign-in attempts per client address and minute when <c>Security:LoginAttemptsPerMinute</c> is not set.</summary>
    public const int DefaultLoginAttemptsPerMinute = 30;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var attempts = configuration.GetValue("Security:LoginAttemptsPerMinute", DefaultLoginAttemptsPerMinute);
        services.AddRateLimiter(o =>
        {
            // Behind a load balancer every client shares its address unless forwarded headers are configured; the
            // limit then holds for all clients together, which still bounds a password-spraying run.
            o.AddPolicy(LoginPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = attempts, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return WriteProblemAsync(http, StatusCodes.Status429TooManyRequests, new LocalizedText("登录尝试过于频繁", "Too many sign-in attempts"), new LocalizedText(
                    $"本地址登录尝试过于频繁，请 {seconds} 秒后再试。",
                    $"Too many sign-in attempts from this address; try again in {seconds} seconds."));
            };
        });
        return services;
    }

    /// <summary>Room for the form around an uploaded file (its boundary, headers and the other fields).</summary>
    public const long UploadFormOverheadBytes = 64 * 1024;

    /// <summary>
    /// Refuses a body larger than the limit before anything reads it; Kestrel enforces the same limit on bodies without a
    /// length. Runs after routing, so that an upload endpoint (<see cref="UploadBodyLimitAttribute"/>) gets the
    /// attachment limit instead.
    /// </summary>
    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        var general = app.Configuration.GetValue("Security:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        var upload = Math.Max(general, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Cases.Application.Casework.AttachmentOptions>>().Value.MaxBytes + UploadFormOverheadBytes);
        app.Use((http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<UploadBodyLimitAttribute>() is null ? general : upload;
            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return WriteProblemAsync(http, StatusCodes.Status413PayloadTooLarge, new LocalizedText("请求内容过大", "Request body too large"), new LocalizedText(
                    string.Create(CultureInfo.InvariantCulture, $"请求内容最多 {limit} 字节，本次请求有 {http.Request.ContentLength} 字节。"),
                    string.Create(CultureInfo.InvariantCulture, $"The request body may be at most {limit} bytes; this one has {http.Request.ContentLength}."))).AsTask();
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            return next(http);
        });
        return app;
    }

    // Said in the request's language: these run after the localization middleware.
    private static async ValueTask WriteProblemAsync(HttpContext http, int status, LocalizedText title, LocalizedText said)
    {
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        var detail = said.Current;
        var problem = new ProblemDetails { Status = status, Title = title.Current, Detail = detail };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            // A client that accepts no JSON (a browser's form post may say text/html only) still learns why.
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(detail, http.RequestAborted);
        }
    }
}

/// <summary>An endpoint that takes a file: its body may be as large as <c>Attachments:MaxBytes</c> plus the form around it.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class UploadBodyLimitAttribute : Attribute;
