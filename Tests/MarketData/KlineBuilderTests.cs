using Trading.Grains.MarketData;

namespace Trading.Tests.MarketData;

public sealed class KlineBuilderTests
{
    [Fact]
    public void Trades_of_one_minute_make_one_candle_with_first_open_and_last_close()
    {
        var builder = new KlineBuilder(KlineInterval.OneMinute);
        builder.Add(120_000, 500, 2, 1_000);
        builder.Add(150_000, 520, 1, 520);
        builder.Add(151_000, 490, 3, 1_470);
        var candle = builder.Add(179_999, 505, 4, 2_020);

        Assert.Equal(new Kline("1m", 120_000, 500, 520, 490, 505, 10, 5_010, 4), candle);
        Assert.Equal(candle, builder.Current);
    }

    [Fact]
    public void A_trade_at_the_boundary_opens_the_next_candle()
    {
        var builder = new KlineBuilder(KlineInterval.FiveMinutes);
        builder.Add(299_999, 100, 1, 100);
        var next = builder.Add(300_000, 101, 1, 101);
        Assert.Equal(300_000, next!.OpenTime);
        Assert.Equal(1, next.Trades);
        Assert.Equal(101, next.Open);
    }

    [Fact]
    public void A_slightly_late_trade_updates_its_retained_candle_and_an_older_one_is_refused()
    {
        var builder = new KlineBuilder(KlineInterval.OneMinute, retained: 2);
        builder.Add(60_000, 100, 1, 100);
        builder.Add(120_000, 110, 1, 110);
        var late = builder.Add(61_000, 90, 2, 180);
        Assert.Equal(new Kline("1m", 60_000, 100, 100, 90, 90, 3, 280, 2), late);
        Assert.Equal(120_000, builder.Current!.OpenTime); // the newest candle stays current

        builder.Add(180_000, 120, 1, 120); // the 60_000 candle leaves the window
        Assert.Null(builder.Add(62_000, 95, 1, 95));
        Assert.Equal(1, builder.LateTrades);
    }

    [Theory]
    [InlineData("1m", 1_700_000_123_456, 1_700_000_100_000)]
    [InlineData("15m", 1_700_000_123_456, 1_700_000_100_000)]
    [InlineData("4h", 1_700_000_123_456, 1_699_992_000_000)]
    [InlineData("1d", 1_700_000_123_456, 1_699_920_000_000)]
    [InlineData("1h", -1, -3_600_000)]
    public void Open_time_is_the_floor_of_the_timestamp(string name, long timestamp, long openTime)
    {
        Assert.True(KlineInterval.TryParse(name, out var interval));
        Assert.Equal(openTime, interval.OpenTimeOf(timestamp));
    }

    [Fact]
    public void Unknown_interval_names_do_not_parse()
    {
        Assert.False(KlineInterval.TryParse("2m", out _));
        Assert.False(KlineInterval.TryParse("1M", out _));
        Assert.False(KlineInterval.TryParse(null, out _));
    }
}
