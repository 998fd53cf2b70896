using System.Diagnostics;
using Trading.Grains.Matching;

namespace Trading.Benchmarks.OrderBookBenchmarks;

/// <summary>
/// "book" suite: quick Stopwatch checks of the order book on the mix50 stream (throughput, latency percentiles,
/// allocations) and the managed memory of a deep book with 1,000,000 resting orders.
/// </summary>
public static class BookThroughput
{
    private const int Warmup = 100_000;
    private const int Measured = 1_000_000;

    public static int Run(string[] args)
    {
        var runs = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 5;
        var sw = Stopwatch.StartNew();
        var (commands, hash) = Mix50Workload.Generate(Warmup + Measured);
        Console.WriteLine($"generated {commands.Length:N0} commands in {sw.ElapsedMilliseconds} ms, stream hash 0x{hash:X16} (expected 0x8C7E090B99196D10): {(hash == 0x8C7E090B99196D10 ? "OK" : "MISMATCH")}");

        var verify = new OrderBook(Mix50Workload.Spec);
        var trades = new TradeHashSink();
        for (var i = 0; i < commands.Length; i++) Mix50Workload.Apply(verify, commands[i], i, ref trades);
        var again = new OrderBook(Mix50Workload.Spec);
        var trades2 = new TradeHashSink();
        for (var i = 0; i < commands.Length; i++) Mix50Workload.Apply(again, commands[i], i, ref trades2);
        if (trades2.Hash != trades.Hash) Console.WriteLine("NON-DETERMINISTIC: second pass trade hash differs");
        Thread.Sleep(500); // let the tiered JIT finish promoting hot methods
        Console.WriteLine($"verification: {trades.Trades:N0} trades, trade hash 0x{trades.Hash:X16}, resting {verify.RestingOrderCount}, levels {verify.BidLevelCount}/{verify.AskLevelCount}");

        var results = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var book = Prepared(commands, out var sink);
            var allocBefore = GC.GetAllocatedBytesForCurrentThread();
            var elapsed = TimedLoop(book, commands, ref sink);
            var alloc = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
            var opsPerSec = Measured / ((double)elapsed / Stopwatch.Frequency);
            results.Add(opsPerSec);
            Console.WriteLine($"throughput run {run}: {opsPerSec / 1e6:F2} M commands/s, allocated {alloc} bytes ({(double)alloc / Measured:F3} B/command), trades {sink.Trades}");
        }
        results.Sort();
        Console.WriteLine($"throughput median: {results[results.Count / 2] / 1e6:F2} M commands/s");

        var p50s = new List<double>(); var p99s = new List<double>(); var p999s = new List<double>();
        var samples = new long[Measured];
        for (var run = 0; run < runs; run++)
        {
            var book = Prepared(commands, out var sink);
            LatencyLoop(book, commands, samples, ref sink);
            Array.Sort(samples);
            double ns(double q) => samples[(int)(q * (Measured - 1))] * 1e9 / Stopwatch.Frequency;
            p50s.Add(ns(0.5)); p99s.Add(ns(0.99)); p999s.Add(ns(0.999));
            Console.WriteLine($"latency run {run}: p50 {ns(0.5):F0} ns, p99 {ns(0.99):F0} ns, p99.9 {ns(0.999):F0} ns, max {ns(1):F0} ns");
        }
        p50s.Sort(); p99s.Sort(); p999s.Sort();
        Console.WriteLine($"latency median of runs: p50 {p50s[runs / 2]:F0} ns, p99 {p99s[runs / 2]:F0} ns, p99.9 {p999s[runs / 2]:F0} ns");

        DeepBookMemory(1_000_000);
        return 0;
    }

    /// <summary>The timed loop, fully optimised from the start (no tier-0 / OSR code in the measurement).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long TimedLoop(OrderBook book, Mix50Command[] commands, ref TradeHashSink sink)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = Warmup; i < commands.Length; i++) Mix50Workload.Apply(book, commands[i], i, ref sink);
        return Stopwatch.GetTimestamp() - start;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void LatencyLoop(OrderBook book, Mix50Command[] commands, long[] samples, ref TradeHashSink sink)
    {
        for (var i = Warmup; i < commands.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            Mix50Workload.Apply(book, commands[i], i, ref sink);
            samples[i - Warmup] = Stopwatch.GetTimestamp() - t0;
        }
    }

    private static OrderBook Prepared(Mix50Command[] commands, out TradeHashSink sink)
    {
        var book = new OrderBook(Mix50Workload.Spec);
        sink = new TradeHashSink();
        for (var i = 0; i < Warmup; i++) Mix50Workload.Apply(book, commands[i], i, ref sink);
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        return book;
    }

    /// <summary>Managed bytes per resting order of a book holding <paramref name="orders"/> non-crossing orders.</summary>
    public static void DeepBookMemory(int orders)
    {
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var before = GC.GetTotalMemory(true);
        var book = new OrderBook(Mix50Workload.Spec);
        var sink = new NullEventSink();
        var rng = new SplitMix64(7);
        for (var i = 0; i < orders; i++)
        {
            var buy = (i & 1) == 0;
            var d = 1 + rng.U(5_000);
            book.Place(PlaceOrder.Limit(i + 1, 1 + rng.U(10_000), buy ? OrderSide.Buy : OrderSide.Sell,
                buy ? 100_000 - d : 100_000 + d, 1 + rng.U(100), i), ref sink);
        }
        var after = GC.GetTotalMemory(true);
        Console.WriteLine($"deep book: {book.RestingOrderCount:N0} resting orders in {book.BidLevelCount + book.AskLevelCount:N0} levels, " +
                          $"{after - before:N0} bytes managed = {(double)(after - before) / orders:F1} bytes/order");
        GC.KeepAlive(book);
    }
}
