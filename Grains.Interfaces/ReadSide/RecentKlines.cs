using Trading.Grains.MarketData;

namespace Trading.Grains.Interfaces.ReadSide;

/// <summary>
/// The cached candles of one symbol and interval (<c>market_data:kline:{venue}:{symbol}:{interval}</c>): the newest
/// first, <c>Klines[0]</c> the current candle, at most Cache:RecentKlines of them, and the sequence of the last trade
/// they hold, so a consumer that continues from this copy (a restarted cache writer, the WebSocket kline channel)
/// folds in only later trades.
/// </summary>
public sealed record RecentKlines(string Symbol, string Interval, long LastTradeSequence, IReadOnlyList<Kline> Klines)
{
    public static RecentKlines Of(string symbol, KlineSeries series)
    {
        var candles = series.Candles;
        var newestFirst = new Kline[candles.Count];
        for (var i = 0; i < newestFirst.Length; i++) newestFirst[i] = candles[candles.Count - 1 - i];
        return new RecentKlines(symbol, series.Interval.Name, series.LastTradeSequence, newestFirst);
    }

    /// <summary>
    /// How long the key lives after its last write: the cache's TTL, but never less than two candles, so a candle
    /// that is still open (its last trade at most one interval ago) is never expired under a consumer that needs it.
    /// </summary>
    public static TimeSpan TimeToLive(CacheOptions options, KlineInterval interval) =>
        TimeSpan.FromMilliseconds(Math.Max(options.TtlSeconds * 1000L, 2 * interval.Milliseconds));
}
