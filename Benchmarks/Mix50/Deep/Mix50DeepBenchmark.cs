namespace Trading.Benchmarks.Mix50;

/// <summary>
/// Deep-book mode: memory per resting order of a pre-filled book, then mix50 throughput on top of it.
/// </summary>
public static class Mix50DeepBenchmark
{
    /// <summary>Runs the deep mode; throws <see cref="Mix50BenchmarkFailedException"/> if the engine's results differ.</summary>
    public static Mix50DeepReport Measure<TEngine>(
        TEngine engine, string engineName, Mix50Stream stream, Mix50Command[] fill, int runs)
        where TEngine : struct, IMix50Engine
    {
        (Mix50Outcome expected, long measuredTrades, long measuredQty) = Mix50DeepBook.Expect(stream, fill);

        // Memory: fresh engine, fill only, managed heap before/after.
        engine.Reset();
        Mix50Runner.FullGc();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var fillListener = new TradeHashListener();
        Mix50Runner.Replay(ref engine, fill, ref fillListener);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        if (fillListener.Trades != 0 || engine.RestingOrders != fill.Length)
        {
            throw new Mix50BenchmarkFailedException(
                $"VERIFICATION FAILED: engine '{engineName}' traded {fillListener.Trades} times or holds {engine.RestingOrders} orders after a non-crossing fill of {fill.Length}.");
        }

        // Untimed verification of fill + stream against the shadow book.
        var listener = fillListener;
        Mix50Runner.Replay(ref engine, stream.Commands, ref listener);
        var actual = new Mix50Outcome(
            listener.Trades, listener.TradedQty, listener.Hash, engine.RestingOrders, engine.ComputeRestingChecksum());
        string? failure = Mix50Verification.Describe(engineName + " (deep book)", expected, actual);
        if (failure is not null)
        {
            throw new Mix50BenchmarkFailedException(failure);
        }

        var ops = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            Mix50Runner.PrepareRun(ref engine, stream, fill);
            Mix50ThroughputSample sample = Mix50Runner.TimeMeasured(ref engine, stream.Measured);
            Mix50Benchmark.CheckTrades(engineName, "deep throughput", measuredTrades, measuredQty, sample.Trades, sample.TradedQty);
            ops[run] = sample.OpsPerSecond;
        }

        return new Mix50DeepReport
        {
            DeepOrders = fill.Length,
            BytesPerOrder = (double)(after - before) / fill.Length,
            RestingOrdersAfter = actual.RestingOrders,
            OpsPerSecMedian = Mix50Statistics.Median(ops),
            OpsPerSecMin = Mix50Statistics.Min(ops),
            OpsPerSecMax = Mix50Statistics.Max(ops),
        };
    }
}
