using Hangfire;

namespace Cases.Workflows.Timers;

/// <summary>The Hangfire entry points. They hold no state; everything they need is in the timer rows.</summary>
public sealed class TimerJobs(TimerFiring firing)
{
    public const string SweepJobId = "timers-sweep";

    [AutomaticRetry(Attempts = 0)]
    public Task FireAsync(Guid timerId, CancellationToken cancellationToken) => firing.FireAsync(timerId, cancellationToken);

    /// <summary>Fires every due timer whose job was lost. Runs every minute and at start-up.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task SweepAsync(CancellationToken cancellationToken) => firing.RunDueAsync(500, cancellationToken);
}
