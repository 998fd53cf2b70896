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
        var measurement = new Mix50Measurement(engineName, stream, runs);
        measurement.Verify(engine);
        for (int run = 0; run < runs; run++)
        {
            measurement.Throughput(engine, run);
        }

        for (int run = 0; run < runs; run++)
        {
            measurement.Latency(engine, run);
        }

        return measurement.ToReport();
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
