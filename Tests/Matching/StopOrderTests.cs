using Trading.Grains.Matching;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Matching;

public class StopOrderTests
{
    /// <summary>Last price 100 (user 1 sold to user 2); bid 95 x10, ask 105 x10 from user 3.</summary>
    private static BookHarness BookAt100()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 1);
        h.Limit(2, 2, Buy, 100, 1);
        h.Limit(3, 3, Buy, 95, 10);
        h.Limit(4, 3, Sell, 105, 10);
        return h;
    }

    [Fact]
    public void Untriggered_stop_waits_and_does_not_touch_the_book()
    {
        var h = BookAt100();
        var e = Assert.Single(h.Stop(10, 5, Buy, OrderType.StopMarket, 102, 0, 2));
        Expect.Accepted(e, 10);
        Assert.Equal(102, e.StopPrice);
        Assert.Equal(OrderType.StopMarket, e.Type);
        Assert.Equal(1, h.Book.StopOrderCount);
        Assert.Equal(95, h.Book.BestBid);
        Assert.True(h.Book.TryGetOrder(10, out var v));
        Assert.True(v.Untriggered);
    }

    [Fact]
    public void Stop_market_buy_triggers_when_last_price_rises_to_the_stop()
    {
        var h = BookAt100();
        h.Stop(10, 5, Buy, OrderType.StopMarket, 102, 0, 2);
        h.Limit(20, 6, Sell, 101, 1);
        Assert.Equal(2, h.Limit(21, 7, Buy, 101, 1).Count); // trade at 101: not yet
        Assert.Equal(1, h.Book.StopOrderCount);
        h.Limit(22, 6, Sell, 102, 1);
        var ev = h.Limit(23, 7, Buy, 102, 1);              // trade at 102 triggers
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Triggered, MatchEventKind.Trade);
        Assert.Equal(10, ev[2].OrderId);
        Assert.Equal(OrderStatus.New, ev[2].Status);
        Expect.Trade(ev[3], 10, 4, 105, 2, OrderStatus.Filled, 2, OrderStatus.PartiallyFilled, 2);
        Assert.Equal(0, h.Book.StopOrderCount);
        Assert.False(h.Book.TryGetOrder(10, out _));
    }

    [Fact]
    public void Stop_limit_sell_triggers_when_last_price_falls_to_the_stop_and_rests_its_remainder()
    {
        var h = BookAt100();
        h.Stop(10, 5, Sell, OrderType.StopLimit, 97, 94, 12);
        h.Limit(20, 6, Buy, 97, 1);
        var ev = h.Limit(21, 7, Sell, 97, 1);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Triggered, MatchEventKind.Trade);
        Expect.Trade(ev[3], 10, 3, 95, 10, OrderStatus.PartiallyFilled, 10, OrderStatus.Filled, 10);
        Assert.Equal(94, h.Book.BestAsk);
        Assert.True(h.Book.TryGetOrder(10, out var v));
        Assert.False(v.Untriggered);
        Assert.Equal(2, v.Quantity - v.FilledQuantity);
    }

    [Fact]
    public void Take_profit_directions_are_the_reverse_of_stops()
    {
        var h = BookAt100();
        h.Stop(10, 5, Buy, OrderType.TakeProfit, 98, 98, 1);        // buy TP: price <= 98 (then rests at 98)
        h.Stop(11, 5, Sell, OrderType.TakeProfit, 103, 103, 1);     // sell TP: price >= 103
        h.Limit(20, 6, Buy, 98, 1);
        var ev = h.Limit(21, 7, Sell, 98, 1);
        Assert.Equal(10, ev.Single(e => e.Kind == MatchEventKind.Triggered).OrderId);
        h.Limit(22, 6, Sell, 103, 1);
        ev = h.Limit(23, 7, Buy, 103, 1);
        Assert.Equal(11, ev.Single(e => e.Kind == MatchEventKind.Triggered).OrderId);
        Assert.Equal(0, h.Book.StopOrderCount);
    }

    [Fact]
    public void Take_profit_market_sell_triggers_when_price_rises_to_the_stop_and_carries_its_flags()
    {
        var h = BookAt100();
        var cmd = PlaceOrder.Conditional(10, 5, Sell, OrderType.TakeProfitMarket, 103, 0, 4, h.Time);
        cmd.ReduceOnly = true;
        cmd.PositionAction = PositionAction.Close;
        Expect.Accepted(Assert.Single(h.Place(cmd)), 10);
        h.Limit(20, 6, Sell, 103, 1);
        var ev = h.Limit(21, 7, Buy, 103, 1);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Triggered, MatchEventKind.Trade);
        Assert.Equal(OrderType.TakeProfitMarket, ev[2].Type);
        Assert.Equal(103, ev[2].StopPrice);
        Expect.Trade(ev[3], 10, 3, 95, 4, OrderStatus.Filled, 4, OrderStatus.PartiallyFilled, 4);
        Assert.True(ev[3].ReduceOnly);
        Assert.Equal(PositionAction.Close, ev[3].PositionAction);
    }

    [Fact]
    public void Stops_triggered_together_enter_matching_nearest_stop_first_then_by_arrival()
    {
        var h = BookAt100();
        h.Stop(10, 5, Buy, OrderType.StopLimit, 102, 90, 1);  // limit below the market: rests as a bid
        h.Stop(11, 5, Buy, OrderType.StopLimit, 101, 90, 1);
        h.Stop(12, 5, Buy, OrderType.StopLimit, 101, 90, 1);
        h.Limit(20, 6, Sell, 101, 1);
        h.Limit(21, 6, Sell, 102, 1);
        var ev = h.Limit(22, 7, Buy, 102, 2);                   // trades at 101 and 102
        Assert.Equal(new long[] { 11, 12, 10 }, ev.Where(e => e.Kind == MatchEventKind.Triggered).Select(e => e.OrderId));
        Assert.Equal(3, h.Book.RestingOrderCount - 2);
    }

    [Fact]
    public void Falling_trigger_uses_the_lowest_trade_price_of_a_sweep()
    {
        var h = BookAt100();
        h.Stop(10, 5, Sell, OrderType.StopLimit, 96, 200, 1);  // limit far above: rests as an ask
        h.Limit(20, 6, Sell, 96, 1);
        // buy sweeps 96 then 105: the last price ends at 105 but it traded at 96
        var ev = h.Limit(21, 7, Buy, 105, 2);
        Assert.Contains(ev, e => e.Kind == MatchEventKind.Triggered && e.OrderId == 10);
        Assert.Equal(105, h.Book.LastPrice);
    }

    [Fact]
    public void Triggered_stop_cascade_triggers_further_stops()
    {
        var h = BookAt100();
        h.Stop(10, 5, Buy, OrderType.StopMarket, 101, 0, 1);   // triggers at 101, buys at 105
        h.Stop(11, 5, Buy, OrderType.StopMarket, 105, 0, 1);   // triggered by the trade at 105
        h.Limit(20, 6, Sell, 101, 1);
        var ev = h.Limit(21, 7, Buy, 101, 1);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Triggered, MatchEventKind.Trade,
            MatchEventKind.Triggered, MatchEventKind.Trade);
        Assert.Equal(new long[] { 10, 11 }, ev.Where(e => e.Kind == MatchEventKind.Triggered).Select(e => e.OrderId));
    }

    [Fact]
    public void Mark_price_stops_ignore_last_price_and_trigger_on_set_mark_price()
    {
        var h = BookAt100();
        h.Mark(100);
        h.Stop(10, 5, Sell, OrderType.StopMarket, 96, 0, 3, WorkingType.MarkPrice);
        h.Limit(20, 6, Buy, 96, 1);
        var ev = h.Limit(21, 7, Sell, 96, 1);                   // last 96 does not trigger a mark stop
        Assert.DoesNotContain(ev, e => e.Kind == MatchEventKind.Triggered);
        Assert.Empty(h.Mark(97));
        ev = h.Mark(96);
        Expect.Kinds(ev, MatchEventKind.Triggered, MatchEventKind.Trade);
        Assert.All(ev, e => Assert.Equal(BookCommandKind.SetMarkPrice, e.Command));
        Expect.Trade(ev[1], 10, 3, 95, 3, OrderStatus.Filled, 3, OrderStatus.PartiallyFilled, 3);
        Assert.Equal(96, h.Book.MarkPrice);
    }

    [Fact]
    public void Mark_stop_would_trigger_immediately_against_mark_not_last()
    {
        var h = BookAt100();
        h.Mark(90);
        // last is 100 but the mark is 90: a sell stop at 95 already holds against the mark
        Expect.Rejected(Assert.Single(h.Stop(10, 5, Sell, OrderType.StopMarket, 95, 0, 1, WorkingType.MarkPrice)), 10,
            RejectReason.StopWouldTriggerImmediately);
        Expect.Accepted(Assert.Single(h.Stop(11, 5, Sell, OrderType.StopMarket, 95, 0, 1)), 11);
    }

    [Fact]
    public void Untriggered_stop_can_be_cancelled_by_client_order_id_and_never_triggers()
    {
        var h = BookAt100();
        h.Stop(10, 5, Buy, OrderType.StopMarket, 101, 0, 1, cid: 99);
        Expect.Rejected(Assert.Single(h.Stop(11, 5, Buy, OrderType.StopMarket, 103, 0, 1, cid: 99)), 11,
            RejectReason.DuplicateClientOrderId);
        var e = Assert.Single(h.CancelByClientId(5, 99));
        Expect.Ended(e, MatchEventKind.Canceled, 10, RejectReason.CanceledByUser, 0);
        h.Limit(20, 6, Sell, 101, 1);
        Assert.DoesNotContain(h.Limit(21, 7, Buy, 101, 1), x => x.Kind == MatchEventKind.Triggered);
    }

    [Fact]
    public void Triggered_post_only_stop_limit_that_would_take_expires()
    {
        var h = BookAt100();
        h.Stop(10, 5, Buy, OrderType.StopLimit, 101, 105, 1, tif: TimeInForce.Gtx);
        h.Limit(20, 6, Sell, 101, 1);
        var ev = h.Limit(21, 7, Buy, 101, 1);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Triggered, MatchEventKind.Expired);
        Expect.Ended(ev[3], MatchEventKind.Expired, 10, RejectReason.PostOnlyWouldTake, 0);
    }

    [Fact]
    public void Triggered_stop_market_with_no_liquidity_expires()
    {
        var h = BookAt100();
        h.Stop(10, 5, Sell, OrderType.StopMarket, 95, 0, 1);
        var ev = h.Limit(20, 6, Sell, 95, 10);                    // takes the whole bid side at 95
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Triggered, MatchEventKind.Expired);
        Expect.Ended(ev[3], MatchEventKind.Expired, 10, RejectReason.NoLiquidity, 0);
    }
}
