using Trading.Grains.Margin;
using Trading.Grains.Symbols;
using static Trading.Tests.Margin.TestSpecs;

namespace Trading.Tests.Margin;

/// <summary>
/// The working-order collection the pre-trade check sums over: enumeration stays in ascending id order and the kept
/// opening notional per (symbol, side) always equals the sum over the orders, through adds, fills and removals.
/// </summary>
public sealed class WorkingOrdersTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Opening_notional_per_symbol_and_side_equals_the_sum_over_the_orders(int seed)
    {
        var random = new Random(seed);
        var specs = new[] { BtcNoFee, EthNoFee };
        var orders = new WorkingOrders();
        var live = new List<OpenOrder>();
        for (var step = 0; step < 5_000; step++)
        {
            var action = random.Next(10);
            if (action < 5 || live.Count == 0)
            {
                var remaining = random.Next(1, 50);
                var order = new OpenOrder
                {
                    OrderId = random.Next(2) == 0 ? random.NextInt64(1, 1_000_000) : -random.NextInt64(1, 1_000), // liquidations are negative
                    Spec = specs[random.Next(specs.Length)], Side = random.Next(2) == 0 ? TradeSide.Buy : TradeSide.Sell,
                    Intent = OrderIntent.Open, WorstPriceTicks = random.Next(1, 100_000), RemainingQty = remaining,
                    OpeningQty = random.Next(0, remaining + 1), Leverage = 10,
                };
                if (orders.ContainsKey(order.OrderId)) continue;
                orders.Add(order);
                live.Add(order);
            }
            else if (action < 8)
            {
                var order = live[random.Next(live.Count)];
                orders.ReduceOpening(order, random.Next(0, (int)order.OpeningQty + 1));
            }
            else
            {
                var order = live[random.Next(live.Count)];
                Assert.True(orders.Remove(order.OrderId, out var removed));
                Assert.Same(order, removed);
                live.Remove(order);
            }
            if (step % 50 != 0) continue;
            foreach (var spec in specs)
                foreach (var side in new[] { TradeSide.Buy, TradeSide.Sell })
                {
                    long expected = 0;
                    foreach (var o in live)
                        if (o.Spec.Symbol == spec.Symbol && o.Side == side) expected += spec.Notional(o.WorstPriceTicks, o.OpeningQty);
                    Assert.Equal(expected, orders.OpeningNotional(spec.Symbol, side));
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
