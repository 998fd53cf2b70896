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


        // Step 3: throughput runs.
        var ops = new double[runs];
        var allocated = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            Mix50ThroughputSample sample = Mix50Runner.RunThroughput(ref engine, stream);
            CheckTrades(engineName, "throughput", stream.MeasuredMix.Trades, stream.MeasuredMix.TradedQty, sample.Trades, sample.TradedQty);
            ops[run] = sample.OpsPerSecond;
            allocated[run] = sample.AllocatedBytesPerOp;
            Console.Error.WriteLine($"mix50: {engineName} throughput run {run + 1}: {sample.OpsPerSecond:F0} ops/s, {sample.AllocatedBytesPerOp:F2} B/op");
        }

        // Step 4: latency runs.
        var ticks = new long[stream.Parameters.Measured];
        var p50 = new double[runs];
        var p99 = new double[runs];
        var p999 = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            TradeHashListener trades = Mix50Runner.RunLatency(ref engine, stream, ticks);
            CheckTrades(engineName, "latency", stream.MeasuredMix.Trades, stream.MeasuredMix.TradedQty, trades.Trades, trades.TradedQty);
            (p50[run], p99[run], p999[run]) = Mix50Statistics.LatencyPercentiles(ticks);
            Console.Error.WriteLine($"mix50: {engineName} latency run {run + 1}: p50 {p50[run]:F0} ns, p99 {p99[run]:F0} ns, p99.9 {p999[run]:F0} ns");
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

    /// <summary>Fails when a timed run reported other trade totals than the shadow book.</summary>
    internal static void CheckTrades(
        string engineName, string phase, long expectedTrades, long expectedQty, long actualTrades, long actualQty)
    {
        if (expectedTrades != actualTrades || expectedQty != actualQty)
        {
            throw new Mix50BenchmarkFailedException(
                $"VERIFICATION FAILED: engine '{engineName}' reported {actualTrades} trades / {actualQty} lots in a {phase} run's measured segment; the shadow book has {expectedTrades} / {expectedQty}.");
        }
    }
}
