using System.Diagnostics;

namespace Trading.Benchmarks.Snapshots;

/// <summary>
/// How many orders had been answered at any moment of a run: a thread of its own reads the counter about every
/// millisecond, so the throughput between two instants known only afterwards (a snapshot's request and its last part
/// stored, stamped by the coordinator in Unix milliseconds) can be read off the record.
/// <code>using var timeline = AnswerTimeline.Start(); ... timeline.Answered(); ... timeline.RatePerSecond(fromMs, toMs)</code>
/// </summary>
public sealed class AnswerTimeline : IDisposable
{
    private readonly long _anchorTicks = Stopwatch.GetTimestamp();
    private readonly long _anchorUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly List<(long Ticks, long Answered)> _samples = new(1 << 16);
    private readonly Thread _sampler;
    private long _answered;
    private volatile bool _stopped;

    private AnswerTimeline()
    {
        _sampler = new Thread(Sample) { IsBackground = true, Name = "answer-timeline" };
        _sampler.Start();
    }

    public static AnswerTimeline Start() => new();

    /// <summary>One more order answered.</summary>
    public void Answered() => Interlocked.Increment(ref _answered);

    /// <summary>Now in Unix milliseconds, on the clock the samples are mapped to.</summary>
    public long NowUnixMs() => UnixMsOf(Stopwatch.GetTimestamp());

    /// <summary>Orders answered per second from <paramref name="fromUnixMs"/> to <paramref name="toUnixMs"/>.</summary>
    /// <exception cref="InvalidOperationException">The interval is empty or not inside the recorded run.</exception>
    public double RatePerSecond(long fromUnixMs, long toUnixMs)
    {
        Stop();
        if (toUnixMs <= fromUnixMs) throw new InvalidOperationException($"Empty interval {fromUnixMs}-{toUnixMs}.");
        return (AnsweredAt(toUnixMs) - AnsweredAt(fromUnixMs)) * 1000.0 / (toUnixMs - fromUnixMs);
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        _sampler.Join();
    }

    private double AnsweredAt(long unixMs)
    {
        if (_samples.Count == 0 || unixMs < UnixMsOf(_samples[0].Ticks) || unixMs > UnixMsOf(_samples[^1].Ticks))
            throw new InvalidOperationException($"{unixMs} is outside the recorded run.");
        var ticks = _anchorTicks + (unixMs - _anchorUnixMs) * Stopwatch.Frequency / 1000;
        int lo = 0, hi = _samples.Count - 1; // the last sample at or before the instant
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_samples[mid].Ticks <= ticks) lo = mid; else hi = mid - 1;
        }
        var (t0, a0) = _samples[lo];
        if (lo == _samples.Count - 1 || ticks <= t0) return a0;
        var (t1, a1) = _samples[lo + 1];
        return a0 + (a1 - a0) * (double)(ticks - t0) / (t1 - t0);
    }

    private long UnixMsOf(long ticks) => _anchorUnixMs + (ticks - _anchorTicks) * 1000 / Stopwatch.Frequency;

    private void Sample()
    {
        while (!_stopped)
        {
            _samples.Add((Stopwatch.GetTimestamp(), Interlocked.Read(ref _answered)));
            Thread.Sleep(1);
        }
        _samples.Add((Stopwatch.GetTimestamp(), Interlocked.Read(ref _answered)));
    }
}
