using System.Diagnostics;

namespace Trading.Benchmarks.Mix50;

/// <summary>Percentiles and medians used by the report.</summary>
public static class Mix50Statistics
{
    /// <summary>Nearest-rank percentile (<paramref name="fraction"/> in (0, 1]) of an ascending array.</summary>
    public static long NearestRank(long[] sortedAscending, double fraction)
    {
        if (sortedAscending.Length == 0)
        {
            throw new ArgumentException("no samples", nameof(sortedAscending));
        }

        long rank = (long)Math.Ceiling(fraction * sortedAscending.Length);
        int index = (int)Math.Clamp(rank - 1, 0, sortedAscending.Length - 1);
        return sortedAscending[index];
    }

    /// <summary>Median of the values (mean of the two middle values for an even count).</summary>
    public static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Converts <see cref="Stopwatch"/> ticks to nanoseconds.</summary>
    public static double TicksToNanoseconds(long ticks) => ticks * 1e9 / Stopwatch.Frequency;

    /// <summary>Sorts <paramref name="ticks"/> in place and returns (p50, p99, p99.9) in nanoseconds.</summary>
    public static (double P50, double P99, double P999) LatencyPercentiles(long[] ticks)
    {
        Array.Sort(ticks);
        return (
            TicksToNanoseconds(NearestRank(ticks, 0.50)),
            TicksToNanoseconds(NearestRank(ticks, 0.99)),
            TicksToNanoseconds(NearestRank(ticks, 0.999)));
    }

    /// <summary>Smallest value (positive infinity when empty).</summary>
    public static double Min(double[] values)
    {
        double min = double.PositiveInfinity;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
        }

        return min;
    }

    /// <summary>Largest value (negative infinity when empty).</summary>
    public static double Max(double[] values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
