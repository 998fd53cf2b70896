using System.Security.Cryptography;
using System.Text.Json;
using Trading.Grains.Exchange.Snapshots;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using static Trading.Tests.Snapshots.SnapshotScenarios;

namespace Trading.Tests.Snapshots;

/// <summary>The document the builder makes of the standard scenario's checkpoint states, field by field.</summary>
public class MatchEngineSnapshotBuilderTests
{
    private static readonly MatchEngineSnapshot Snapshot = Build();

    [Fact]
    public void Header_names_the_snapshot_and_its_time()
    {
        Assert.Equal("snap-1", Snapshot.SnapshotId);
        Assert.Equal(1_795_000_022_500, Snapshot.Timestamp); // 22 scenario steps of 1 s after 1,795,000,000,000, plus 500 ms
        Assert.Equal("2026-11-18T11:07:02.500Z", Snapshot.SnapshotTime);
        Assert.Equal(1_795_000_022_500, DateTimeOffset.Parse(Snapshot.SnapshotTime!).ToUnixTimeMilliseconds());
        Assert.Equal("RUNNING", Snapshot.EngineStatus);
    }

    [Fact]
    public void Books_carry_statistics_depth_and_the_ids_they_hold_in_priority_order()
    {
        Assert.Equal(["BTCUSDT", "ETHUSDT"], Snapshot.OrderBookSnapshots.Keys);
        var btc = Snapshot.OrderBookSnapshots["BTCUSDT"];
        Assert.Equal("BTCUSDT", btc.Symbol);
        Assert.Equal(50_000m, btc.LastPrice);
        Assert.Equal(50_000m, btc.HighPrice);
        Assert.Equal(50_000m, btc.LowPrice);
        Assert.Equal(1.2m, btc.Volume24h);
        Assert.Equal(60_000m, btc.QuoteVolume24h);
        Assert.Equal(50_500m, btc.MarkPrice);
        Assert.Equal(1, btc.TradeCount);
        Assert.Equal([new DepthLevelRecord(49_900m, 2m, 2)], btc.BuyDepth);
        // 11 keeps 0.8 of its 2 after selling 1.2 to 21; 22 and 23 are the trader's closing sells
        Assert.Equal([new DepthLevelRecord(50_000m, 0.8m, 1), new DepthLevelRecord(50_100m, 1m, 1), new DepthLevelRecord(51_000m, 0.5m, 1),
            new DepthLevelRecord(52_000m, 0.3m, 1)], btc.SellDepth);
        Assert.Equal([13L, 14, 11, 12, 22, 23], btc.OrderIds);
        Assert.Empty(btc.StopOrderIds);

        var eth = Snapshot.OrderBookSnapshots["ETHUSDT"];
        Assert.Equal(3_000m, eth.LastPrice);
        Assert.Equal(2_900m, eth.MarkPrice);
        Assert.Equal(1m, eth.Volume24h);
        Assert.Empty(eth.BuyDepth);
        Assert.Equal([new DepthLevelRecord(3_000m, 1m, 1)], eth.SellDepth);
        Assert.Equal([31L], eth.OrderIds);
        Assert.Equal([32L], eth.StopOrderIds);
    }

    [Fact]
    public void Orders_are_listed_once_by_id_with_the_book_and_the_journal_combined()
    {
        Assert.Equal([11L, 12, 13, 14, 15, 17, 21, 22, 23, 24, 31, 32], Snapshot.OrderSnapshots.Select(o => o.OrderId));
        var o11 = Get(11);
        Assert.Equal((Maker, "BTCUSDT", OrderSide.Sell, OrderType.Limit, PositionAction.Unspecified), (o11.UserId, o11.Symbol, o11.Side, o11.Type, o11.PositionAction));
        Assert.Equal((50_000m, 2m, 0.8m, 1.2m), (o11.Price, o11.Quantity, o11.RemainingQuantity, o11.FilledQuantity));
        Assert.Equal(OrderStatus.PartiallyFilled, o11.Status);
        Assert.Equal("mm-ask-1", o11.ClientOrderId); // the text only the journal knows (the book has its hash)
        Assert.Null(o11.Remark);
        Assert.Equal(OrderLocation.Book, o11.Location);
        Assert.Equal(1_795_000_008_000, o11.CreateTime);
        Assert.Equal(1_795_000_013_000, o11.UpdateTime); // the fill

        var o15 = Get(15);
        Assert.Equal((OrderStatus.Canceled, OrderLocation.History, "CANCELED_BY_USER"), (o15.Status, o15.Location, o15.Remark));
        Assert.Equal((1m, 0m, 0m), (o15.Quantity, o15.FilledQuantity, o15.RemainingQuantity));

        var o21 = Get(21);
        Assert.Equal((OrderStatus.Filled, OrderLocation.History, "t-buy", 1.2m, 0m), (o21.Status, o21.Location, o21.ClientOrderId, o21.FilledQuantity, o21.RemainingQuantity));

        var o22 = Get(22);
        Assert.True(o22.ReduceOnly);
        Assert.Equal((51_000m, 0.5m, OrderLocation.Book), (o22.Price, o22.RemainingQuantity, o22.Location));
        Assert.Equal(PositionAction.Close, Get(23).PositionAction);

        var o24 = Get(24);
        Assert.Equal((OrderStatus.Rejected, "INSUFFICIENT_BALANCE", 100m, 0m), (o24.Status, o24.Remark, o24.Quantity, o24.RemainingQuantity));

        var o32 = Get(32);
        Assert.Equal((OrderType.StopMarket, 0m, 3_200m, 1m, OrderLocation.StopBook), (o32.Type, o32.Price, o32.StopPrice, o32.RemainingQuantity, o32.Location));
        Assert.Equal(OrderStatus.New, o32.Status);
        Assert.Equal(Shorter, o32.UserId);

        static OrderRecord Get(long id) => Snapshot.OrderSnapshots.Single(o => o.OrderId == id);
    }

    [Fact]
    public void Positions_carry_every_field_with_the_margin_engines_values()
    {
        Assert.Equal(["1001_BTCUSDT", "1001_ETHUSDT", "1002_BTCUSDT", "1003_ETHUSDT"], Snapshot.PositionSnapshots.Keys);
        var p = Snapshot.PositionSnapshots["1002_BTCUSDT"];
        Assert.Equal((Trader, "BTCUSDT", "BTC", "USDT"), (p.UserId, p.Symbol, p.BaseCurrency, p.QuoteCurrency));
        Assert.Equal((PositionSide.Long, PositionMode.Isolated, 10), (p.Side, p.PositionMode, p.Leverage));
        Assert.Equal((1.2m, 50_000m), (p.Quantity, p.AveragePrice));
        Assert.Equal(600m, p.UnrealizedPnl); // 1.2 * (50,500 - 50,000)
        Assert.Equal(0m, p.RealizedPnl);
        Assert.Equal(6_000m, p.Margin); // 60,000 / 10
        Assert.Equal(253m, p.MaintenanceMargin); // 60,600 at mark * 0.5 % - 50 (second bracket)
        Assert.Equal(0.038334m, p.RiskRatio); // 253 / (6,000 + 600), rounded up to 1e-6
        Assert.Equal(45_184.3m, p.LiquidationPrice); // (6,000 - 60,000 + 50) / (1.2 * 0.005 - 1.2) = 45,184.25..., up to the tick
        Assert.Equal(PositionStatus.Open, p.Status);
        Assert.Equal((0.8m, 0.4m, LockStatus.PartiallyLocked), (p.LockedQuantity, p.AvailableQuantity, p.LockStatus));
        Assert.Equal((1_795_000_013_000, 1_795_000_013_000), (p.CreateTime, p.UpdateTime));
        Assert.Equal(50_500m, p.MarkPrice);

        var s = Snapshot.PositionSnapshots["1003_ETHUSDT"];
        Assert.Equal((PositionSide.Short, PositionMode.Cross, 5, 1m), (s.Side, s.PositionMode, s.Leverage, s.Quantity));
        Assert.Equal((100m, 580m), (s.UnrealizedPnl, s.Margin)); // cross initial margin at mark: 2,900 / 5
        Assert.Equal((1m, 0m, LockStatus.FullyLocked), (s.LockedQuantity, s.AvailableQuantity, s.LockStatus));

        var m = Snapshot.PositionSnapshots["1001_BTCUSDT"];
        Assert.Equal((PositionSide.Short, PositionMode.Cross, 20, 1.2m, -600m, LockStatus.None), (m.Side, m.PositionMode, m.Leverage, m.Quantity, m.UnrealizedPnl, m.LockStatus));
    }

    [Fact]
    public void Derived_position_fields_are_the_accounts_own()
    {
        var x = Standard();
        var snapshot = MatchEngineSnapshotBuilder.Build(CaptureOf(x));
        foreach (var (userId, symbol) in new[] { (Maker, "BTCUSDT"), (Maker, "ETHUSDT"), (Trader, "BTCUSDT"), (Shorter, "ETHUSDT") })
        {
            var account = x.AccountOf(userId);
            var spec = x.Specs[symbol];
            var p = snapshot.PositionSnapshots[PositionRecord.KeyOf(userId, symbol)];
            Assert.Equal(spec.TicksToPrice(account.LiquidationPrice(symbol)), p.LiquidationPrice);
            Assert.Equal((decimal)account.RiskRatioPpm(symbol) / 1_000_000, p.RiskRatio);
            Assert.Equal(spec.LotsToQuantity(account.LockedQuantity(symbol)), p.LockedQuantity);
            Assert.Equal(account.LockStatusOf(symbol), p.LockStatus);
        }
    }

    [Fact]
    public void Locks_list_each_locking_order()
    {
        Assert.Equal(
        [
            new PositionLockRecord { PositionKey = "1002_BTCUSDT", UserId = Trader, Symbol = "BTCUSDT", OrderId = 22, Side = OrderSide.Sell, LockedQuantity = 0.5m, LockSequence = 1 },
            new PositionLockRecord { PositionKey = "1002_BTCUSDT", UserId = Trader, Symbol = "BTCUSDT", OrderId = 23, Side = OrderSide.Sell, LockedQuantity = 0.3m, LockSequence = 2 },
            new PositionLockRecord { PositionKey = "1003_ETHUSDT", UserId = Shorter, Symbol = "ETHUSDT", OrderId = 32, Side = OrderSide.Buy, LockedQuantity = 1m, LockSequence = 1 },
        ], Snapshot.PositionLockSnapshots);
    }

    [Fact]
    public void Accounts_carry_wallet_available_and_frozen_balances()
    {
        Assert.Equal(["1001", "1002", "1003"], Snapshot.AccountSnapshots.Keys);
        var trader = Snapshot.AccountSnapshots["1002"].Balances["USDT"];
        Assert.Equal(99_976m, trader.WalletBalance); // 100,000 - taker fee 24 (0.04 % of 60,000)
        Assert.Equal(93_976m, trader.AvailableBalance); // minus the isolated margin
        Assert.Equal((0m, 6_000m, 600m, 100_576m, 24m), (trader.ReservedForOrders, trader.IsolatedMargin, trader.UnrealizedPnl, trader.MarginBalance, trader.FeesPaid));

        var maker = Snapshot.AccountSnapshots["1001"].Balances["USDT"];
        Assert.Equal(999_988m, maker.WalletBalance); // maker fee 12
        // resting orders at 20x plus taker fee: 11 (0.8 @ 50,000) 2,016 + 12 2,525.04 + 13 3,772.44 + 14 1,257.48
        Assert.Equal(9_570.96m, maker.ReservedForOrders);
        Assert.Equal(-700m, maker.UnrealizedPnl); // -600 BTC short, -100 ETH long

        var shorter = Snapshot.AccountSnapshots["1003"].Balances["USDT"];
        Assert.Equal(600m, shorter.ReservedForOrders); // 31's opening 1 ETH at 5x; the reduce-only stop holds nothing
        Assert.Equal(48_820m, shorter.AvailableBalance); // 50,000 - 600 - cross margin 580
    }

    [Fact]
    public void Symbols_carry_their_rules_and_risk_limits()
    {
        var btc = Snapshot.SymbolSnapshots["BTCUSDT"];
        Assert.Equal((0.001m, 1_000m, 0.1m, 0.001m), (btc.MinQuantity, btc.MaxQuantity, btc.TickSize, btc.StepSize));
        Assert.Equal(5, btc.RiskLimitConfig.Count);
        Assert.Equal(new RiskLimitRecord(0m, 50_000m, 125, 0.004m, 0m), btc.RiskLimitConfig[0]);
        Assert.Equal(new RiskLimitRecord(50_000m, 250_000m, 100, 0.005m, 50m), btc.RiskLimitConfig[1]);
        Assert.Equal((0.0002m, 0.0004m, "PERPETUAL"), (btc.MakerFee, btc.TakerFee, btc.Kind));
        var spec = btc.ToDefinition().ToSpec(out var problems);
        Assert.Empty(problems);
        Assert.Equal(Btc.NotionalMultiplier, spec!.NotionalMultiplier);
        Assert.Equal(Btc.Brackets, spec.Brackets);
    }

    [Fact]
    public void Memory_stats_count_the_sections()
    {
        Assert.Equal(new MemoryStats
        {
            TotalOrderBooks = 2, TotalPositions = 4, TotalSymbols = 2, TotalOrders = 12, TotalTrades = 2, TotalVolume24h = 2.2m,
            TotalLockedPositions = 2, TotalActiveOrders = 8,
        }, Snapshot.MemoryStats);
    }

    [Fact]
    public void Offsets_and_engine_state_are_the_callers()
    {
        Assert.Equal(["orders.commands", "orders.requests", "positions.fills"], Snapshot.KafkaOffsetSnapshots.Keys);
        var topic = Snapshot.KafkaOffsetSnapshots["orders.commands"];
        Assert.Equal([0, 1], topic.Partitions.Keys);
        Assert.Equal((34L, 30L, 4L, true), (topic.CurrentOffset, topic.CommittedOffset, topic.PendingOffset, topic.Consistent));
        Assert.Equal(4, Snapshot.EngineState!.Parts.Count);
    }

    [Fact]
    public void Each_checksum_is_the_sha256_of_the_sections_bytes_in_the_document()
    {
        var json = SnapshotJson.Serialize(Snapshot);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(SnapshotSections.All, Snapshot.Checksums.Keys);
        foreach (var section in SnapshotSections.All)
        {
            var raw = System.Text.Encoding.UTF8.GetBytes(doc.RootElement.GetProperty(section).GetRawText());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(raw)), Snapshot.Checksums[section]);
        }
    }

    [Fact]
    public void Document_uses_the_seed_field_names_and_decimal_strings()
    {
        var json = System.Text.Encoding.UTF8.GetString(SnapshotJson.Serialize(Snapshot));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var name in new[] { "snapshotId", "timestamp", "snapshotTime", "engineStatus", "orderBookSnapshots", "positionSnapshots",
                     "orderSnapshots", "positionLockSnapshots", "symbolSnapshots", "memoryStats", "kafkaOffsetSnapshots", "accountSnapshots",
                     "engineState", "checksums" })
            Assert.True(root.TryGetProperty(name, out _), name);
        AssertNames(root.GetProperty("orderBookSnapshots").GetProperty("BTCUSDT"),
            "symbol", "lastPrice", "highPrice", "lowPrice", "volume24h", "buyDepth", "sellDepth", "orderIds", "stopOrderIds");
        AssertNames(root.GetProperty("positionSnapshots").GetProperty("1002_BTCUSDT"), "userId", "symbol", "baseCurrency", "quoteCurrency",
            "side", "positionMode", "quantity", "averagePrice", "unrealizedPnl", "realizedPnl", "margin", "riskRatio", "leverage",
            "liquidationPrice", "status", "lockedQuantity", "availableQuantity", "lockStatus", "createTime", "updateTime");
        AssertNames(root.GetProperty("orderSnapshots")[0], "orderId", "userId", "symbol", "side", "type", "positionAction", "price", "quantity",
            "remainingQuantity", "filledQuantity", "status", "clientOrderId", "remark", "createTime", "updateTime");
        AssertNames(root.GetProperty("symbolSnapshots").GetProperty("BTCUSDT"), "symbol", "minQuantity", "maxQuantity", "tickSize", "riskLimitConfig");
        AssertNames(root.GetProperty("memoryStats"), "totalOrderBooks", "totalPositions", "totalSymbols", "totalOrders", "totalTrades",
            "totalVolume24h", "totalLockedPositions", "totalActiveOrders");
        AssertNames(root.GetProperty("kafkaOffsetSnapshots").GetProperty("orders.commands"), "topic", "currentOffset", "committedOffset",
            "pendingOffset", "consistent", "timestamp", "partitions");
        AssertNames(root.GetProperty("kafkaOffsetSnapshots").GetProperty("orders.commands").GetProperty("partitions").GetProperty("0"),
            "topic", "partition", "currentOffset", "committedOffset", "pendingOffset", "consistent", "timestamp");
        Assert.Contains("\"price\":\"50000.0\"", json);
        Assert.Contains("\"side\":\"Sell\"", json);
        Assert.Contains("\"remainingQuantity\":\"0.800\"", json);

        static void AssertNames(JsonElement e, params string[] names)
        {
            foreach (var name in names) Assert.True(e.TryGetProperty(name, out _), name);
        }
    }
}
