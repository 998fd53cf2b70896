namespace Trading.Tests.Infrastructure;

/// <summary>
/// The system clock moved by <see cref="Offset"/> (wall-clock time only: timers and elapsed time stay real), so a
/// test can stamp commands in a chosen minute, e.g. to see a candle close without waiting for the minute to pass.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>Shifts the clock so that it reads <paramref name="time"/> now.</summary>
    public void Set(DateTimeOffset time) => Offset = time - base.GetUtcNow();
}
