using System.Globalization;
using System.Text.Json;
using Cases.Testing;
using Xunit.Abstractions;

namespace Cases.Resilience.Tests;

/// <summary>
/// A run against real Cases.Web processes: starts them, calls them through one <see cref="NodeClient"/>, and kills every
/// process it started when the test ends, passed or failed.
/// </summary>
public abstract class NodeRun(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<CasesWebProcess> _nodes = [];

    protected NodeClient Client { get; } = new();

    protected ITestOutputHelper Output => output;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Client.Dispose();
    }

    protected async Task<CasesWebProcess> StartAsync(string name, Dictionary<string, string> settings)
    {
        var node = await CasesWebProcess.StartAsync(name, settings);
        _nodes.Add(node);
        return node;
    }

    /// <summary>The node's clock, read from the node itself (the API may have moved it).</summary>
    protected async Task<DateTimeOffset> AppNowAsync(CasesWebProcess node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var answer = await Client.SendAsync(node, "supervisor.jinan", HttpMethod.Get, "/api/dev/clock", null, null);
        Assert.True(answer.Ok, $"{node.Name}: {answer.Status}\n{node.Tail()}");
        return answer.Body.GetProperty("now").GetDateTimeOffset();
    }

    /// <summary>The name a node's timer leases carry (NodeIdentity: machine and process id).</summary>
    protected static string LeaseOwnerOf(CasesWebProcess node) => $"{Environment.MachineName}:{node?.Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The body that opens a demo-filing case in 济南 with the original contract completion date.</summary>
    protected static object Start(DateOnly contractEndsOn) =>
        new { procedure = "demo-filing", city = "370100", data = new { contractEndsOn = NodeSettings.Iso(contractEndsOn) } };

    protected static Guid OnlyTask(JsonElement caseState) => Assert.Single(caseState.GetProperty("openTasks").EnumerateArray()).GetProperty("id").GetGuid();

    protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Tells a slow run from a hung one: work left that has not gone down for <paramref name="stall"/> is a hang. A shared
/// machine may be many times slower than an idle one, so the runs wait on progress, not on a fixed time.
/// </summary>
public sealed class StallWatch(TimeSpan stall)
{
    private readonly System.Diagnostics.Stopwatch _since = System.Diagnostics.Stopwatch.StartNew();
    private int _least = int.MaxValue;

    public TimeSpan Stall => stall;

    /// <summary>Notes what is left; true when it has not gone down for the stall time.</summary>
    public bool Stalled(int left)
    {
        if (left < _least)
        {
            _least = left;
            _since.Restart();
        }

        return _since.Elapsed > stall;
    }
}
