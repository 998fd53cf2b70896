using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Trading.Runtime.Operations;

/// <summary>
/// Cumulative latency counts in fixed millisecond buckets (Prometheus style: a bucket counts every sample at or
/// below its bound). Recording is lock-free and allocation-free; <see cref="Read"/> copies the counts.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds of the buckets in milliseconds; a last, unbounded bucket (+Inf) follows.</summary>
    public static readonly long[] BoundsMs = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly long[] _counts = new long[BoundsMs.Length + 1];
    private long _sumMicros;

    /// <summary>Records the time elapsed since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void RecordSince(long startTimestamp)
    {
        if (startTimestamp == 0) return;
        var micros = (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds;
        Interlocked.Add(ref _sumMicros, micros);
        var ms = micros / 1000;
        var i = 0;
        while (i < BoundsMs.Length && ms >= BoundsMs[i]) i++;
        Interlocked.Increment(ref _counts[i]);
    }

    public LatencySample Read()
    {
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = Interlocked.Read(ref _counts[i]);
        return new LatencySample(counts, Interlocked.Read(ref _sumMicros));
    }
}

/// <summary>
/// Counts per bucket (not cumulative: <c>Counts[i]</c> holds samples in (bound[i-1], bound[i]]; the last one above every
/// bound) and the sum of all samples in microseconds.
/// </summary>
public sealed record LatencySample(long[] Counts, long SumMicros)
{
    public static LatencySample Empty { get; } = new(new long[LatencyHistogram.BoundsMs.Length + 1], 0);

    [JsonIgnore]
    public long Count
    {
        get
        {
            long n = 0;
            foreach (var c in Counts) n += c;
            return n;
        }
    }

    /// <summary>Samples recorded since <paramref name="earlier"/> (a restarted source counts from zero).</summary>
    public LatencySample Since(LatencySample earlier)
    {
        if (earlier.Counts.Length != Counts.Length || earlier.SumMicros > SumMicros) return this;
        var counts = new long[Counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Counts[i] - earlier.Counts[i];
            if (counts[i] < 0) return this;
        }
        return new LatencySample(counts, SumMicros - earlier.SumMicros);
    }

    public LatencySample Plus(LatencySample other)
    {
        if (other.Counts.Length != Counts.Length) return this;
        var counts = new long[Counts.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = Counts[i] + other.Counts[i];
        return new LatencySample(counts, SumMicros + other.SumMicros);
    }

    /// <summary>The bucket bound at or below which <paramref name="percentile"/> % of the samples fall; null with no samples.</summary>
    /// <remarks>Samples above the last bound report twice the last bound.</remarks>
    public long? PercentileMs(int percentile)
    {
        var total = Count;
        if (total == 0) return null;
        var rank = (total * percentile + 99) / 100;
        long seen = 0;
        for (var i = 0; i < Counts.Length; i++)
        {
            seen += Counts[i];
            if (seen >= rank) return i < LatencyHistogram.BoundsMs.Length ? LatencyHistogram.BoundsMs[i] : LatencyHistogram.BoundsMs[^1] * 2;
        }
        return LatencyHistogram.BoundsMs[^1] * 2;
    }

    /// <summary>Mean in milliseconds (three decimals); null with no samples.</summary>
    [JsonIgnore]
    public decimal? AverageMs => Count == 0 ? null : Math.Round(SumMicros / 1000m / Count, 3);
}
