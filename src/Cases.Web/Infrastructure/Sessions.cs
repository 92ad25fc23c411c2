using Cases.Application.Identity;
using Cases.Application.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cases.Web.Infrastructure;

/// <summary>
/// Sessions end on the server (docs/adr/0009): every request's sign-in cookie must carry the user's current security
/// stamp, checked through <see cref="SessionStamps"/>. Sign-out, lock, password reset and any change of roles or city
/// change the stamp, so every cookie the user held before is refused — at once on the node that made the change, within
/// <c>Security:SessionCheckSeconds</c> on the others (they share the data-protection keys and so read each other's cookies).
/// </summary>
public static class Sessions
{
    /// <summary>How long a node trusts a security stamp it has read, when <c>Security:SessionCheckSeconds</c> is not set.</summary>
    public const int DefaultCheckSeconds = 5;

    /// <summary>The longest <c>Security:SessionCheckSeconds</c> allowed: a session must end within a minute on every node.</summary>
    public const int MaxCheckSeconds = 60;

    public static IServiceCollection AddSessionChecks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var seconds = configuration.GetValue("Security:SessionCheckSeconds", DefaultCheckSeconds);
        if (seconds is < 0 or > MaxCheckSeconds)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Security:SessionCheckSeconds must be 0 to {MaxCheckSeconds}: how long a node trusts a security stamp it has read (0 reads it on every request); it is {seconds}."));
        }

        services.AddSingleton(new SessionStamps(TimeSpan.FromSeconds(seconds)));
        // The check can be switched off only to measure what it costs (tests/Cases.Benchmarks, scenario sessions): sessions
        // then end within Identity's own interval (30 minutes), as they did before. Never outside Development.
        if (!configuration.GetValue("Security:ValidateSessions", true))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException("Security:ValidateSessions=false is for measuring in Development only: elsewhere sessions must end when they are ended.");
            }

            return services;
        }

        services.ConfigureApplicationCookie(o => o.Events.OnValidatePrincipal = ValidateAsync);
        return services;
    }

    /// <summary>The cookie's principal stays only while its security stamp is the user's current one.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var claims = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is not null && stamp is not null
            && await http.RequestServices.GetRequiredService<SessionStamps>().IsCurrentAsync(http.RequestServices.GetRequiredService<CasesDb>, userId, stamp, http.RequestAborted))
        {
            return;
        }

        context.RejectPrincipal();
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
