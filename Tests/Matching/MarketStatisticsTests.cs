using Trading.Grains.Matching;
using static Trading.Grains.Matching.OrderSide;

namespace Trading.Tests.Matching;

public class MarketStatisticsTests
{
    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;

    private static void TradeAt(BookHarness h, long time, long price, long qty, long id)
    {
        h.Time = time;
        h.Limit(id, 1, Sell, price, qty);
        h.Time = time;
        h.Limit(id + 1, 2, Buy, price, qty);
    }

    [Fact]
    public void Rolling_24h_high_low_and_volumes_roll_off_by_command_time()
    {
        var h = new BookHarness();
        var t0 = 1_700_000_000_000 - 1_700_000_000_000 % Minute; // start of a minute
        TradeAt(h, t0, 100, 2, 1);
        TradeAt(h, t0 + Hour, 110, 1, 3);
        TradeAt(h, t0 + 23 * Hour, 90, 1, 5);
        var s = h.Book.Statistics(t0 + 23 * Hour + 30 * Minute);
        Assert.Equal(new RollingStatistics(110, 90, 4, (100 * 2 + 110 + 90) * 10_000, 3), s);
        // the first trade's minute leaves the window exactly 24 h later
        Assert.Equal(new RollingStatistics(110, 90, 4, 4_000_000, 3), h.Book.Statistics(t0 + 24 * Hour - 1));
        Assert.Equal(new RollingStatistics(110, 90, 2, 2_000_000, 2), h.Book.Statistics(t0 + 24 * Hour));
        Assert.Equal(new RollingStatistics(90, 90, 1, 900_000, 1), h.Book.Statistics(t0 + 25 * Hour));
        Assert.Equal(new RollingStatistics(0, 0, 0, 0, 0), h.Book.Statistics(t0 + 47 * Hour));
        Assert.Equal(90, h.Book.LastPrice);
    }

    [Fact]
    public void Bucket_reuse_after_a_day_drops_the_old_minute()
    {
        var h = new BookHarness();
        var t0 = 1_700_000_000_000 - 1_700_000_000_000 % Minute;
        TradeAt(h, t0, 100, 2, 1);
        TradeAt(h, t0 + 24 * Hour, 120, 3, 3); // same ring slot, one day later
        Assert.Equal(new RollingStatistics(120, 120, 3, 3_600_000, 1), h.Book.Statistics(t0 + 24 * Hour));
        var snap = h.Book.Snapshot();
        Assert.Equal(120, snap.HighPrice);
        Assert.Equal(120, snap.LowPrice);
        Assert.Equal(3, snap.Volume24h);
    }

    [Fact]
    public void Depth_is_aggregated_best_first_and_limited_by_the_span()
    {
        var h = new BookHarness();
        h.Limit(1, 1, Buy, 100, 2);
        h.Limit(2, 2, Buy, 100, 3);
        h.Limit(3, 1, Buy, 98, 1);
        h.Limit(4, 1, Buy, 99, 4);
        h.Limit(5, 1, Sell, 103, 7);
        h.Limit(6, 1, Sell, 102, 1);
        var bids = new DepthLevel[2];
        var asks = new DepthLevel[5];
        Assert.Equal(2, h.Book.GetDepth(Buy, bids));
        Assert.Equal(new[] { new DepthLevel(100, 5, 2), new DepthLevel(99, 4, 1) }, bids);
        Assert.Equal(2, h.Book.GetDepth(Sell, asks));
        Assert.Equal(new DepthLevel(102, 1, 1), asks[0]);
        Assert.Equal(new DepthLevel(103, 7, 1), asks[1]);
        Assert.Equal(100, h.Book.BestBid);
        Assert.Equal(102, h.Book.BestAsk);
    }
}
