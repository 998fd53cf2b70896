using System.Text.Json;
using Microsoft.Extensions.Options;
using Trading.Client.Api.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.Cache;

namespace Trading.Client.Api.Market;

/// <summary>
/// Public market reads for the API: from the latest-data cache (Redis in the full mode) when it has the answer,
/// else from the book itself. The cache is filled by the silo's cache writer from the result topics, so what it
/// serves trails the book by the writer's lag (tens of milliseconds); the book is asked when the cache is off,
/// misses (a quiet symbol's key expired) or cannot answer the request (more levels than it keeps).
/// </summary>
public sealed class MarketDataReader(IMarketCache cache, MarketCacheKeys keys, IOptions<CacheOptions> options,
    IOptions<ExchangeOptions> exchange, TradingService trading, ILogger<MarketDataReader> logger)
{
    private static readonly JsonSerializerOptions Json = MessageTypeRegistry.JsonOptions;

    public async Task<BookDepth> DepthAsync(string symbol, int levels, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled && levels <= exchange.Value.DepthLevels
            && await GetAsync<BookDepth>(keys.OrderBook(symbol)).ConfigureAwait(false) is { } cached)
            return cached with { Bids = Trim(cached.Bids, levels), Asks = Trim(cached.Asks, levels) };
        return await trading.GetDepthAsync(symbol, levels, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Ticker> TickerAsync(string symbol, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled && await GetAsync<Ticker>(keys.Tick(symbol)).ConfigureAwait(false) is { } cached) return cached;
        return await trading.GetTickerAsync(symbol, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The most recent public trades, newest first (empty when the cache is off or holds none).</summary>
    public async Task<IReadOnlyList<PublicTrade>> RecentTradesAsync(string symbol, int limit)
    {
        if (!options.Value.Enabled) return [];
        var values = await cache.ListAsync(keys.Trades(symbol), limit).ConfigureAwait(false);
        var trades = new List<PublicTrade>(values.Count);
        foreach (var v in values) trades.Add(JsonSerializer.Deserialize<PublicTrade>(v, Json)!);
        return trades;
    }

    private async Task<T?> GetAsync<T>(string key) where T : class
    {
        try
        {
            return await cache.GetJsonAsync<T>(key).ConfigureAwait(false);
        }
        catch (CacheUnavailableException e)
        {
            logger.LogWarning("Cache read of {Key} failed, asking the book: {Error}", key, e.Message);
            return null;
        }
    }

    private static IReadOnlyList<DepthEntry> Trim(IReadOnlyList<DepthEntry> side, int levels) =>
        side.Count <= levels ? side : [.. side.Take(levels)];
}
