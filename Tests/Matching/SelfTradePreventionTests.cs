using Trading.Grains.Matching;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Matching;

public class SelfTradePreventionTests
{
    /// <summary>Asks: #1 user 7 @100 x2, #2 user 1 @100 x2, #3 user 7 @101 x2.</summary>
    private static BookHarness Book(OrderBookSettings? settings = null)
    {
        var h = new BookHarness(null, settings);
        h.Limit(1, 7, Sell, 100, 2);
        h.Limit(2, 1, Sell, 100, 2);
        h.Limit(3, 7, Sell, 101, 2);
        return h;
    }

    [Fact]
    public void None_lets_same_user_orders_trade()
    {
        var h = Book();
        var ev = h.Limit(10, 7, Buy, 101, 6, stp: SelfTradePrevention.None);
        Assert.Equal(new long[] { 1, 2, 3 }, ev.Where(e => e.Kind == MatchEventKind.Trade).Select(e => e.MakerOrderId));
    }

    [Fact]
    public void Expire_taker_stops_at_the_first_own_order_and_keeps_the_maker()
    {
        var h = Book();
        h.Limit(9, 1, Sell, 99, 1);
        var ev = h.Limit(10, 7, Buy, 101, 6, stp: SelfTradePrevention.ExpireTaker);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Expired);
        Expect.Trade(ev[1], 10, 9, 99, 1, OrderStatus.PartiallyFilled, 1, OrderStatus.Filled, 1);
        Expect.Ended(ev[2], MatchEventKind.Expired, 10, RejectReason.SelfTradePrevention, 1);
        Assert.Equal(3, h.Book.RestingOrderCount);
        Assert.Equal(0, h.Book.BestBid);
    }

    [Fact]
    public void Expire_maker_removes_own_makers_and_continues()
    {
        var h = Book();
        var ev = h.Limit(10, 7, Buy, 101, 6, stp: SelfTradePrevention.ExpireMaker);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Expired, MatchEventKind.Trade, MatchEventKind.Expired);
        Expect.Ended(ev[1], MatchEventKind.Expired, 1, RejectReason.SelfTradePrevention, 0);
        Assert.Equal(7, ev[1].UserId);
        Expect.Trade(ev[2], 10, 2, 100, 2, OrderStatus.PartiallyFilled, 2, OrderStatus.Filled, 2);
        Expect.Ended(ev[3], MatchEventKind.Expired, 3, RejectReason.SelfTradePrevention, 0);
        Assert.Equal(0, h.Book.BestAsk);
        Assert.True(h.Book.TryGetOrder(10, out var v)); // GTC remainder rests
        Assert.Equal(4, v.Quantity - v.FilledQuantity);
        Assert.Equal(101, h.Book.BestBid);
    }

    [Fact]
    public void Expire_both_removes_the_maker_and_the_taker_remainder()
    {
        var h = Book();
        var ev = h.Limit(10, 7, Buy, 101, 6, stp: SelfTradePrevention.ExpireBoth);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Expired, MatchEventKind.Expired);
        Expect.Ended(ev[1], MatchEventKind.Expired, 1, RejectReason.SelfTradePrevention, 0);
        Expect.Ended(ev[2], MatchEventKind.Expired, 10, RejectReason.SelfTradePrevention, 0);
        Assert.Equal(2, h.Book.RestingOrderCount);
        Assert.False(h.Book.TryGetOrder(1, out _));
    }

    [Fact]
    public void Amend_that_crosses_applies_self_trade_prevention_to_the_amended_order()
    {
        var h = Book(new OrderBookSettings { DefaultSelfTradePrevention = SelfTradePrevention.ExpireMaker });
        h.Limit(10, 7, Buy, 98, 2);
        var ev = h.Amend(10, 7, 100, 0);
        Expect.Kinds(ev, MatchEventKind.Amended, MatchEventKind.Expired, MatchEventKind.Trade);
        Expect.Ended(ev[1], MatchEventKind.Expired, 1, RejectReason.SelfTradePrevention, 0);
        Assert.Equal(BookCommandKind.Amend, ev[1].Command);
        Expect.Trade(ev[2], 10, 2, 100, 2, OrderStatus.Filled, 2, OrderStatus.Filled, 2);
    }

    [Fact]
    public void Default_mode_comes_from_book_settings()
    {
        var h = Book(new OrderBookSettings { DefaultSelfTradePrevention = SelfTradePrevention.ExpireTaker });
        var ev = h.Limit(10, 7, Buy, 101, 6);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Expired);
        Assert.Equal(RejectReason.SelfTradePrevention, ev[1].Reason);
        var other = h.Limit(11, 7, Buy, 101, 6, stp: SelfTradePrevention.None);
        Assert.Equal(3, other.Count(e => e.Kind == MatchEventKind.Trade));
    }

    [Fact]
    public void Fok_precheck_accounts_for_self_trade_prevention()
    {
        var h = Book();
        // ExpireTaker would stop at order 1: cannot fill anything
        var ev = h.Limit(10, 7, Buy, 101, 2, TimeInForce.Fok, stp: SelfTradePrevention.ExpireTaker);
        Expect.Ended(ev[^1], MatchEventKind.Expired, 10, RejectReason.FokCannotFill, 0);
        // ExpireMaker skips own orders: only order 2 (qty 2) is available
        ev = h.Limit(11, 7, Buy, 101, 3, TimeInForce.Fok, stp: SelfTradePrevention.ExpireMaker);
        Expect.Ended(ev[^1], MatchEventKind.Expired, 11, RejectReason.FokCannotFill, 0);
        ev = h.Limit(12, 7, Buy, 101, 2, TimeInForce.Fok, stp: SelfTradePrevention.ExpireMaker);
        Assert.Equal(OrderStatus.Filled, h.LastStatus);
        Assert.Equal(2, ev.Single(e => e.Kind == MatchEventKind.Trade).MakerOrderId);
    }
}
