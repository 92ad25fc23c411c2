using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Cases.Testing;

namespace Cases.Benchmarks;

/// <summary>
/// The product's web app as its own process (<see cref="CasesWebProcess"/>: src/Cases.Web's build output), so that its
/// working set is its own and the load generator does not share its heap. Development environment for the demo users
/// (no demo cases), logging at Warning, its output in a log file.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly CasesWebProcess _process;

    private WebProcess(CasesWebProcess process) => _process = process;

    public Uri Address => _process.Address;

    public int Id => _process.Id;

    /// <summary>Starts the web process on the database; <paramref name="settings"/> adds configuration as environment variables (<c>Security__SessionCheckSeconds</c>).</summary>
    public static async Task<WebProcess> StartAsync(BenchDatabase database, string logFile, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__Cases"] = database.ConnectionString,
            ["Seeding__DemoCases"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new(await CasesWebProcess.StartAsync("web", environment, logFile));
    }

    /// <summary>Resident set size now and its peak so far (VmRSS, VmHWM), in MiB.</summary>
    public (double Current, double Peak) Memory()
    {
        double current = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = Kb(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kb(line) / 1024.0;
            }
        }

        return (current, peak);
    }

    /// <summary>CPU time the web process has used so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        using var process = Process.GetProcessById(Id);
        return process.TotalProcessorTime;
    }

    /// <summary>Signs out with <paramref name="cookie"/> (ending every session of its user); true when the server agreed.</summary>
    public async Task<bool> SignOutAsync(string cookie)
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/logout", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add(CasesAppFactory.ApiClientHeader, "XMLHttpRequest");
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    /// <summary>The status of <c>GET /api/auth/me</c> with <paramref name="cookie"/>.</summary>
    public async Task<HttpStatusCode> MeAsync(string cookie)
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/auth/me", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A client signed in as a demo user: the auth cookie as a header value.</summary>
    public async Task<string> LoginAsync(string userName)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var client = new HttpClient(handler) { BaseAddress = Address };
        var response = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName, password = CasesAppFactory.DemoPassword });
        response.EnsureSuccessStatusCode();
        return cookies.GetCookieHeader(Address);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    public static string RepositoryRoot() => CasesWebProcess.RepositoryRoot();

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
