using System.Text.Json;
using Microsoft.Extensions.Options;
using Trading.Client.Api.Exchange;
using Trading.Client.Api.History;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Runtime.Configuration;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.Cache;
using Trading.Runtime.Storage.ClickHouse;

namespace Trading.Client.Api.Market;

/// <summary>Where a latest price came from.</summary>
public enum PriceSource { Cache, History, Book }

/// <summary>
/// The latest trade price of a symbol, routed as the seed lays out: the cache first
/// (<c>market_data:price:{venue}:{symbol}</c>), ClickHouse's newest trade on a miss, then the cache refilled with it
/// (only if still absent, so a newer write by the cache writer is never overwritten). Without history (embedded
/// mode) the book's ticker stands in for ClickHouse.
/// </summary>
public sealed class LatestPriceReader(IMarketCache cache, MarketCacheKeys keys, IOptions<CacheOptions> cacheOptions,
    IOptions<HistoryOptions> history, IOptions<ClusterOptions> cluster, HistoryReader historyReader, TradingService trading,
    ILogger<LatestPriceReader> logger)
{
    private static readonly JsonSerializerOptions Json = MessageTypeRegistry.JsonOptions;

    public async Task<(LatestPrice? Price, PriceSource Source)> GetAsync(string symbol, CancellationToken cancellationToken)
    {
        var key = keys.Price(symbol);
        try
        {
            if (await cache.GetJsonAsync<LatestPrice>(key).ConfigureAwait(false) is { } cached) return (cached, PriceSource.Cache);
        }
        catch (CacheUnavailableException e)
        {
            logger.LogWarning("Latest price of {Symbol}: cache unavailable ({Error}); reading further down", symbol, e.Message);
        }

        var (price, source) = await FallbackAsync(symbol, cancellationToken).ConfigureAwait(false);
        if (price is null) return (null, source);
        try
        {
            await cache.SetIfAbsentAsync(key, JsonSerializer.Serialize(price, Json), TimeSpan.FromSeconds(cacheOptions.Value.TtlSeconds))
                .ConfigureAwait(false);
        }
        catch (CacheUnavailableException e)
        {
            logger.LogWarning("Latest price of {Symbol} not refilled: {Error}", symbol, e.Message);
        }
        return (price, source);
    }

    private async Task<(LatestPrice?, PriceSource)> FallbackAsync(string symbol, CancellationToken cancellationToken)
    {
        if (history.Value.IsEnabled(cluster.Value.Mode))
        {
            try
            {
                var trade = await historyReader.LatestTradePriceAsync(symbol, cancellationToken).ConfigureAwait(false);
                return (trade is null ? null : new LatestPrice(symbol, trade.Price, trade.Time), PriceSource.History);
            }
            catch (ClickHouseException e)
            {
                logger.LogWarning("Latest price of {Symbol}: ClickHouse unavailable ({Error}); asking the book", symbol, e.Message);
            }
        }
        var ticker = await trading.GetTickerAsync(symbol, cancellationToken).ConfigureAwait(false);
        return (ticker.LastPrice == 0 ? null : new LatestPrice(symbol, ticker.LastPrice, ticker.Timestamp), PriceSource.Book);
    }
}
