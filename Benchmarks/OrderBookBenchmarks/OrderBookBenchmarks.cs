using Trading.Benchmarks.Mix50;
using BenchmarkDotNet.Attributes;
using Trading.Grains.Matching;

namespace Trading.Benchmarks.OrderBookBenchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of the order book on a ~1,000-order, ~80-level book: place + cancel,
/// amend, and a market order sweeping 10 levels. Run with <c>-- bdn-book</c>.
/// </summary>
[MemoryDiagnoser]
public class OrderBookBenchmarks
{
    private const int Batch = 1000;
    private OrderBook book = null!;
    private long nextId;
    private long time;
    private NullEventSink sink;

    [GlobalSetup]
    public void Setup()
    {
        book = new OrderBook(Trading.Benchmarks.Mix50.OrderBookEngine.Spec);
        var rng = new SplitMix64(1);
        for (nextId = 1; nextId <= 1000; nextId++)
        {
            var buy = (nextId & 1) == 0;
            var d = 20 + rng.U(40);
            book.Place(PlaceOrder.Limit(nextId, 1 + rng.U(1000), buy ? OrderSide.Buy : OrderSide.Sell,
                buy ? 100_000 - d : 100_000 + d, 1 + rng.U(100), time++), ref sink);
        }
    }

    /// <summary>Places 1,000 resting GTC orders then cancels them (2,000 commands, reported per command).</summary>
    [Benchmark(OperationsPerInvoke = 2 * Batch)]
    public void PlaceThenCancel()
    {
        var first = nextId;
        for (var i = 0; i < Batch; i++)
        {
            var buy = (i & 1) == 0;
            book.Place(PlaceOrder.Limit(nextId++, 7, buy ? OrderSide.Buy : OrderSide.Sell,
                buy ? 99_970 - (i % 30) : 100_030 + (i % 30), 10, time++), ref sink);
        }
        for (var id = first; id < nextId; id++) book.Cancel(CancelOrder.ById(id, 7, time++), ref sink);
    }

    /// <summary>Amends a resting order: quantity down (keeps priority), then up (re-queues), alternately.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void Amend()
    {
        for (var i = 0; i < Batch; i++)
            book.Amend(AmendOrder.Of(501, UserOf(501), 0, (i & 1) == 0 ? 2 : 90, time++), ref sink);
    }

    /// <summary>Refills 10 ask levels with one order each, then one MARKET buy sweeps them (11 commands).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void MarketSweep10Levels()
    {
        for (var i = 0; i < Batch; i++)
        {
            for (var l = 0; l < 10; l++)
                book.Place(PlaceOrder.Limit(nextId++, 9, OrderSide.Sell, 100_001 + l, 5, time), ref sink);
            book.Place(PlaceOrder.Market(nextId++, 8, OrderSide.Buy, 50, time++, protectionTicks: 0), ref sink);
        }
    }

    private long UserOf(long id) => book.TryGetOrder(id, out var v) ? v.UserId : 0;
}
