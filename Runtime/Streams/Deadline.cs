using System.Diagnostics;

namespace Trading.Runtime.Streams;

/// <summary>A point in monotonic time after which a wait gives up; infinite for a negative timeout.</summary>
internal readonly struct Deadline
{
    private readonly long _endTicks;

    private Deadline(long endTicks) => _endTicks = endTicks;

    public static Deadline After(TimeSpan timeout) =>
        timeout < TimeSpan.Zero
            ? new Deadline(long.MaxValue)
            : new Deadline(Stopwatch.GetTimestamp() + (long)Math.Min(timeout.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2));

    public bool IsInfinite => _endTicks == long.MaxValue;

    /// <summary>Time left (zero when passed); <see cref="Timeout.InfiniteTimeSpan"/> when infinite.</summary>
    public TimeSpan Remaining
    {
        get
        {
            if (IsInfinite) return Timeout.InfiniteTimeSpan;
            var left = _endTicks - Stopwatch.GetTimestamp();
            return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)left / Stopwatch.Frequency);
        }
    }
}
