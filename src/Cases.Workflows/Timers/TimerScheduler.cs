using Hangfire;
using Microsoft.Extensions.Logging;

namespace Cases.Workflows.Timers;

/// <summary>
/// Schedules a Hangfire job per timer at its due instant, once the command that armed it has committed. The job
/// carries only the timer's id. If the job is lost (crash, in-memory storage after a restart), the recurring sweep
/// fires the timer from its row; if it runs twice, the row's claim lets only one firing through.
/// </summary>
public sealed class TimerScheduler(IBackgroundJobClient jobs, TimeProvider clock, ILogger<TimerScheduler> log)
{
    public void ScheduleAfterCommit(IEnumerable<WorkflowTimer> timers)
    {
        foreach (var timer in timers)
        {
            Schedule(timer.Id, timer.DueAt);
        }
    }

    public void Schedule(Guid timerId, DateTimeOffset dueAt)
    {
        // A delay from the app's clock, not an absolute instant: with the test clock moved, "due in 3 days" still
        // means 3 days of the app's time, and a timer never fires before its row says it is due.
        var delay = dueAt - clock.GetUtcNow();
        try
        {
            jobs.Schedule<TimerJobs>(j => j.FireAsync(timerId, CancellationToken.None), delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay);
        }
        catch (BackgroundJobClientException e)
        {
            // The command has committed: failing it now would tell the user "not done" about something done. The job
            // is only the fast path; the sweep fires the timer from its row when it comes due.
            log.LogWarning(e, "Could not schedule the job of timer {Timer}; the sweep will fire it", timerId);
        }
    }
}
