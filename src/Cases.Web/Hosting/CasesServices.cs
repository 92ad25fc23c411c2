using Cases.Web.Forms;
using Cases.Application.Records;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cases.Application;
using Cases.Application.Casework;
using Cases.Application.Identity;
using Cases.Application.Parties;
using Cases.Application.Persistence;
using Cases.Workflows;
using Cases.Workflows.Timers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Cases.Web.Hosting;

public static class CasesServices
{
    public static WebApplicationBuilder AddCasesServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (builder.Configuration.GetValue<bool>("Clock:AllowOverride"))
        {
            if (builder.Environment.IsProduction())
            {
                throw new InvalidOperationException("Clock:AllowOverride is refused in Production: statutory clocks run on real time there.");
            }

            var adjustable = new AdjustableClock(TimeProvider.System, builder.Configuration.GetValue<TimeSpan?>("Clock:Offset") ?? TimeSpan.Zero);
            services.AddSingleton(adjustable);
            services.AddSingleton<TimeProvider>(adjustable);
        }
        else
        {
            if (builder.Configuration["Clock:Offset"] is { Length: > 0 })
            {
                throw new InvalidOperationException("Clock:Offset needs Clock:AllowOverride=true (never in Production): without the test clock the app runs on real time.");
            }

            services.AddSingleton(TimeProvider.System);
        }

        services.AddCasesDatabase(builder.Configuration);
        services.AddWorkflowRuntime(builder.Configuration);
        services.AddCasesApplication();
        services.AddCasework(builder.Configuration, builder.Environment.ContentRootPath);

        services.AddDataProtection().SetApplicationName("WorkInjuryCases").PersistKeysToDbContext<CasesDb>();

        services.AddMediator((Mediator.MediatorOptions o) => o.ServiceLifetime = ServiceLifetime.Scoped);
        services.AddHttpContextAccessor();
        services.AddSingleton<LoggedPersonalDataAccess>();
        services.AddScoped<IPersonalDataAccessLog, RecordedPersonalDataAccess>();

        services.AddIdentity<CasesUser, IdentityRole>(o =>
            {
                // SignIns: from the fifth failed attempt an account waits before its password is looked at again, 30 s
                // doubled with every failed attempt since, at most this long.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<CasesDb>()
            .AddClaimsPrincipalFactory<CasesClaimsPrincipalFactory>()
            .AddErrorDescriber<CasesIdentityErrors>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "cases.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // Sessions expire on real time: the app's TimeProvider may be the test clock (Clock:AllowOverride), and
            // moving it a week ahead to fire statutory timers must not sign everyone out.
            o.TimeProvider = TimeProvider.System;
            // API clients get status codes, not a redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            // A page the user's role may not open answers 403 where it is, not a redirect: the pipeline shows the site's
            // own error page for it (in the layout, in the user's language, with a way back), and the address stays.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // Every request's cookie is checked against the user's security stamp: sessions end on the server (docs/adr/0009).
        services.AddSessionChecks(builder.Configuration, builder.Environment);
        var freeFailures = builder.Configuration.GetValue("Security:SignInFailuresPerAddress", SignInThrottle.DefaultFreeFailures);
        if (freeFailures < 0)
        {
            throw new InvalidOperationException($"Security:SignInFailuresPerAddress must be 0 or more: the failed sign-ins an address has before it waits; it is {freeFailures}.");
        }

        services.AddSingleton(sp => new SignInThrottle(freeFailures, sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<SignIns>();
        services.AddScoped<IdempotentCommands>();

        // The antiforgery cookie and the one-line messages' cookie (TempData: read on every page, since the layout shows
        // what followed a sign-in) follow the sign-in cookie's rules: never readable by script, never sent cross-site,
        // and only over TLS outside Development.
        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        // Deny by default: every endpoint declares who may call it (the authorization matrix test checks that each
        // one does); an endpoint that forgot still needs an authenticated user through the fallback policy.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddCasesPolicies();
        services.AddRequestLimits(builder.Configuration);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
            ProblemDetailsFunnel.Localize(ctx);
            // In Development an unexpected failure names its exception (never its stack), so a failing test or a
            // developer sees the cause at once; elsewhere the trace id leads to the log.
            if (ctx.Exception is { } e && ctx.ProblemDetails.Status >= 500 && builder.Environment.IsDevelopment())
            {
                ctx.ProblemDetails.Detail ??= $"{e.GetType().Name}: {e.Message}";
            }
        });
        services.AddExceptionHandler<ProblemDetailsFunnel>();

        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        // Minimal APIs throw on a bad body only in Development by default; elsewhere they answer a bare 400.
        // Always throwing lets ProblemDetailsFunnel name the field in every environment, not just on developer machines.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Chinese text is written as characters, not as &#x…; references, so page sources stay readable.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // The pages' texts: Chinese in the views is the key and the default; Resources/SharedResource.en.resx gives English.
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddScoped<WorkflowText>();
        services.AddScoped<WorkflowForm>();
        // A refusal of the domain on a page is shown where the action declares (RefusalShown), as the API's funnel maps it.
        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<PageRefusalFilter>();
            })
            .AddJsonOptions(o => ConfigureJson(o.JsonSerializerOptions))
            // A form's validation messages (ErrorMessage = "请输入密码") are keys of the shared texts too.
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddOpenApi(Api.OpenApiContract.Configure);

        services.AddSingleton<DatabaseOutage>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseOutage>());
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = new[] { new CultureInfo("zh-CN"), new CultureInfo("en") };
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The user's switch first (the 中文/English switch sets the cookie; ?culture=en works for a link), then the
            // client's Accept-Language, so an API client or a browser set to English reads English; Chinese otherwise.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        return builder;
    }

    public static void ConfigureJson(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Chinese stays readable, but <, >, &, ' and " are always escaped: markup someone typed into a name never
        // appears raw, even in JSON (defence in depth behind the content type and nosniff).
        o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // Unknown properties are a client mistake worth telling about, not something to drop silently.
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A number is a JSON number: "48000.00" in quotes is refused, not read (the web defaults would read it), so the
        // document can say what a client must send and a generated client sends it so (docs/adr/0014).
        o.NumberHandling = JsonNumberHandling.Strict;
    }

    private static Task ApiAware(HttpContext http, string redirectUri, int status)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
