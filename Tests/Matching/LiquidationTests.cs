using Trading.Grains.Matching;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Matching;

public class LiquidationTests
{
    private static PlaceOrder Liquidation(long id, long user, OrderSide side, long bankruptcyPrice, long qty)
    {
        var cmd = PlaceOrder.Limit(id, user, side, bankruptcyPrice, qty, 0, TimeInForce.Gtc);
        cmd.Liquidation = true;
        cmd.ReduceOnly = true;
        cmd.SelfTradePrevention = SelfTradePrevention.ExpireBoth;
        return cmd;
    }

    [Fact]
    public void Liquidation_trades_as_ioc_at_the_bankruptcy_price_and_never_rests()
    {
        var h = new BookHarness(null, new OrderBookSettings { DefaultSelfTradePrevention = SelfTradePrevention.ExpireTaker });
        h.Limit(1, 1, Buy, 100, 2);
        h.Limit(2, 9, Buy, 96, 2); // same user as the liquidated one: STP does not apply to liquidations
        h.Limit(3, 1, Buy, 94, 5);
        var ev = h.Place(Liquidation(10, 9, Sell, 95, 10));
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Trade, MatchEventKind.Expired);
        Assert.True(ev[0].Liquidation);
        Assert.Equal(TimeInForce.Ioc, ev[0].TimeInForce);
        Assert.All(ev, e => Assert.True(e.Liquidation));
        Assert.All(ev, e => Assert.True(e.ReduceOnly));
        Expect.Trade(ev[1], 10, 1, 100, 2, OrderStatus.PartiallyFilled, 2, OrderStatus.Filled, 2);
        Expect.Trade(ev[2], 10, 2, 96, 2, OrderStatus.PartiallyFilled, 4, OrderStatus.Filled, 2);
        Expect.Ended(ev[3], MatchEventKind.Expired, 10, RejectReason.ImmediateOrCancelRemainder, 4);
        Assert.Equal(0, h.Book.BestAsk);
        Assert.Equal(94, h.Book.BestBid);
    }

    [Fact]
    public void Liquidation_skips_price_band_and_min_notional()
    {
        var h = new BookHarness(BookHarness.Spec(priceBandPpm: 10_000, minNotional: 100_000_000));
        h.Limit(1, 1, Buy, 1000, 20);
        h.Limit(2, 2, Sell, 1000, 10); // last = 1000
        var ev = h.Place(Liquidation(10, 9, Sell, 500, 1)); // 50 % away, notional 5,000,000
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade);
        Assert.Equal(1000, ev[1].Price);
    }
}
