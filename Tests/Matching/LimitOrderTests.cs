using Trading.Grains.Matching;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Matching;

public class LimitOrderTests
{
    [Fact]
    public void Gtc_limit_rests_and_reports_accepted_with_sequence_numbers()
    {
        var h = new BookHarness();
        var ev = h.Limit(1, 10, Buy, 100, 5, cid: 77, reduceOnly: true, action: PositionAction.Close);
        var e = Assert.Single(ev);
        Expect.Accepted(e, 1);
        Assert.Equal(1, e.Sequence);
        Assert.Equal(10, e.UserId);
        Assert.Equal(77, e.ClientOrderId);
        Assert.Equal(100, e.Price);
        Assert.Equal(5, e.Quantity);
        Assert.True(e.ReduceOnly);
        Assert.Equal(PositionAction.Close, e.PositionAction);
        Assert.Equal(h.Time - 1000, e.Timestamp);
        Assert.Equal(100, h.Book.BestBid);
        Assert.Equal(0, h.Book.BestAsk);
        Assert.True(h.Book.TryGetOrder(1, out var view));
        Assert.Equal(OrderStatus.New, view.Status);
        Assert.Equal(2, Assert.Single(h.Limit(2, 11, Sell, 101, 5)).Sequence);
    }

    [Fact]
    public void Crossing_limit_trades_at_maker_price_with_fees_and_trade_sequence()
    {
        var h = new BookHarness();
        h.Limit(1, 10, Sell, 100, 4, action: PositionAction.Open);
        h.Limit(2, 11, Sell, 101, 6, reduceOnly: true);
        var ev = h.Limit(3, 12, Buy, 105, 7, cid: 5);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Trade);
        Expect.Trade(ev[1], 3, 1, 100, 4, OrderStatus.PartiallyFilled, 4, OrderStatus.Filled, 4);
        Expect.Trade(ev[2], 3, 2, 101, 3, OrderStatus.Filled, 7, OrderStatus.PartiallyFilled, 3);
        Assert.Equal(1, ev[1].TradeSequence);
        Assert.Equal(2, ev[2].TradeSequence);
        Assert.Equal(new long[] { 3, 4, 5 }, ev.Select(e => e.Sequence).ToArray());
        // notional = 100 * 4 * 10,000 = 4,000,000; maker 200 ppm = 800, taker 500 ppm = 2,000
        Assert.Equal(4_000_000, ev[1].Notional);
        Assert.Equal(800, ev[1].MakerFee);
        Assert.Equal(2_000, ev[1].TakerFee);
        Assert.Equal(h.MakerFee(101, 3), ev[2].MakerFee);
        Assert.Equal(h.TakerFee(101, 3), ev[2].TakerFee);
        Assert.Equal(12, ev[1].UserId);
        Assert.Equal(10, ev[1].MakerUserId);
        Assert.Equal(5, ev[1].ClientOrderId);
        Assert.Equal(PositionAction.Open, ev[1].MakerPositionAction);
        Assert.True(ev[2].MakerReduceOnly);
        Assert.Equal(101, h.Book.LastPrice);
        Assert.Equal(101, h.Book.BestAsk);
        Assert.Equal(0, h.Book.BestBid);
        Assert.Equal(OrderStatus.Filled, h.LastStatus);
        Assert.False(h.Book.TryGetOrder(1, out _));
        Assert.False(h.Book.TryGetOrder(3, out _));
    }

    [Fact]
    public void Price_time_priority_oldest_first_within_a_level_and_best_price_first()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 99, 1);
        h.Limit(2, 2, Buy, 100, 1);
        h.Limit(3, 3, Buy, 100, 1);
        h.Limit(4, 4, Buy, 101, 1);
        var ev = h.Limit(5, 5, Sell, 99, 4);
        Assert.Equal(new long[] { 4, 2, 3, 1 }, ev.Where(e => e.Kind == MatchEventKind.Trade).Select(e => e.MakerOrderId));
        Assert.Equal(new long[] { 101, 100, 100, 99 }, ev.Where(e => e.Kind == MatchEventKind.Trade).Select(e => e.Price));
    }

    [Fact]
    public void Gtc_remainder_rests_after_partial_fill()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 3);
        var ev = h.Limit(2, 2, Buy, 100, 10);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade);
        Assert.Equal(OrderStatus.PartiallyFilled, h.LastStatus);
        Assert.True(h.Book.TryGetOrder(2, out var v));
        Assert.Equal(3, v.FilledQuantity);
        Assert.Equal(OrderStatus.PartiallyFilled, v.Status);
        Span<DepthLevel> depth = stackalloc DepthLevel[4];
        Assert.Equal(1, h.Book.GetDepth(Buy, depth));
        Assert.Equal(new DepthLevel(100, 7, 1), depth[0]);
    }

    [Fact]
    public void Ioc_remainder_expires_and_never_rests()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 3);
        h.Limit(2, 1, Sell, 102, 3);
        var ev = h.Limit(3, 2, Buy, 101, 10, TimeInForce.Ioc);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Expired);
        Expect.Ended(ev[2], MatchEventKind.Expired, 3, RejectReason.ImmediateOrCancelRemainder, 3);
        Assert.Equal(0, h.Book.BestBid);
        Assert.Equal(102, h.Book.BestAsk);
        Assert.False(h.Book.TryGetOrder(3, out _));
    }

    [Fact]
    public void Fok_fills_completely_across_levels()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 3);
        h.Limit(2, 1, Sell, 101, 3);
        var ev = h.Limit(3, 2, Buy, 101, 6, TimeInForce.Fok);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Trade);
        Assert.Equal(OrderStatus.Filled, h.LastStatus);
        Assert.Equal(0, h.Book.BestAsk);
    }

    [Fact]
    public void Fok_that_cannot_fill_expires_without_trading()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 3);
        h.Limit(2, 1, Sell, 102, 3);
        var ev = h.Limit(3, 2, Buy, 101, 4, TimeInForce.Fok);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Expired);
        Expect.Ended(ev[1], MatchEventKind.Expired, 3, RejectReason.FokCannotFill, 0);
        Assert.Equal(2, h.Book.RestingOrderCount);
        Assert.Equal(0, h.Book.TradeSequence);
    }

    [Fact]
    public void Post_only_rests_when_it_does_not_cross_and_expires_when_it_would_take()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 3);
        var ok = h.Limit(2, 2, Buy, 99, 1, TimeInForce.Gtx);
        Expect.Accepted(Assert.Single(ok), 2);
        Assert.Equal(99, h.Book.BestBid);
        var ev = h.Limit(3, 2, Buy, 100, 1, TimeInForce.Gtx);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Expired);
        Expect.Ended(ev[1], MatchEventKind.Expired, 3, RejectReason.PostOnlyWouldTake, 0);
        Assert.Equal(99, h.Book.BestBid);
        Assert.Equal(100, h.Book.BestAsk);
    }

    [Fact]
    public void Rebate_maker_fee_is_negative_and_rounds_toward_zero()
    {
        var spec = BookHarness.Spec() with { MakerFeePpm = -100, TakerFeePpm = 333 };
        var h = new BookHarness(spec);
        h.Limit(1, 1, Sell, 7, 3); // notional 7*3*10,000 = 210,000
        var ev = h.Limit(2, 2, Buy, 7, 3);
        Assert.Equal(-21, ev[1].MakerFee);       // 210,000 * -100 / 1e6 = -21
        Assert.Equal(70, ev[1].TakerFee);        // 69.93 rounds up to 70
    }

    [Fact]
    public void Fees_of_very_large_trades_match_the_shared_fee_rules()
    {
        var spec = BookHarness.Spec(maxQty: 10_000_000) with { MakerFeePpm = -123, TakerFeePpm = 777 };
        var h = new BookHarness(spec);
        h.Limit(1, 1, Sell, 100_000_000, 100_001);
        var trade = h.Limit(2, 2, Buy, 100_000_000, 100_001)[1];
        Assert.Equal(100_000_000L * 100_001 * 10_000, trade.Notional); // 1.00001e17: the 64-bit product with the rate overflows
        Assert.Equal(Trading.Grains.Symbols.Fees.Compute(trade.Notional, -123), trade.MakerFee);
        Assert.Equal(Trading.Grains.Symbols.Fees.Compute(trade.Notional, 777), trade.TakerFee);
        Assert.Equal(-12_300_123_000_000, trade.MakerFee);
        Assert.Equal(77_700_777_000_000, trade.TakerFee);
    }
}
