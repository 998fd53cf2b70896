using Trading.Grains.Margin;
using Trading.Grains.Symbols;
using static Trading.Tests.Margin.TestSpecs;

namespace Trading.Tests.Margin;

/// <summary>
/// The working-order collection the pre-trade check sums over: enumeration stays in ascending id order and the kept
/// sums (opening notional and locks per symbol and side, reservations per asset, liquidation orders per symbol) always
/// equal the sums over the orders, through adds, changes made on the orders themselves, and removals.
/// </summary>
public sealed class WorkingOrdersTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Kept_sums_equal_the_sums_over_the_orders_through_adds_changes_and_removals(int seed)
    {
        var random = new Random(seed);
        var specs = new[] { BtcNoFee, EthNoFee, BtcSpot };
        var orders = new WorkingOrders();
        var live = new List<OpenOrder>();
        var removed = new List<OpenOrder>();
        for (var step = 0; step < 5_000; step++)
        {
            var action = random.Next(14);
            if (action < 5 || live.Count == 0)
            {
                var remaining = random.Next(1, 50);
                var opening = random.Next(0, remaining + 1);
                var liquidation = random.Next(4) == 0;
                var order = new OpenOrder
                {
                    OrderId = liquidation ? -random.NextInt64(1, 1_000) : random.NextInt64(1, 1_000_000), // liquidations are negative
                    Spec = specs[random.Next(specs.Length)], Side = random.Next(2) == 0 ? TradeSide.Buy : TradeSide.Sell,
                    Intent = random.Next(3) == 0 ? OrderIntent.Close : OrderIntent.Open, WorstPriceTicks = random.Next(1, 100_000),
                    RemainingQty = remaining, OpeningQty = opening, LockedQty = remaining - opening, Leverage = random.Next(1, 21),
                    IsLiquidation = liquidation,
                };
                order.Recompute();
                if (orders.ContainsKey(order.OrderId)) continue;
                orders.Add(order);
                live.Add(order);
            }
            else if (action < 7)
            {
                // A fill: the order's own setters, as the account changes it.
                var order = live[random.Next(live.Count)];
                var lockUse = Math.Min(order.LockedQty, random.Next(0, (int)order.RemainingQty + 1));
                order.LockedQty -= lockUse;
                order.OpeningQty -= Math.Min(order.OpeningQty, random.Next(0, (int)order.OpeningQty + 1));
                order.RemainingQty = Math.Max(order.OpeningQty + order.LockedQty, order.RemainingQty - lockUse);
                order.Recompute();
            }
            else if (action < 9)
            {
                var order = live[random.Next(live.Count)];
                order.Leverage = random.Next(1, 21);
                order.Recompute();
            }
            else if (action < 10)
            {
                live[random.Next(live.Count)].RestoreAmount(random.Next(0, 1_000_000));
            }
            else if (action < 11 && removed.Count > 0)
            {
                // Changing an order that left the collection must not move its sums.
                var gone = removed[random.Next(removed.Count)];
                gone.LockedQty += 1;
                gone.OpeningQty += 1;
                gone.Recompute();
            }
            else
            {
                var order = live[random.Next(live.Count)];
                Assert.True(orders.Remove(order.OrderId, out var taken));
                Assert.Same(order, taken);
                live.Remove(order);
                removed.Add(order);
            }
            if (step % 25 != 0) continue;
            foreach (var spec in specs)
            {
                long liquidations = 0;
                foreach (var side in new[] { TradeSide.Buy, TradeSide.Sell })
                {
                    long opening = 0, locked = 0;
                    foreach (var o in live)
                    {
                        if (o.Spec.Symbol != spec.Symbol || o.Side != side) continue;
                        opening += spec.Notional(o.WorstPriceTicks, o.OpeningQty);
                        if (o.LockedQty > 0) locked += o.LockedQty;
                        if (o.IsLiquidation) liquidations++;
                    }
                    Assert.Equal(opening, orders.OpeningNotional(spec.Symbol, side));
                    Assert.Equal(locked, orders.Locked(spec.Symbol, side));
                }
                Assert.Equal(liquidations > 0, orders.HasLiquidation(spec.Symbol));
            }
            foreach (var asset in new[] { "USDT", "BTC", "ETH" })
            {
                long reserved = 0;
                foreach (var o in live)
                    if (o.ReservedAsset == asset) reserved += o.ReservedAmount;
                Assert.Equal(reserved, orders.Reserved(asset));
            }
            long previous = long.MinValue;
            var count = 0;
            foreach (var o in orders)
            {
                Assert.True(o.OrderId > previous, $"order {o.OrderId} after {previous}");
                previous = o.OrderId;
                count++;
            }
            Assert.Equal(live.Count, count);
        }
    }

    [Fact]
    public void An_order_works_in_one_collection_at_a_time()
    {
        var order = new OpenOrder
        {
            OrderId = 3, Spec = BtcNoFee, Side = TradeSide.Sell, Intent = OrderIntent.Close, WorstPriceTicks = 100, RemainingQty = 2,
            LockedQty = 2, Leverage = 5,
        };
        var first = new WorkingOrders();
        first.Add(order);
        Assert.Throws<InvalidOperationException>(() => new WorkingOrders().Add(order));
        Assert.Equal(2, first.Locked("BTCUSDT", TradeSide.Sell));
        Assert.True(first.Remove(3));
        var second = new WorkingOrders();
        second.Add(order);
        order.LockedQty = 1;
        Assert.Equal(1, second.Locked("BTCUSDT", TradeSide.Sell));
        Assert.Equal(0, first.Locked("BTCUSDT", TradeSide.Sell));
    }

    [Fact]
    public void A_removed_or_unknown_order_is_not_removed_twice()
    {
        var orders = new WorkingOrders();
        orders.Add(new OpenOrder
        {
            OrderId = 7, Spec = BtcNoFee, Side = TradeSide.Buy, Intent = OrderIntent.Open, WorstPriceTicks = 100, RemainingQty = 2,
            OpeningQty = 2, Leverage = 5,
        });
        Assert.Equal(BtcNoFee.Notional(100, 2), orders.OpeningNotional("BTCUSDT", TradeSide.Buy));
        Assert.True(orders.Remove(7));
        Assert.False(orders.Remove(7));
        Assert.False(orders.Remove(8));
        Assert.Equal(0, orders.OpeningNotional("BTCUSDT", TradeSide.Buy));
        Assert.Equal(0, orders.Count);
    }
}
