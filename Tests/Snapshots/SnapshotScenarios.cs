using Trading.Grains.Exchange.Snapshots;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Snapshots;

/// <summary>The scenario the snapshot tests share, and its capture.</summary>
internal static class SnapshotScenarios
{
    public const long Maker = 1001, Trader = 1002, Shorter = 1003;

    /// <summary>BTCUSDT perpetual: tick 0.1, step 0.001, maker 0.02 %, taker 0.04 %, Binance-like brackets.</summary>
    public static readonly SymbolSpec Btc = Margin.TestSpecs.Btc;

    /// <summary>ETHUSDT perpetual without fees: tick 0.01, step 0.001.</summary>
    public static readonly SymbolSpec Eth = Margin.TestSpecs.EthNoFee;

    /// <summary>
    /// Maker 1001 quotes BTC around 50,000; trader 1002 (isolated 10x) buys 1.2 BTC from the maker's ask, then locks
    /// 0.5 with a reduce-only sell and 0.3 with a CLOSE sell; an order too big for its margin is rejected; the maker
    /// cancels a bid; shorter 1003 sells 1 ETH to the maker's market buy and guards the short with a reduce-only
    /// stop; marks at 50,500 and 2,900.
    /// </summary>
    public static ExchangeScenario Standard()
    {
        var x = new ExchangeScenario();
        x.List(Btc);
        x.List(Eth);
        x.Deposit(Maker, "USDT", 1_000_000m);
        x.Deposit(Trader, "USDT", 100_000m);
        x.Deposit(Shorter, "USDT", 50_000m);
        x.Leverage(Trader, "BTCUSDT", 10, PositionMode.Isolated);
        x.Leverage(Shorter, "ETHUSDT", 5, PositionMode.Cross);

        Assert.Equal(OrderStatus.New, x.Place(Maker, 11, "BTCUSDT", Sell, OrderType.Limit, 50_000m, 2m, clientOrderId: "mm-ask-1"));
        Assert.Equal(OrderStatus.New, x.Place(Maker, 12, "BTCUSDT", Sell, OrderType.Limit, 50_100m, 1m));
        Assert.Equal(OrderStatus.New, x.Place(Maker, 13, "BTCUSDT", Buy, OrderType.Limit, 49_900m, 1.5m));
        Assert.Equal(OrderStatus.New, x.Place(Maker, 14, "BTCUSDT", Buy, OrderType.Limit, 49_900m, 0.5m));
        Assert.Equal(OrderStatus.New, x.Place(Maker, 15, "BTCUSDT", Buy, OrderType.Limit, 49_800m, 1m));

        Assert.Equal(OrderStatus.Filled, x.Place(Trader, 21, "BTCUSDT", Buy, OrderType.Limit, 50_000m, 1.2m, clientOrderId: "t-buy"));
        Assert.Equal(OrderStatus.New, x.Place(Trader, 22, "BTCUSDT", Sell, OrderType.Limit, 51_000m, 0.5m, reduceOnly: true));
        Assert.Equal(OrderStatus.New, x.Place(Trader, 23, "BTCUSDT", Sell, OrderType.Limit, 52_000m, 0.3m, action: PositionAction.Close));
        Assert.Equal(OrderStatus.Rejected, x.Place(Trader, 24, "BTCUSDT", Buy, OrderType.Limit, 50_000m, 100m));
        Assert.True(x.Cancel(Maker, 15, "BTCUSDT"));

        Assert.Equal(OrderStatus.New, x.Place(Shorter, 31, "ETHUSDT", Sell, OrderType.Limit, 3_000m, 2m));
        Assert.Equal(OrderStatus.Filled, x.Place(Maker, 17, "ETHUSDT", Buy, OrderType.Market, 0, 1m, worstPrice: 3_300m, tif: TimeInForce.Ioc));
        Assert.Equal(OrderStatus.New, x.Place(Shorter, 32, "ETHUSDT", Buy, OrderType.StopMarket, 0, 1m, stopPrice: 3_200m, worstPrice: 3_520m,
            reduceOnly: true));

        x.Mark("BTCUSDT", 50_500m);
        x.Mark("ETHUSDT", 2_900m);
        return x;
    }

    public static readonly IReadOnlyDictionary<string, int> Partitions = new Dictionary<string, int>
    {
        ["orders.requests"] = 2, ["orders.commands"] = 2, ["positions.fills"] = 2,
    };

    public static SnapshotCapture CaptureOf(ExchangeScenario x, string snapshotId = "snap-1")
    {
        var (books, positions) = x.Capture();
        return new SnapshotCapture
        {
            SnapshotId = snapshotId, Timestamp = x.Time + 500, Books = books, Positions = positions, Symbols = x.Specs,
            KafkaOffsets = Offsets(x.Time + 400), EngineState = EngineState(),
        };
    }

    public static MatchEngineSnapshot Build() => MatchEngineSnapshotBuilder.Build(CaptureOf(Standard()));

    private static Dictionary<string, KafkaOffsetRecord> Offsets(long time)
    {
        var topics = new Dictionary<string, KafkaOffsetRecord>();
        var offset = 10L;
        foreach (var (topic, count) in Partitions)
        {
            var partitions = new Dictionary<int, PartitionOffsetRecord>();
            for (var p = count - 1; p >= 0; p--)
                partitions[p] = new PartitionOffsetRecord
                {
                    Topic = topic, Partition = p, CurrentOffset = offset, CommittedOffset = offset - 2, PendingOffset = 2, Consistent = true,
                    Timestamp = time,
                };
            offset += 7;
            topics[topic] = KafkaOffsetRecord.FromPartitions(topic, partitions);
        }
        return topics;
    }

    private static EngineStateReference EngineState() => new()
    {
        Parts =
        [
            new EngineStatePart("OrderBook", "orders.commands", 0, 17, 1, new string('a', 64)),
            new EngineStatePart("OrderBook", "orders.commands", 1, 17, 1, new string('b', 64)),
            new EngineStatePart("Position", "orders.requests", 0, 10, 2, new string('c', 64)),
            new EngineStatePart("Position", "orders.requests", 1, 10, 1, new string('d', 64)),
        ],
    };
}
