using Cases.Application.Persistence;
using Cases.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Support;

/// <summary>
/// The app as operators run it: the Production environment (no developer exception page, secure cookies, https), on a
/// SQLite database that a Development start has migrated and seeded with the demo users first.
/// </summary>
public sealed class ProductionApp : IAsyncLifetime
{
    private CasesAppFactory? _seeded;
    private WebApplicationFactory<Program>? _production;

    public WebApplicationFactory<Program> Factory => _production ?? throw new InvalidOperationException("The app has not started yet.");

    public async Task InitializeAsync()
    {
        _seeded = await CasesAppFactory.CreateAsync(TestProvider.Sqlite);
        _production = _seeded.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        _ = _production.Server;
    }

    public async Task DisposeAsync()
    {
        if (_production is not null)
        {
            await _production.DisposeAsync();
        }

        if (_seeded is not null)
        {
            string? connectionString;
            await using (var scope = _seeded.Services.CreateAsyncScope())
            {
                connectionString = scope.ServiceProvider.GetRequiredService<CasesDb>().Database.GetConnectionString();
            }

            await _seeded.DisposeAsync();
            SqliteFiles.Delete(connectionString);
        }
    }

    /// <summary>A client without a cookie, over https as behind the TLS-terminating load balancer (Secure cookies travel only so).</summary>
    public HttpClient Anonymous() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
}
