namespace Cases.Workflows.Timers;

/// <summary>
/// One firing at a time per workflow instance on this node. Two timers of one case often fall due together (a task's
/// warning and its breach after a restart, a milestone and a transition on the same day); fired side by side by
/// Hangfire's workers, both would read the same journal head and one would fail on the journal's unique (instance, seq)
/// key — retried correctly, but logged by EF Core as a failed command. Waiting here turns that expected race into a
/// queue. Across nodes the lease and the instance's revision still decide, as before.
/// </summary>
public sealed class InstanceGate
{
    private readonly Dictionary<Guid, (SemaphoreSlim Gate, int Users)> _gates = [];

    /// <summary>Waits for the instance's turn; <c>Waited</c> says whether another firing held it (what was read before may be stale).</summary>
    public async Task<(IDisposable Held, bool Waited)> EnterAsync(Guid instanceId, CancellationToken ct)
    {
        SemaphoreSlim gate;
        lock (_gates)
        {
            var entry = _gates.TryGetValue(instanceId, out var found) ? found : (Gate: new SemaphoreSlim(1, 1), Users: 0);
            _gates[instanceId] = (entry.Gate, entry.Users + 1);
            gate = entry.Gate;
        }

        var waited = false;
        try
        {
            if (!gate.Wait(0, CancellationToken.None))
            {
                waited = true;
                await gate.WaitAsync(ct);
            }
        }
        catch
        {
            Leave(instanceId, gate, entered: false);
            throw;
        }

        return (new Held(this, instanceId, gate), waited);
    }

    private void Leave(Guid instanceId, SemaphoreSlim gate, bool entered)
    {
        lock (_gates)
        {
            var (_, users) = _gates[instanceId];
            if (users == 1)
            {
                _gates.Remove(instanceId);
            }
            else
            {
                _gates[instanceId] = (gate, users - 1);
            }
        }

        if (entered)
        {
            gate.Release();
        }
    }

    private sealed class Held(InstanceGate owner, Guid instanceId, SemaphoreSlim gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(instanceId, gate, entered: true);
            }
        }
    }
}
