using Trading.Grains.Matching;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Matching;

public class CancelAmendTests
{
    private static long[] MakerOrder(List<MatchEvent> ev) =>
        ev.Where(e => e.Kind == MatchEventKind.Trade).Select(e => e.MakerOrderId).ToArray();

    [Fact]
    public void Cancel_by_id_removes_the_order_and_its_level()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 100, 5);
        h.Limit(2, 1, Buy, 99, 5);
        var e = Assert.Single(h.Cancel(1, 1));
        Expect.Ended(e, MatchEventKind.Canceled, 1, RejectReason.CanceledByUser, 0);
        Assert.Equal(BookCommandKind.Cancel, e.Command);
        Assert.Equal(100, e.Price);
        Assert.Equal(99, h.Book.BestBid);
        Assert.Equal(1, h.Book.BidLevelCount);
        Expect.Rejected(Assert.Single(h.Cancel(1, 1)), 1, RejectReason.UnknownOrder, BookCommandKind.Cancel);
    }

    [Fact]
    public void Cancel_by_client_order_id_and_partially_filled_cancel_reports_filled_quantity()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 5, cid: 555);
        h.Limit(2, 2, Buy, 100, 2);
        Assert.True(h.Book.TryGetOrderByClientId(1, 555, out var v));
        Assert.Equal(1, v.OrderId);
        var e = Assert.Single(h.CancelByClientId(1, 555));
        Expect.Ended(e, MatchEventKind.Canceled, 1, RejectReason.CanceledByUser, 2);
        Assert.Equal(555, e.ClientOrderId);
        Assert.False(h.Book.TryGetOrderByClientId(1, 555, out _));
        Assert.Equal(0, h.Book.BestAsk);
    }

    [Fact]
    public void Venue_cancel_skips_the_ownership_check()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 100, 5);
        var recorder = new EventRecorder();
        Assert.True(h.Book.Cancel(CancelOrder.ByIdAsVenue(1, h.Time), ref recorder));
        var e = Assert.Single(recorder.Events);
        Expect.Ended(e, MatchEventKind.Canceled, 1, RejectReason.CanceledByUser, 0);
        Assert.Equal(1, e.UserId);
        Assert.False(h.Book.Cancel(CancelOrder.ByIdAsVenue(1, h.Time), ref recorder));
        Expect.Rejected(recorder.Events[1], 1, RejectReason.UnknownOrder, BookCommandKind.Cancel);
    }

    [Fact]
    public void Cancel_in_the_middle_of_a_level_keeps_the_fifo_of_the_others()
    {
        var h = new BookHarness();
        for (var i = 1; i <= 4; i++) h.Limit(i, 1, Sell, 100, 1);
        h.Cancel(2, 1);
        h.Cancel(4, 1);
        h.Limit(5, 1, Sell, 100, 1);
        Assert.Equal(new long[] { 1, 3, 5 }, MakerOrder(h.Limit(6, 2, Buy, 100, 3)));
    }

    [Fact]
    public void Cancel_all_cancels_resting_and_untriggered_orders_of_the_user_only()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 99, 1);
        h.Limit(2, 2, Buy, 99, 1);
        h.Limit(3, 1, Buy, 100, 1);
        h.Limit(4, 1, Sell, 105, 1);
        h.Stop(5, 1, Buy, OrderType.StopMarket, 200, 0, 1);
        h.Stop(6, 2, Buy, OrderType.StopMarket, 200, 0, 1);
        var ev = h.CancelAll(1);
        Assert.Equal(new long[] { 3, 1, 4, 5 }, ev.Select(e => e.OrderId).ToArray());
        Assert.All(ev, e => Expect.Ended(e, MatchEventKind.Canceled, e.OrderId, RejectReason.CanceledByCancelAll, 0));
        Assert.All(ev, e => Assert.Equal(BookCommandKind.CancelAll, e.Command));
        Assert.Equal(1, h.Book.RestingOrderCount);
        Assert.Equal(1, h.Book.StopOrderCount);
        Assert.True(h.Book.TryGetOrder(2, out _));
        Assert.True(h.Book.TryGetOrder(6, out _));
        Assert.Empty(h.CancelAll(1));
    }

    [Fact]
    public void Amend_quantity_down_keeps_time_priority()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 5);
        h.Limit(2, 1, Sell, 100, 5);
        var e = Assert.Single(h.Amend(1, 1, 0, 3));
        Assert.Equal(MatchEventKind.Amended, e.Kind);
        Assert.True(e.PriorityKept);
        Assert.Equal(3, e.Quantity);
        Assert.Equal(100, e.Price);
        Span<DepthLevel> d = stackalloc DepthLevel[1];
        h.Book.GetDepth(Sell, d);
        Assert.Equal(new DepthLevel(100, 8, 2), d[0]);
        Assert.Equal(new long[] { 1, 2 }, MakerOrder(h.Limit(3, 2, Buy, 100, 4)));
    }

    [Fact]
    public void Amend_quantity_up_loses_priority()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 5);
        h.Limit(2, 1, Sell, 100, 5);
        var e = Assert.Single(h.Amend(1, 1, 0, 6));
        Assert.False(e.PriorityKept);
        Assert.Equal(6, e.Quantity);
        Assert.Equal(new long[] { 2, 1 }, MakerOrder(h.Limit(3, 2, Buy, 100, 6)));
    }

    [Fact]
    public void Amend_price_loses_priority_and_moves_level()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 101, 5);
        h.Limit(2, 1, Sell, 100, 5);
        var e = Assert.Single(h.Amend(1, 1, 100, 0));
        Assert.False(e.PriorityKept);
        Assert.Equal(1, h.Book.AskLevelCount);
        Assert.Equal(new long[] { 2, 1 }, MakerOrder(h.Limit(3, 2, Buy, 100, 6)));
    }

    [Fact]
    public void Amend_to_a_crossing_price_trades_as_gtc_and_rests_the_remainder()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 2);
        h.Limit(2, 2, Buy, 98, 5);
        var ev = h.Amend(2, 2, 100, 0);
        Expect.Kinds(ev, MatchEventKind.Amended, MatchEventKind.Trade);
        Expect.Trade(ev[1], 2, 1, 100, 2, OrderStatus.PartiallyFilled, 2, OrderStatus.Filled, 2);
        Assert.Equal(BookCommandKind.Amend, ev[0].Command);
        Assert.Equal(100, h.Book.BestBid);
        Assert.True(h.Book.TryGetOrder(2, out var v));
        Assert.Equal(OrderStatus.PartiallyFilled, v.Status);
    }

    [Fact]
    public void Amend_of_post_only_to_a_crossing_price_expires()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 2);
        h.Limit(2, 2, Buy, 98, 5, TimeInForce.Gtx);
        var ev = h.Amend(2, 2, 100, 0);
        Expect.Kinds(ev, MatchEventKind.Amended, MatchEventKind.Expired);
        Expect.Ended(ev[1], MatchEventKind.Expired, 2, RejectReason.PostOnlyWouldTake, 0);
        Assert.False(h.Book.TryGetOrder(2, out _));
        Assert.Equal(0, h.Book.BestBid);
    }

    [Fact]
    public void Amend_at_or_below_filled_quantity_cancels_the_order()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 5, cid: 3);
        h.Limit(2, 2, Buy, 100, 2);
        var e = Assert.Single(h.Amend(1, 1, 0, 2));
        Expect.Ended(e, MatchEventKind.Canceled, 1, RejectReason.AmendBelowFilled, 2);
        Assert.Equal(BookCommandKind.Amend, e.Command);
        Assert.False(h.Book.TryGetOrder(1, out _));
        Assert.False(h.Book.TryGetOrderByClientId(1, 3, out _));
        Assert.Equal(0, h.Book.BestAsk);
    }

    [Fact]
    public void Amend_quantity_down_of_a_partially_filled_order_keeps_remaining_consistent()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Sell, 100, 10);
        h.Limit(2, 2, Buy, 100, 4);
        Assert.Equal(MatchEventKind.Amended, Assert.Single(h.Amend(1, 1, 0, 7)).Kind);
        Span<DepthLevel> d = stackalloc DepthLevel[1];
        h.Book.GetDepth(Sell, d);
        Assert.Equal(new DepthLevel(100, 3, 1), d[0]);
        var ev = h.Limit(3, 2, Buy, 100, 10);
        Expect.Trade(ev[1], 3, 1, 100, 3, OrderStatus.PartiallyFilled, 3, OrderStatus.Filled, 7);
    }
}
