namespace Trading.Benchmarks.Mix50;

/// <summary>Everything the <c>mix50</c> suite reports for one engine.</summary>
public sealed record Mix50Report
{
    /// <summary>The command stream hash.</summary>
    public required ulong StreamHash { get; init; }

    /// <summary>The engine's verified outcome over the whole stream.</summary>
    public required Mix50Outcome Outcome { get; init; }

    /// <summary>Median ops/s of the throughput runs.</summary>
    public required double OpsPerSecMedian { get; init; }

    /// <summary>Slowest throughput run.</summary>
    public required double OpsPerSecMin { get; init; }

    /// <summary>Fastest throughput run.</summary>
    public required double OpsPerSecMax { get; init; }

    /// <summary>Median across latency runs of each run's p50, in ns (includes the timer-pair overhead).</summary>
    public required double P50Ns { get; init; }

    /// <summary>Median across latency runs of each run's p99, in ns.</summary>
    public required double P99Ns { get; init; }

    /// <summary>Median across latency runs of each run's p99.9, in ns.</summary>
    public required double P999Ns { get; init; }

    /// <summary>Median over the throughput runs of bytes allocated per measured command.</summary>
    public required double AllocatedBytesPerOp { get; init; }

    /// <summary>Prints the report as <c>name: value</c> lines.</summary>
    public void Print(Mix50Output output)
    {
        output.Verification(StreamHash, Outcome);
        output.Number("ops_per_sec", OpsPerSecMedian, 0);
        output.Number("ops_per_sec_min", OpsPerSecMin, 0);
        output.Number("ops_per_sec_max", OpsPerSecMax, 0);
        output.Number("p50_ns", P50Ns, 0);
        output.Number("p99_ns", P99Ns, 0);
        output.Number("p999_ns", P999Ns, 0);
        output.Number("allocated_bytes_per_op", AllocatedBytesPerOp, 2);
    }
}
