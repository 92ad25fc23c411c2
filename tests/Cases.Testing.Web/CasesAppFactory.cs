using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cases.Testing;

/// <summary>
/// The real app (real migrations, real Identity, demo users) on a fresh database of the chosen provider, with a
/// <see cref="TestClock"/> as its clock. With <c>kestrel: true</c> it listens on a real 127.0.0.1 port for
/// browser tests. <paramref name="settings"/> adds configuration (e.g. <c>Workflows:Path</c>, <c>Clock:AllowOverride</c>);
/// with <paramref name="fakeClock"/> false the app keeps its own <see cref="TimeProvider"/> (the system clock, or the
/// adjustable test clock when <c>Clock:AllowOverride</c> is true) and <see cref="Clock"/> is not used by it.
/// </summary>
public sealed class CasesAppFactory(
    TestProvider provider, string connectionString, bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null, bool fakeClock = true)
    : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo#2026";

    public TestClock Clock { get; } = new(new DateTimeOffset(2025, 10, 20, 1, 0, 0, TimeSpan.Zero));

    public TestProvider Provider { get; } = provider;

    /// <summary>The attachment store's folder: a fresh temporary one (removed with the factory) unless the settings name one.</summary>
    public string AttachmentsPath { get; } = settings?.GetValueOrDefault("Attachments:Path") ?? Path.Combine(Path.GetTempPath(), "cases-attachments-" + Guid.NewGuid().ToString("N"));

    public static async Task<CasesAppFactory> CreateAsync(TestProvider provider, bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null, bool fakeClock = true)
    {
        var factory = new CasesAppFactory(provider, await TestDatabases.CreateAsync(provider), kestrel, settings, fakeClock);
        if (kestrel)
        {
            factory.UseKestrel(0);
            factory.StartServer();
        }
        else
        {
            _ = factory.Server; // start now: migrations and seeding happen here, not inside the first test request
        }

        return factory;
    }

    /// <summary>The base address of the Kestrel server (kestrel mode only).</summary>
    public Uri ServerAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Cases", connectionString);
        builder.UseSetting("Seeding:DemoData", "true");
        // Demo users and parties, but no demo cases: tests count the tasks and cases they open themselves.
        builder.UseSetting("Seeding:DemoCases", "false");
        builder.UseSetting("Urls", kestrel ? "http://127.0.0.1:0" : "http://localhost");
        builder.UseSetting("Attachments:Path", AttachmentsPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (fakeClock)
        {
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(AttachmentsPath) && AttachmentsPath.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
        {
            Directory.Delete(AttachmentsPath, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The header an API client sends with every command (<c>X-Requested-With</c>): no cross-site page can add it, so
    /// the app takes a command without a JSON body (claim, release, lock …) only with it.
    /// </summary>
    public const string ApiClientHeader = "X-Requested-With";

    /// <summary>A client with no cookie that does not follow redirects and sends <see cref="ApiClientHeader"/>, as an API client does.</summary>
    public HttpClient ApiClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ApiClientHeader, "XMLHttpRequest");
        return client;
    }

    /// <summary>An HTTP client signed in through <c>POST /api/auth/login</c> (a demo user, or any user with the demo password).</summary>
    public async Task<HttpClient> LoginAsync(string userName)
    {
        var client = ApiClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        return client;
    }
}
