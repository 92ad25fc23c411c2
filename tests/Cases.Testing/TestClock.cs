namespace Cases.Testing;

/// <summary>
/// The app's clock in tests: it stands still until a test sets or advances it, and unlike FakeTimeProvider it may
/// be set back, so each test of a class can walk its own timeline on the class's shared app (xUnit runs the tests
/// of a class one at a time). The app only reads the time; it never waits on timers of this clock.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void SetUtcNow(DateTimeOffset value) => Interlocked.Exchange(ref _utcTicks, value.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
