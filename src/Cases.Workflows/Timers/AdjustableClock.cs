namespace Cases.Workflows.Timers;

/// <summary>
/// The test clock for demos, training and black-box tests (<c>Clock:AllowOverride=true</c>, refused in Production):
/// the system clock shifted by an offset that <c>PUT /api/dev/clock</c> sets. Time keeps running from the moment set.
/// <c>Clock:Offset</c> gives the offset it starts with: every node started with the same one reads the same time, and a
/// restarted node comes back on the same timeline (a clock set through the API is one process's and ends with it).
/// </summary>
public sealed class AdjustableClock(TimeProvider inner, TimeSpan offset = default) : TimeProvider
{
    private long _offsetTicks = offset.Ticks;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - inner.GetUtcNow()).Ticks);
}
