using System.Text.Json;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Grains.MarketData;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.Cache;

namespace Trading.Silo.ReadSide.Cache;

/// <summary>
/// The cache writer's candles: for every symbol that trades, one <see cref="KlineSeries"/> per interval (1m ... 1d),
/// written as <see cref="RecentKlines"/> to <c>market_data:kline:{venue}:{symbol}:{interval}</c> once per batch.
/// A symbol's series start from what the cache already holds (this writer's last writes before a restart or a
/// hand-over), so trades re-read from the last committed offset are recognised by their sequence and not counted
/// again; with nothing cached they start empty and are built from the trades read (a new group reads the log from
/// its start). Each key carries its own last trade, so a batch that was only partly written is resumed exactly.
/// </summary>
internal sealed class KlineCacheWriter(IMarketCache cache, MarketCacheKeys keys, CacheOptions options)
{
    private static readonly JsonSerializerOptions Json = MessageTypeRegistry.JsonOptions;
    private readonly Dictionary<string, KlineSeries[]> _symbols = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    /// <summary>Folds a trade into the symbol's candles; reads the cached candles first if the symbol is new to this writer (throws <see cref="CacheUnavailableException"/>).</summary>
    public void Add(string symbol, BookEvent trade)
    {
        var series = SeriesOf(symbol);
        var changed = false;
        for (var i = 0; i < series.Length; i++)
            if (series[i].Add(trade.TradeSequence, trade.Timestamp, trade.Price, trade.Quantity, trade.Notional, out _)
                is KlineOutcome.Updated or KlineOutcome.Rolled)
                changed = true;
        if (changed) _changed.Add(symbol);
    }

    /// <summary>Queues the changed symbols' candles on <paramref name="batch"/>, one value per interval.</summary>
    public void QueueWrites(ICacheBatch batch)
    {
        foreach (var symbol in _changed)
        {
            var series = _symbols[symbol];
            for (var i = 0; i < series.Length; i++)
                batch.Set(keys.Kline(symbol, series[i].Interval.Name), JsonSerializer.Serialize(RecentKlines.Of(symbol, series[i]), Json),
                    RecentKlines.TimeToLive(options, series[i].Interval));
        }
        _changed.Clear();
    }

    /// <summary>Forgets every copy: the next trade of a symbol starts again from what the cache holds.</summary>
    public void Reset()
    {
        _symbols.Clear();
        _changed.Clear();
    }

    private KlineSeries[] SeriesOf(string symbol)
    {
        if (_symbols.TryGetValue(symbol, out var series)) return series;
        var intervals = KlineInterval.All;
        series = new KlineSeries[intervals.Count];
        for (var i = 0; i < series.Length; i++)
        {
            series[i] = new KlineSeries(intervals[i], options.RecentKlines);
            var cached = cache.GetJsonAsync<RecentKlines>(keys.Kline(symbol, intervals[i].Name)).GetAwaiter().GetResult();
            if (cached is not null) series[i].Restore(cached.LastTradeSequence, cached.Klines);
        }
        _symbols[symbol] = series;
        return series;
    }
}
