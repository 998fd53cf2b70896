namespace Trading.Benchmarks.Mix50;

/// <summary>
/// The measurement protocol for one engine: verification pass, throughput runs, latency runs.
/// The stream must be generated before calling (protocol step 1).
/// </summary>
public static class Mix50Benchmark
{
    /// <summary>Runs the protocol; throws <see cref="Mix50BenchmarkFailedException"/> if the engine's results differ.</summary>
    public static Mix50Report Measure<TEngine>(TEngine engine, string engineName, Mix50Stream stream, int runs)
        where TEngine : struct, IMix50Engine
    {
        // Step 2: untimed verification pass (also JIT warm-up).
        Mix50Outcome outcome = Mix50Runner.Verify(ref engine, stream);
        string? failure = Mix50Verification.Describe(engineName, stream.Expected, outcome);
        if (failure is not null)
        {
            throw new Mix50BenchmarkFailedException(failure);
        }

        long expectedMeasuredTrades = stream.MeasuredMix.Trades;

        // Step 3: throughput runs.
        var ops = new double[runs];
        var allocated = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            Mix50ThroughputSample sample = Mix50Runner.RunThroughput(ref engine, stream);
            CheckTrades(engineName, "throughput", expectedMeasuredTrades, sample.Trades);
            ops[run] = sample.OpsPerSecond;
            allocated[run] = sample.AllocatedBytesPerOp;
        }

        // Step 4: latency runs.
        var ticks = new long[stream.Parameters.Measured];
        var p50 = new double[runs];
        var p99 = new double[runs];
        var p999 = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            long trades = Mix50Runner.RunLatency(ref engine, stream, ticks);
            CheckTrades(engineName, "latency", expectedMeasuredTrades, trades);
            (p50[run], p99[run], p999[run]) = Mix50Statistics.LatencyPercentiles(ticks);
        }

        return new Mix50Report
        {
            StreamHash = stream.StreamHash,
            Outcome = outcome,
            OpsPerSecMedian = Mix50Statistics.Median(ops),
            OpsPerSecMin = Mix50Statistics.Min(ops),
            OpsPerSecMax = Mix50Statistics.Max(ops),
            P50Ns = Mix50Statistics.Median(p50),
            P99Ns = Mix50Statistics.Median(p99),
            P999Ns = Mix50Statistics.Median(p999),
            AllocatedBytesPerOp = Mix50Statistics.Median(allocated),
        };
    }

    /// <summary>Fails when a timed run reported a different number of trades than the shadow book.</summary>
    internal static void CheckTrades(string engineName, string phase, long expected, long actual)
    {
        if (expected != actual)
        {
            throw new Mix50BenchmarkFailedException(
                $"VERIFICATION FAILED: engine '{engineName}' reported {actual} trades in a {phase} run's measured segment; the shadow book has {expected}.");
        }
    }
}
