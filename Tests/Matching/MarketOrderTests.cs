using Trading.Grains.Matching;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Matching;

public class MarketOrderTests
{
    private static BookHarness AsksAt100To104(long protection = 0)
    {
        var h = new BookHarness(BookHarness.Spec(marketProtectionTicks: protection));
        for (var i = 0; i < 5; i++) h.Limit(1 + i, 1, Sell, 100 + i, 2);
        return h;
    }

    [Fact]
    public void Unbounded_market_sweeps_levels_and_expires_remainder_when_book_runs_dry()
    {
        var h = AsksAt100To104();
        var ev = h.Market(10, 2, Buy, 12, protection: 0);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Trade, MatchEventKind.Trade,
            MatchEventKind.Trade, MatchEventKind.Trade, MatchEventKind.Expired);
        Assert.Equal(0, ev[0].Price);
        Assert.Equal(OrderType.Market, ev[0].Type);
        Assert.Equal(new long[] { 100, 101, 102, 103, 104 }, ev.Where(e => e.Kind == MatchEventKind.Trade).Select(e => e.Price));
        Expect.Ended(ev[6], MatchEventKind.Expired, 10, RejectReason.ImmediateOrCancelRemainder, 10);
        Assert.Equal(0, h.Book.BestAsk);
        Assert.Equal(0, h.Book.BestBid);
    }

    [Fact]
    public void Market_protection_bound_from_best_price_at_arrival_stops_the_sweep()
    {
        var h = AsksAt100To104();
        var ev = h.Market(10, 2, Buy, 12, protection: 2); // bound = 100 + 2
        Assert.Equal(new long[] { 100, 101, 102 }, ev.Where(e => e.Kind == MatchEventKind.Trade).Select(e => e.Price));
        Expect.Ended(ev[^1], MatchEventKind.Expired, 10, RejectReason.MarketProtection, 6);
        Assert.Equal(103, h.Book.BestAsk);
    }

    [Fact]
    public void Market_protection_defaults_to_the_symbol_setting()
    {
        var h = AsksAt100To104(protection: 1);
        var ev = h.Market(10, 2, Buy, 12);
        Assert.Equal(new long[] { 100, 101 }, ev.Where(e => e.Kind == MatchEventKind.Trade).Select(e => e.Price));
        Expect.Ended(ev[^1], MatchEventKind.Expired, 10, RejectReason.MarketProtection, 4);
    }

    [Fact]
    public void Market_sell_bound_is_below_best_bid()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 100, 1);
        h.Limit(2, 1, Buy, 99, 1);
        h.Limit(3, 1, Buy, 97, 1);
        var ev = h.Market(4, 2, Sell, 3, protection: 2);
        Assert.Equal(new long[] { 100, 99 }, ev.Where(e => e.Kind == MatchEventKind.Trade).Select(e => e.Price));
        Expect.Ended(ev[^1], MatchEventKind.Expired, 4, RejectReason.MarketProtection, 2);
    }

    [Fact]
    public void Market_fully_filled_ends_filled_without_expiry()
    {
        var h = AsksAt100To104();
        var ev = h.Market(10, 2, Buy, 3, protection: 0);
        Expect.Kinds(ev, MatchEventKind.Accepted, MatchEventKind.Trade, MatchEventKind.Trade);
        Assert.Equal(OrderStatus.Filled, ev[^1].Status);
        Assert.Equal(OrderStatus.Filled, h.LastStatus);
    }

    [Fact]
    public void Market_without_opposite_liquidity_is_rejected()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 100, 1);
        Expect.Rejected(Assert.Single(h.Market(2, 2, Buy, 1)), 2, RejectReason.NoLiquidity);
        Assert.Equal(OrderStatus.Rejected, h.LastStatus);
    }
}
