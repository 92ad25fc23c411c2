using Cases.Testing;
using Cases.Workflows.Timers;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Benchmarks;

/// <summary>
/// The product in this process through its own wiring: <see cref="CasesAppFactory"/> (real migrations, Identity, the
/// workflow runtime and its Hangfire server), on the benchmark's database, with the app's adjustable clock (the
/// Development test clock, <c>Clock:AllowOverride</c>) set to a day the shipped calendar covers. That clock moves on
/// with real time, so timers come due as they do in production.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    /// <summary>A working Monday inside the shipped calendar years.</summary>
    public static readonly DateTimeOffset Today = new(2025, 10, 20, 2, 0, 0, TimeSpan.Zero);

    private const string ContentRootVariable = "ASPNETCORE_TEST_CONTENTROOT_CASES_WEB";

    private readonly WebApplicationFactory<Program> _factory;

    private BenchApp(WebApplicationFactory<Program> factory)
    {
        _factory = factory;
        Clock = factory.Services.GetRequiredService<AdjustableClock>();
        Clock.Set(Today);
    }

    public AdjustableClock Clock { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the app.</summary>
    public static BenchApp Start(BenchDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Clock:AllowOverride"] = "true",
            // The console would otherwise take a line per timer firing and per request: that is not the product's cost.
            ["Logging:LogLevel:Default"] = "Warning",
            // EF logs the first migration's probe of a missing history table as an error; the harness counts real failures itself.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        // WebApplicationFactory looks for its manifest in the current directory (a test runner's is the output folder);
        // a console program run from the repository tells it where Cases.Web's content root is instead.
        if (Environment.GetEnvironmentVariable(ContentRootVariable) is null)
        {
            Environment.SetEnvironmentVariable(ContentRootVariable, Path.Combine(WebProcess.RepositoryRoot(), "src", "Cases.Web"));
        }

        WebApplicationFactory<Program> factory = new CasesAppFactory(database.Provider, database.ConnectionString, kestrel: false, all, fakeClock: false);
        _ = factory.Server; // migrations, calendar, definitions and demo users happen here
        return new BenchApp(factory);
    }

    /// <summary>Sends one request through the Mediator in its own scope, as one HTTP request would.</summary>
    public async Task<T> SendAsync<T>(Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
