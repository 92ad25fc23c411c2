namespace Cases.Web.Infrastructure;

/// <summary>
/// The test clock for demos, training and black-box tests (<c>Clock:AllowOverride=true</c>, refused in Production):
/// the system clock shifted by an offset that <c>PUT /api/dev/clock</c> sets. Time keeps running from the moment set.
/// </summary>
public sealed class AdjustableClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - inner.GetUtcNow()).Ticks);
}
