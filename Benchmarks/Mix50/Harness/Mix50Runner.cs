using System.Diagnostics;

namespace Trading.Benchmarks.Mix50;

/// <summary>
/// The measurement loops of the protocol, generic over a struct engine so each engine gets its own
/// specialised, dispatch-free code. No LINQ and no allocation of the harness's own inside timed loops.
/// Every pass uses the same <see cref="TradeHashListener"/> type, so the untimed verification pass
/// JIT-warms exactly the engine code (generic instantiation) that the timed loops run.
/// </summary>
public static class Mix50Runner
{
    /// <summary>Applies <paramref name="commands"/> untimed.</summary>
    public static void Replay<TEngine, TListener>(ref TEngine engine, ReadOnlySpan<Mix50Command> commands, ref TListener listener)
        where TEngine : struct, IMix50Engine
        where TListener : struct, IMix50TradeListener
    {
        for (int i = 0; i < commands.Length; i++)
        {
            engine.Apply(in commands[i], ref listener);
        }
    }

    /// <summary>
    /// Protocol step 2: fresh engine, whole stream untimed, trades hashed; returns what the engine
    /// produced. An exception thrown by the engine becomes a <see cref="Mix50BenchmarkFailedException"/>
    /// naming the command that caused it.
    /// </summary>
    public static Mix50Outcome Verify<TEngine>(ref TEngine engine, Mix50Stream stream)
        where TEngine : struct, IMix50Engine
    {
        engine.Reset();
        var listener = new TradeHashListener();
        Mix50Command[] commands = stream.Commands;
        for (int i = 0; i < commands.Length; i++)
        {
            try
            {
                engine.Apply(in commands[i], ref listener);
            }
            catch (Exception e)
            {
                throw new Mix50BenchmarkFailedException(
                    $"VERIFICATION FAILED: engine threw {e.GetType().Name} at command #{i} ({commands[i]}): {e.Message}", e);
            }
        }

        return new Mix50Outcome(
            listener.Trades, listener.TradedQty, listener.Hash, engine.RestingOrders, engine.ComputeRestingChecksum());
    }

    /// <summary>
    /// Fresh engine, optional <paramref name="prefill"/> (deep mode) and the warm-up replayed untimed,
    /// then a full blocking GC.
    /// </summary>
    public static void PrepareRun<TEngine>(ref TEngine engine, Mix50Stream stream, ReadOnlySpan<Mix50Command> prefill = default)
        where TEngine : struct, IMix50Engine
    {
        engine.Reset();
        var listener = new TradeHashListener();
        Replay(ref engine, prefill, ref listener);
        Replay(ref engine, stream.Warmup, ref listener);
        FullGc();
    }

    /// <summary>
    /// Times the measured segment on an already prepared engine with one timestamp pair around the loop.
    /// </summary>
    public static Mix50ThroughputSample TimeMeasured<TEngine>(ref TEngine engine, ReadOnlySpan<Mix50Command> measured)
        where TEngine : struct, IMix50Engine
    {
        var listener = new TradeHashListener();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < measured.Length; i++)
        {
            engine.Apply(in measured[i], ref listener);
        }

        long end = Stopwatch.GetTimestamp();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double seconds = (double)(end - start) / Stopwatch.Frequency;
        return new Mix50ThroughputSample(measured.Length / seconds, (double)allocated / measured.Length, listener.Trades, listener.TradedQty);
    }

    /// <summary>Protocol step 3: one throughput run.</summary>
    public static Mix50ThroughputSample RunThroughput<TEngine>(ref TEngine engine, Mix50Stream stream)
        where TEngine : struct, IMix50Engine
    {
        PrepareRun(ref engine, stream);
        return TimeMeasured(ref engine, stream.Measured);
    }

    /// <summary>
    /// Protocol step 4: one latency run; writes one elapsed-tick sample per measured command into
    /// <paramref name="ticks"/> (length = measured commands) and returns the listener that saw the
    /// measured segment's trades.
    /// </summary>
    public static TradeHashListener RunLatency<TEngine>(ref TEngine engine, Mix50Stream stream, long[] ticks)
        where TEngine : struct, IMix50Engine
    {
        PrepareRun(ref engine, stream);
        ReadOnlySpan<Mix50Command> measured = stream.Measured;
        if (ticks.Length != measured.Length)
        {
            throw new ArgumentException("one sample slot per measured command is required", nameof(ticks));
        }

        var listener = new TradeHashListener();
        for (int i = 0; i < measured.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            engine.Apply(in measured[i], ref listener);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        return listener;
    }

    /// <summary>A full, blocking, compacting collection including finalizers.</summary>
    public static void FullGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
