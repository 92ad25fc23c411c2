using System.Collections.Concurrent;
using Cases.Application.Persistence;
using Cases.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Support;

/// <summary>
/// One running app per test class (xUnit class fixture): a fresh database of the provider, demo users, and one
/// signed-in client per demo user, created on first use and shared by the class's tests.
/// </summary>
public abstract class AppFixture(TestProvider provider, IReadOnlyDictionary<string, string>? settings = null, bool fakeClock = true) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _clients = new(StringComparer.Ordinal);
    private CasesAppFactory? _factory;

    public CasesAppFactory Factory => _factory ?? throw new InvalidOperationException("The app has not started yet.");

    public async Task InitializeAsync() => _factory = await CasesAppFactory.CreateAsync(provider, settings: settings, fakeClock: fakeClock);

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated && c.Value.IsCompletedSuccessfully))
        {
            client.Value.Result.Dispose();
        }

        if (_factory is not null)
        {
            var connectionString = provider == TestProvider.Sqlite ? await InDbAsync(db => Task.FromResult(db.Database.GetConnectionString())) : null;
            await _factory.DisposeAsync();
            SqliteFiles.Delete(connectionString);
        }
    }

    /// <summary>A client signed in as the demo user, shared within the test class.</summary>
    public Task<HttpClient> As(string userName) =>
        _clients.GetOrAdd(userName, u => new Lazy<Task<HttpClient>>(() => Factory.LoginAsync(u))).Value;

    /// <summary>A new client with no cookie that does not follow redirects and sends the API client's header; the caller disposes it.</summary>
    public HttpClient Anonymous() => Factory.ApiClient();

    /// <summary>
    /// Does <paramref name="act"/> on <paramref name="chinaDay"/> (09:00 China time), then puts the clock back where it
    /// stood: a date an officer gives is never after the day it is given, so a test recording a later date records it then,
    /// and the other tests of the class keep the class's clock.
    /// </summary>
    public async Task<T> OnDayAsync<T>(string chinaDay, Func<Task<T>> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        var before = Factory.Clock.GetUtcNow();
        Factory.Clock.SetUtcNow(DateTimeOffset.ParseExact(chinaDay + " 09:00 +08:00", "yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            return await act();
        }
        finally
        {
            Factory.Clock.SetUtcNow(before);
        }
    }

    /// <summary>Reads the database directly, in a scope of its own.</summary>
    public async Task<T> InDbAsync<T>(Func<CasesDb, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CasesDb>());
    }
}

public sealed class SqliteApp() : AppFixture(TestProvider.Sqlite);

public sealed class PostgresApp() : AppFixture(TestProvider.Postgres);

/// <summary>Removes a test's SQLite database file (and its WAL files) once the app is gone.</summary>
internal static class SqliteFiles
{
    public static void Delete(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return;
        }

        using (var connection = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: a leftover file in the temp folder harms nothing.
            }
        }
    }
}
