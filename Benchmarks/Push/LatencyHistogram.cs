namespace Trading.Benchmarks.Push;

/// <summary>Latencies in 0.1 ms buckets up to 10 s (later ones count in the last bucket), recorded from many threads.</summary>
public sealed class LatencyHistogram
{
    private const int BucketsPerMs = 10;
    private readonly long[] _buckets = new long[10_000 * BucketsPerMs + 1];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(double milliseconds)
    {
        var bucket = milliseconds <= 0 ? 0 : (int)Math.Min(_buckets.Length - 1, milliseconds * BucketsPerMs);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Forgets every sample (after a warm-up). Not atomic with concurrent <see cref="Record"/> calls.</summary>
    public void Clear()
    {
        Array.Clear(_buckets);
        Interlocked.Exchange(ref _count, 0);
    }

    /// <summary>The latency (upper edge of its bucket) below which <paramref name="fraction"/> of the samples lie.</summary>
    public double Percentile(double fraction)
    {
        var total = Count;
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(total * fraction);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank) return (i + 1) / (double)BucketsPerMs;
        }
        return _buckets.Length / (double)BucketsPerMs;
    }
}
