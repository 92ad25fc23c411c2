using System.Diagnostics;
using Cases.Application.Persistence;
using Cases.Workflows;
using Cases.Workflows.Timers;
using Npgsql;

namespace Cases.Web.Infrastructure;

/// <summary>
/// Recovery from the database going away, without a restart, so no deadline is missed for want of an operator. A request or a readiness probe that finds the
/// database away reports it here; this then probes once a second until the database answers, drops the pooled
/// connections that died meanwhile, and fires every timer that came due in the outage from its row — the sweep, run in
/// this process at once instead of after Hangfire's back-off, which after a run of failures waits minutes. Exactly once
/// still holds: each firing claims its timer row, whichever node or job gets there first.
/// </summary>
public sealed partial class DatabaseOutage(IServiceScopeFactory scopes, HangfireSettings hangfire, ILogger<DatabaseOutage> log) : BackgroundService
{
    private readonly SemaphoreSlim _reported = new(0, 1);
    private int _away;

    /// <summary>Whether an outage was reported and the database has not answered since.</summary>
    public bool Away => Volatile.Read(ref _away) == 1;

    /// <summary>
    /// The database was found away: forget the pooled PostgreSQL connections (after the server went away every idle one
    /// is dead and would fail one more request), and catch up once it is back.
    /// </summary>
    public void Report()
    {
        NpgsqlConnection.ClearAllPools();
        if (Interlocked.Exchange(ref _away, 1) == 0)
        {
            _reported.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _reported.WaitAsync(stoppingToken);
            var since = Stopwatch.GetTimestamp();
            while (!await ReachableAsync(stoppingToken))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }

            // Connections opened before the outage and idle since are dead; requests get new ones.
            NpgsqlConnection.ClearAllPools();
            Volatile.Write(ref _away, 0);
            Back(log, Stopwatch.GetElapsedTime(since).TotalSeconds);
            if (hangfire.Server)
            {
                await CatchUpAsync(stoppingToken);
            }
        }
    }

    private async Task<bool> ReachableAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CasesDb>().Database.CanConnectAsync(ct);
        }
#pragma warning disable CA1031 // Any failure means "not yet": the probe tries again in a second.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var fired = await scope.ServiceProvider.GetRequiredService<TimerFiring>().RunDueAsync(500, ct);
            CaughtUp(log, fired.Count);
        }
#pragma warning disable CA1031 // Gone again, or a timer that fails on its own: the recurring sweep remains the safety net.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            CatchUpFailed(log, e);
            if (DatabaseFaults.IsAway(e))
            {
                Report();
            }
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "The database answers again after {Seconds:0.0} s away")]
    private static partial void Back(ILogger log, double seconds);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Fired {Count} timer(s) that came due while the database was away")]
    private static partial void CaughtUp(ILogger log, int count);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Error, Message = "Catching up the due timers after an outage failed; the recurring sweep will take them")]
    private static partial void CatchUpFailed(ILogger log, Exception failure);
}
