using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cases.Domain.Calendar;
using Cases.Testing;

namespace Cases.Resilience.Tests;

/// <summary>The answer to one command: the status and body, or null status when the node died before answering.</summary>
public sealed record Answer(string Key, HttpStatusCode? Status, bool Replayed, JsonElement Body, string Node)
{
    public bool Ok => Status is { } s && (int)s is >= 200 and < 300;
}

/// <summary>
/// The configuration every node of a run gets: the Development environment (its demo users sign in; demo cases
/// off), the database, the test clock started at the run's offset (<c>Clock:Offset</c>, the same on every node and on a
/// restart), and quiet logs.
/// </summary>
internal static class NodeSettings
{
    /// <summary>A Tuesday well inside the shipped calendar: every working-day count of the runs stays in 2025.</summary>
    public static readonly DateOnly Day = new(2025, 11, 18);

    public static Dictionary<string, string> For(TestProvider provider, string connectionString, TimeSpan clockOffset, string sweepCron = "* * * * *") => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Database__Provider"] = provider.ToString(),
        ["ConnectionStrings__Cases"] = connectionString,
        ["Seeding__DemoData"] = "true",
        ["Seeding__DemoCases"] = "false",
        ["Clock__AllowOverride"] = "true",
        ["Clock__Offset"] = clockOffset.ToString("c", CultureInfo.InvariantCulture),
        ["Hangfire__SweepCron"] = sweepCron,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        // A command that loses a race is logged; the runs count outcomes themselves.
        ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Critical",
        ["Security__LoginAttemptsPerMinute"] = "1000",
    };

    /// <summary>The offset that makes the app's clock read <paramref name="appNow"/> now.</summary>
    public static TimeSpan OffsetFor(DateTimeOffset appNow) => appNow - TimeProvider.System.GetUtcNow();

    /// <summary>09:00 in Jinan on the day.</summary>
    public static DateTimeOffset MorningOf(DateOnly day) => ChinaTime.StartOf(day).AddHours(9);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Demo users calling the nodes' API the way a client that cares about exactly-once does: every command carries an
/// <c>Idempotency-Key</c>, and a command whose node died before answering is sent again with the same key (to a live
/// node, or to the same node once it is back), so that it applies once whatever happened to the first attempt.
/// </summary>
public sealed class NodeClient : IDisposable
{
    // No cookie container: each request carries its user's cookie by hand, so users never leak into each other's calls.
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public const string Password = CasesAppFactory.DemoPassword;

    /// <summary>Signs the user in on <paramref name="node"/>; the cookie is read by every node (data-protection keys in the database).</summary>
    public async Task SignInAsync(CasesWebProcess node, string user)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var response = await _http.PostAsJsonAsync(new Uri(node.Address, "/api/auth/login"), new { userName = user, password = Password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            throw new InvalidOperationException($"{user} could not sign in on {node.Name}: {(int)response.StatusCode} {body}\n{node.Tail()}");
        }

        _cookies[user] = cookies.First(c => c.StartsWith("cases.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>Sends one command once; a node that dies (or does not answer in time) gives an answer with no status.</summary>
    public async Task<Answer> SendAsync(CasesWebProcess node, string user, HttpMethod method, string path, object? body, string? key)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var request = new HttpRequestMessage(method, new Uri(node.Address, path));
        request.Headers.Add("Cookie", _cookies[user]);
        request.Headers.Add(CasesAppFactory.ApiClientHeader, "XMLHttpRequest");
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                ? JsonDocument.Parse(text).RootElement.Clone()
                : JsonSerializer.SerializeToElement(text);
            return new Answer(key ?? "", response.StatusCode, response.Headers.Contains("Idempotent-Replayed"), json, node.Name);
        }
        catch (HttpRequestException)
        {
            return new Answer(key ?? "", null, false, default, node.Name);
        }
        catch (TaskCanceledException)
        {
            return new Answer(key ?? "", null, false, default, node.Name);
        }
    }

    /// <summary>
    /// Sends a command and, while it gets no answer or a 503 (a node dying or its database away), sends it again with
    /// the same key to the first live node of <paramref name="nodes"/>, starting with <paramref name="preferred"/>.
    /// </summary>
    public async Task<(Answer Answer, int Attempts)> SendUntilAnsweredAsync(
        IReadOnlyList<CasesWebProcess> nodes, int preferred, Func<CasesWebProcess, bool> alive, string user, HttpMethod method, string path, object? body, string key, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var waited = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var node = Enumerable.Range(0, nodes.Count).Select(i => nodes[(preferred + i) % nodes.Count]).FirstOrDefault(alive)
                ?? throw new InvalidOperationException("No node is alive.");
            var answer = await SendAsync(node, user, method, path, body, key);
            if (answer.Status is { } s && s != HttpStatusCode.ServiceUnavailable)
            {
                return (answer, attempt);
            }

            if (waited.Elapsed > within)
            {
                throw new TimeoutException($"{method} {path} (key {key}) got no answer within {within.TotalSeconds} s; last from {node.Name}: {answer.Status}.\n{node.Tail()}");
            }

            await Task.Delay(200);
        }
    }

    public void Dispose() => _http.Dispose();
}
