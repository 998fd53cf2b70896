using Trading.Grains.Matching;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Matching;

public class RejectReasonTests
{
    private static void AssertRejected(BookHarness h, PlaceOrder cmd, RejectReason reason)
    {
        var before = h.Book.RestingOrderCount + h.Book.StopOrderCount;
        var e = Assert.Single(h.Place(cmd));
        Expect.Rejected(e, cmd.OrderId, reason);
        Assert.Equal(cmd.UserId, e.UserId);
        Assert.Equal(cmd.Quantity, e.Quantity);
        Assert.Equal(before, h.Book.RestingOrderCount + h.Book.StopOrderCount);
    }

    [Fact]
    public void Invalid_order_id() => AssertRejected(new BookHarness(), PlaceOrder.Limit(0, 1, Buy, 100, 1, 0), RejectReason.InvalidOrderId);

    [Fact]
    public void Invalid_quantity()
    {
        AssertRejected(new BookHarness(), PlaceOrder.Limit(1, 1, Buy, 100, 0, 0), RejectReason.InvalidQuantity);
        AssertRejected(new BookHarness(), PlaceOrder.Limit(1, 1, Buy, 100, -5, 0), RejectReason.InvalidQuantity);
    }

    [Fact]
    public void Below_min_and_above_max_quantity()
    {
        var h = new BookHarness(BookHarness.Spec(minQty: 5, maxQty: 50));
        AssertRejected(h, PlaceOrder.Limit(1, 1, Buy, 100, 4, 0), RejectReason.BelowMinQuantity);
        AssertRejected(h, PlaceOrder.Limit(2, 1, Buy, 100, 51, 0), RejectReason.AboveMaxQuantity);
        Expect.Accepted(Assert.Single(h.Limit(3, 1, Buy, 100, 50)), 3);
        Expect.Accepted(Assert.Single(h.Limit(4, 1, Buy, 100, 5)), 4);
    }

    [Fact]
    public void Invalid_price_and_stop_price()
    {
        var h = new BookHarness();
        AssertRejected(h, PlaceOrder.Limit(1, 1, Buy, 0, 1, 0), RejectReason.InvalidPrice);
        AssertRejected(h, PlaceOrder.Conditional(2, 1, Buy, OrderType.StopLimit, 100, 0, 1, 0), RejectReason.InvalidPrice);
        AssertRejected(h, PlaceOrder.Conditional(3, 1, Buy, OrderType.StopMarket, 0, 0, 1, 0), RejectReason.InvalidStopPrice);
    }

    [Fact]
    public void Min_notional_uses_limit_price_and_is_skipped_for_reduce_only()
    {
        // notional = price * qty * 10,000; min 1,000,000 => 100 ticks * 1 lot passes, 99 * 1 fails
        var h = new BookHarness(BookHarness.Spec(minNotional: 1_000_000));
        AssertRejected(h, PlaceOrder.Limit(1, 1, Buy, 99, 1, 0), RejectReason.BelowMinNotional);
        Expect.Accepted(Assert.Single(h.Limit(2, 1, Buy, 100, 1)), 2);
        Expect.Accepted(Assert.Single(h.Limit(3, 1, Buy, 99, 1, reduceOnly: true)), 3);
    }

    [Fact]
    public void Min_notional_of_market_uses_best_opposite_price()
    {
        var h = new BookHarness(BookHarness.Spec(minNotional: 1_000_000));
        h.Limit(1, 1, Sell, 50, 10);
        AssertRejected(h, PlaceOrder.Market(2, 2, Buy, 1, 0), RejectReason.BelowMinNotional); // 50 * 1 * 10,000
        Assert.Equal(MatchEventKind.Trade, h.Market(3, 2, Buy, 2)[1].Kind);                  // 50 * 2 * 10,000
    }

    [Fact]
    public void Price_band_uses_mark_price_when_known_else_last_price()
    {
        var h = new BookHarness(BookHarness.Spec(priceBandPpm: 100_000)); // 10 %
        Expect.Accepted(Assert.Single(h.Limit(1, 1, Buy, 10, 1)), 1);      // no reference yet: open
        h.Limit(2, 1, Sell, 1000, 1);
        h.Limit(3, 2, Buy, 1000, 1);                                        // last = 1000
        AssertRejected(h, PlaceOrder.Limit(4, 1, Buy, 899, 1, 0), RejectReason.PriceOutOfBand);
        Expect.Accepted(Assert.Single(h.Limit(5, 1, Buy, 900, 1)), 5);
        AssertRejected(h, PlaceOrder.Limit(6, 1, Sell, 1101, 1, 0), RejectReason.PriceOutOfBand);
        h.Mark(2000);                                                       // band now 1800..2200
        AssertRejected(h, PlaceOrder.Limit(7, 1, Sell, 1100, 1, 0), RejectReason.PriceOutOfBand);
        Expect.Accepted(Assert.Single(h.Limit(8, 1, Sell, 2200, 1)), 8);
    }

    [Fact]
    public void Duplicate_order_id_of_an_open_order()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 100, 1);
        AssertRejected(h, PlaceOrder.Limit(1, 2, Buy, 99, 1, 0), RejectReason.DuplicateOrderId);
    }

    [Fact]
    public void Duplicate_client_order_id_among_the_users_open_orders()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 100, 1, cid: 42);
        AssertRejected(h, PlaceOrder.Limit(2, 1, Buy, 99, 1, 0, clientOrderId: 42), RejectReason.DuplicateClientOrderId);
        Expect.Accepted(Assert.Single(h.Limit(3, 2, Buy, 99, 1, cid: 42)), 3); // another user may use it
        h.Cancel(1, 1);
        Expect.Accepted(Assert.Single(h.Limit(4, 1, Buy, 99, 1, cid: 42)), 4); // free again once closed
    }

    [Fact]
    public void Invalid_order_options()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 5);
        var postOnlyMarket = PlaceOrder.Market(2, 1, Buy, 1, 0);
        postOnlyMarket.TimeInForce = TimeInForce.Gtx;
        AssertRejected(h, postOnlyMarket, RejectReason.InvalidOrderOptions);
        var liquidationStop = PlaceOrder.Conditional(3, 1, Buy, OrderType.StopMarket, 200, 0, 1, 0);
        liquidationStop.Liquidation = true;
        AssertRejected(h, liquidationStop, RejectReason.InvalidOrderOptions);
        var badEnum = PlaceOrder.Limit(4, 1, Buy, 100, 1, 0);
        badEnum.TimeInForce = (TimeInForce)9;
        AssertRejected(h, badEnum, RejectReason.InvalidOrderOptions);
    }

    [Fact]
    public void Notional_too_large()
    {
        var h = new BookHarness(BookHarness.Spec(maxQty: long.MaxValue));
        AssertRejected(h, PlaceOrder.Limit(1, 1, Buy, 1_000_000_000, 1_000_000_000_000, 0), RejectReason.NotionalTooLarge);
    }

    [Fact]
    public void Stop_that_would_trigger_immediately()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 1);
        h.Limit(2, 2, Buy, 100, 1); // last = 100
        AssertRejected(h, PlaceOrder.Conditional(3, 1, Buy, OrderType.StopMarket, 100, 0, 1, 0), RejectReason.StopWouldTriggerImmediately);
        AssertRejected(h, PlaceOrder.Conditional(4, 1, Sell, OrderType.StopMarket, 101, 0, 1, 0), RejectReason.StopWouldTriggerImmediately);
        AssertRejected(h, PlaceOrder.Conditional(5, 1, Buy, OrderType.TakeProfitMarket, 100, 0, 1, 0), RejectReason.StopWouldTriggerImmediately);
        Expect.Accepted(Assert.Single(h.Stop(6, 1, Buy, OrderType.StopMarket, 101, 0, 1)), 6);
    }

    [Fact]
    public void No_liquidity_for_market()
    {
        AssertRejected(new BookHarness(), PlaceOrder.Market(1, 1, Sell, 1, 0), RejectReason.NoLiquidity);
    }

    [Fact]
    public void Cancel_and_amend_rejections()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 100, 5, cid: 9);
        Expect.Rejected(Assert.Single(h.Cancel(2, 1)), 2, RejectReason.UnknownOrder, BookCommandKind.Cancel);
        Expect.Rejected(Assert.Single(h.Cancel(1, 2)), 1, RejectReason.NotOwner, BookCommandKind.Cancel);
        Expect.Rejected(Assert.Single(h.CancelByClientId(2, 9)), 0, RejectReason.UnknownOrder, BookCommandKind.Cancel);
        Expect.Rejected(Assert.Single(h.Amend(3, 1, 100, 1)), 3, RejectReason.UnknownOrder, BookCommandKind.Amend);
        Expect.Rejected(Assert.Single(h.Amend(1, 2, 100, 1)), 1, RejectReason.NotOwner, BookCommandKind.Amend);
        Expect.Rejected(Assert.Single(h.Amend(1, 1, -3, 0)), 1, RejectReason.InvalidPrice, BookCommandKind.Amend);
        Expect.Rejected(Assert.Single(h.Amend(1, 1, 0, 2_000_000)), 1, RejectReason.AboveMaxQuantity, BookCommandKind.Amend);
        h.Stop(4, 1, Buy, OrderType.StopMarket, 500, 0, 1);
        Expect.Rejected(Assert.Single(h.Amend(4, 1, 0, 2)), 4, RejectReason.OrderNotAmendable, BookCommandKind.Amend);
        Expect.Rejected(Assert.Single(h.Mark(0)), 0, RejectReason.InvalidPrice, BookCommandKind.SetMarkPrice);
        Assert.True(h.Book.TryGetOrder(1, out var v));
        Assert.Equal(5, v.Quantity);
    }

    [Fact]
    public void Amend_outside_band_or_below_min_notional_is_rejected()
    {
        var h = new BookHarness(BookHarness.Spec(priceBandPpm: 100_000, minNotional: 1_000_000));
        h.Limit(1, 1, Sell, 1000, 1);
        h.Limit(2, 2, Buy, 1000, 1); // last 1000
        h.Limit(3, 1, Buy, 950, 1);
        Expect.Rejected(Assert.Single(h.Amend(3, 1, 800, 0)), 3, RejectReason.PriceOutOfBand, BookCommandKind.Amend);
        h.Limit(4, 1, Buy, 950, 2);
        Expect.Rejected(Assert.Single(h.Amend(4, 1, 99, 1)), 4, RejectReason.PriceOutOfBand, BookCommandKind.Amend);
        var spec = BookHarness.Spec(minNotional: 1_000_000);
        var g = new BookHarness(spec);
        g.Limit(1, 1, Buy, 60, 2);
        Expect.Rejected(Assert.Single(g.Amend(1, 1, 0, 1)), 1, RejectReason.BelowMinNotional, BookCommandKind.Amend);
    }
}
