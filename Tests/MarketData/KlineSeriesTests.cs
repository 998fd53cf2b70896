using Trading.Grains.MarketData;

namespace Trading.Tests.MarketData;

public sealed class KlineSeriesTests
{
    [Fact]
    public void A_series_restored_from_a_copy_skips_the_trades_the_copy_holds_and_equals_one_built_from_every_trade()
    {
        var trades = Trades(40);
        var whole = new KlineSeries(KlineInterval.OneMinute, 10);
        foreach (var t in trades) whole.Add(t.Seq, t.Time, t.Price, t.Qty, t.Price * t.Qty, out _);

        // A writer folded trades 1-25 and kept a copy, then restarted and re-reads the log from trade 18.
        var before = new KlineSeries(KlineInterval.OneMinute, 10);
        foreach (var t in trades[..25]) before.Add(t.Seq, t.Time, t.Price, t.Qty, t.Price * t.Qty, out _);
        var restarted = new KlineSeries(KlineInterval.OneMinute, 10);
        restarted.Restore(before.LastTradeSequence, before.Candles.Reverse().ToList());
        var outcomes = trades[17..].Select(t => restarted.Add(t.Seq, t.Time, t.Price, t.Qty, t.Price * t.Qty, out _)).ToList();

        Assert.All(outcomes.Take(8), o => Assert.Equal(KlineOutcome.Duplicate, o));
        Assert.DoesNotContain(KlineOutcome.Duplicate, outcomes.Skip(8));
        Assert.Equal(whole.Candles, restarted.Candles);
        Assert.Equal(40, restarted.LastTradeSequence);
    }

    [Fact]
    public void The_first_trade_of_a_later_candle_rolls_and_a_slightly_late_one_updates_the_candle_before()
    {
        var series = new KlineSeries(KlineInterval.OneMinute, 2);
        Assert.Equal(KlineOutcome.Updated, series.Add(1, 60_000, 100, 1, 100, out var first));
        Assert.Equal(60_000, first!.OpenTime);
        Assert.Equal(KlineOutcome.Rolled, series.Add(2, 120_500, 110, 1, 110, out var second));
        Assert.Equal(120_000, second!.OpenTime);
        Assert.Equal(KlineOutcome.Updated, series.Add(3, 119_900, 90, 2, 180, out var late));
        Assert.Equal(new Kline("1m", 60_000, 100, 100, 90, 90, 3, 280, 2), late);
        Assert.Equal(120_000, series.Current!.OpenTime);
        Assert.Equal(KlineOutcome.Rolled, series.Add(4, 180_000, 120, 1, 120, out _));
        Assert.Equal(KlineOutcome.Late, series.Add(5, 60_001, 95, 1, 95, out var refused));
        Assert.Null(refused);
        Assert.Equal(KlineOutcome.Duplicate, series.Add(5, 180_001, 95, 1, 95, out _));
    }

    private static (long Seq, long Time, long Price, long Qty)[] Trades(int count)
    {
        var trades = new (long, long, long, long)[count];
        for (var i = 0; i < count; i++) trades[i] = (i + 1, 1_700_000_000_000 + i * 17_000L, 50_000 + (i * 37 % 11) - 5, 1 + i % 4);
        return trades;
    }
}
