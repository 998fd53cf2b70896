using FsCheck;
using FsCheck.Fluent;
using Trading.Grains.Exchange.Snapshots;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using static Trading.Tests.Snapshots.SnapshotScenarios;

namespace Trading.Tests.Snapshots;

/// <summary>
/// FsCheck properties over random order flows on the real matching core and margin engine: the builder's document is
/// always valid, deterministic and round-trips byte for byte; and dropping any one order a book holds is caught.
/// </summary>
public class SnapshotPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(60);

    private static Arbitrary<int[]> Scripts() => Arb.From(Gen.Choose(0, 1_000_000).ArrayOf());

    /// <summary>Three users trading BTCUSDT and ETHUSDT around 50,000 and 3,000: limits, markets, reduce-only closes, stops, cancels.</summary>
    private static ExchangeScenario Run(int[] script)
    {
        var x = new ExchangeScenario();
        x.List(Btc);
        x.List(Eth);
        long[] users = [1, 2, 3];
        foreach (var u in users)
        {
            x.Deposit(u, "USDT", 1_000_000m);
            x.Leverage(u, "BTCUSDT", 5, u == 2 ? PositionMode.Isolated : PositionMode.Cross);
        }
        long nextId = 1;
        var open = new List<(long User, long Id, string Symbol)>();
        for (var i = 0; i + 5 < script.Length; i += 6)
        {
            var user = users[script[i] % 3];
            var btc = script[i + 1] % 3 != 0;
            var symbol = btc ? "BTCUSDT" : "ETHUSDT";
            var side = script[i + 2] % 2 == 0 ? OrderSide.Buy : OrderSide.Sell;
            var offset = script[i + 3] % 41 - 20; // ticks of 10 (BTC) or 1 (ETH) around the middle
            var price = btc ? 50_000m + offset * 10m : 3_000m + offset;
            var qty = (script[i + 4] % 20 + 1) * 0.01m;
            var id = nextId++;
            switch (script[i + 5] % 7)
            {
                case 0 when open.Count > 0:
                    var c = open[script[i + 5] % open.Count];
                    x.Cancel(c.User, c.Id, c.Symbol);
                    open.Remove(c);
                    break;
                case 1:
                    x.Place(user, id, symbol, side, OrderType.Market, 0, qty, worstPrice: side == OrderSide.Buy ? price * 1.1m : price, tif: TimeInForce.Ioc);
                    break;
                case 2:
                    if (x.Place(user, id, symbol, side, OrderType.Limit, price, qty, reduceOnly: true) == OrderStatus.New) open.Add((user, id, symbol));
                    break;
                case 3:
                    var stop = side == OrderSide.Buy ? price + (btc ? 500m : 30m) : price - (btc ? 500m : 30m);
                    x.Place(user, id, symbol, side, OrderType.StopMarket, 0, qty, stopPrice: stop, worstPrice: side == OrderSide.Buy ? stop * 1.1m : stop,
                        action: script[i] % 2 == 0 ? PositionAction.Close : PositionAction.Unspecified);
                    break;
                default:
                    if (x.Place(user, id, symbol, side, OrderType.Limit, price, qty, clientOrderId: $"c{id}") is OrderStatus.New or OrderStatus.PartiallyFilled)
                        open.Add((user, id, symbol));
                    break;
            }
        }
        x.Mark("BTCUSDT", 50_050m);
        x.Mark("ETHUSDT", 2_995m);
        return x;
    }

    [Fact]
    public void Documents_of_random_flows_are_valid_deterministic_and_round_trip()
    {
        Prop.ForAll(Scripts(), script =>
        {
            var snapshot = MatchEngineSnapshotBuilder.Build(CaptureOf(Run(script)));
            var json = SnapshotJson.Serialize(snapshot);
            Assert.Empty(SnapshotValidator.Validate(snapshot, Partitions));
            Assert.Equal(json, SnapshotJson.Serialize(MatchEngineSnapshotBuilder.Build(CaptureOf(Run(script)))));
            Assert.Equal(json, SnapshotJson.Serialize(SnapshotJson.Deserialize(json)));
        }).Check(Config);
    }

    [Fact]
    public void Dropping_any_order_a_book_holds_is_caught()
    {
        Prop.ForAll(Scripts(), Arb.From(Gen.Choose(0, int.MaxValue)), (script, pick) =>
        {
            var snapshot = MatchEngineSnapshotBuilder.Build(CaptureOf(Run(script)));
            var held = snapshot.OrderSnapshots.Where(o => o.Location is OrderLocation.Book or OrderLocation.StopBook).ToList();
            if (held.Count == 0) return;
            var victim = held[pick % held.Count];
            var tampered = SnapshotTampering.Reseal(SnapshotTampering.WithoutOrder(snapshot, victim.OrderId));
            var problems = SnapshotValidator.Validate(tampered, Partitions);
            Assert.Contains(problems, p => p.Check == SnapshotChecks.BookOrderMissing && p.Message.Contains($"order {victim.OrderId} "));
        }).Check(Config);
    }
}
