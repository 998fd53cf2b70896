using System.Text.Json;
using Trading.Grains.Matching;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Matching;

public class SnapshotTests
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private static string Serialize(BookSnapshot s) => JsonSerializer.Serialize(s, Json);

    [Fact]
    public void Snapshot_lists_orders_with_queue_positions_stops_and_client_ids()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 1);
        h.Limit(2, 2, Buy, 100, 1);
        h.Limit(3, 1, Buy, 99, 2, cid: 7);
        h.Limit(4, 2, Buy, 99, 3);
        h.Limit(5, 3, Sell, 101, 4);
        h.Stop(6, 4, Buy, OrderType.StopLimit, 105, 106, 1, cid: 8);
        h.Mark(100);
        var s = h.Book.Snapshot();
        Assert.Equal(100, s.LastPrice);
        Assert.Equal(100, s.MarkPrice);
        Assert.Equal(100, s.HighPrice);
        Assert.Equal(1, s.Volume24h);
        Assert.Equal(1, s.TradeSequence);
        Assert.Equal(h.Book.EventSequence, s.EventSequence);
        Assert.Equal(new[] { new DepthLevel(99, 5, 2) }, s.BuyDepth);
        Assert.Equal(new[] { new DepthLevel(101, 4, 1) }, s.SellDepth);
        Assert.Equal(new long[] { 3, 4, 5 }, s.Orders.Select(o => o.OrderId));
        Assert.Equal(new[] { 0, 1, 0 }, s.Orders.Select(o => o.QueuePosition));
        var stop = Assert.Single(s.StopOrders);
        Assert.Equal(6, stop.OrderId);
        Assert.Equal(105, stop.StopPrice);
        Assert.Equal(1, stop.TriggerSequence);
        Assert.Equal(new[] { new ClientOrderIdSnapshot(1, 7, 3), new ClientOrderIdSnapshot(4, 8, 6) }, s.ClientOrderIds);
        Assert.Single(s.StatisticsBuckets);
    }

    [Fact]
    public void Restore_from_json_then_continue_is_identical_to_the_original()
    {
        var spec = BookHarness.Spec(marketProtectionTicks: 15, priceBandPpm: 300_000);
        var settings = new OrderBookSettings { DefaultSelfTradePrevention = SelfTradePrevention.ExpireMaker };
        var original = new OrderBook(spec, settings);
        var gen = new RandomCommands(seed: 11);
        var sink = new EventHasher();
        for (var i = 0; i < 20_000; i++) RandomCommands.WithOwner(gen.NextCommand(), original).Apply(original, ref sink);
        Assert.True(original.StopOrderCount > 0 && original.RestingOrderCount > 0, "the scenario must cover stops and resting orders");

        var json = Serialize(original.Snapshot());
        var restored = OrderBook.Restore(spec, JsonSerializer.Deserialize<BookSnapshot>(json, Json)!);
        Assert.Equal(json, Serialize(restored.Snapshot()));

        var (continueOriginal, continueRestored) = gen.DriveBoth(original, restored, 20_000);
        Assert.True(continueOriginal.Trades > 1000);
        Assert.Equal(continueOriginal.Events, continueRestored.Events);
        Assert.Equal(continueOriginal.Hash, continueRestored.Hash);
        Assert.Equal(Serialize(original.Snapshot()), Serialize(restored.Snapshot()));
    }

    [Fact]
    public void Restore_rejects_an_inconsistent_snapshot()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 99, 2, cid: 7);
        var s = h.Book.Snapshot();
        Assert.Throws<InvalidDataException>(() => OrderBook.Restore(h.Book.Spec, s with { ClientOrderIds = [] }));
        Assert.Throws<InvalidDataException>(() => OrderBook.Restore(h.Book.Spec, s with { Orders = [s.Orders[0], s.Orders[0]] }));
        Assert.Throws<InvalidDataException>(() => OrderBook.Restore(h.Book.Spec with { Symbol = "ETHUSDT" }, s));
        Assert.Throws<InvalidDataException>(() => OrderBook.Restore(h.Book.Spec, s with { Orders = [s.Orders[0] with { FilledQuantity = 2 }] }));
        Assert.Throws<InvalidDataException>(() => OrderBook.Restore(h.Book.Spec, s with { Orders = [s.Orders[0] with { OrderId = 0 }] }));
        Assert.Throws<InvalidDataException>(() => OrderBook.Restore(h.Book.Spec, s with { Orders = [s.Orders[0] with { TimeInForce = TimeInForce.Ioc }] }));
        Assert.Equal(99, OrderBook.Restore(h.Book.Spec, s).BestBid);
    }
}
