using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Runtime.Client;
using Trading.Runtime.Storage.Cache;

namespace Trading.Client.Api.Exchange;

/// <summary>
/// Recent tickers per symbol (at most Exchange:TickerCacheMs old), asked from the book. The gateway needs
/// best prices to tell the account what a market or sell order may cost before the book prices it. When the book
/// does not answer within Exchange:TickerAskTimeoutMs (its partition is moving to another silo), the latest-data
/// cache's ticker, or else the last one this gateway saw, stands in, so order entry does not stall on a failover.
/// One ask per symbol is in flight at a time and every caller that needs a fresh ticker meanwhile shares it, so a
/// burst of orders costs the book one ticker request per interval, not one per order.
/// </summary>
public sealed class TickerCache(IClusterClient client, IMarketCache cache, MarketCacheKeys keys, IOptions<ExchangeOptions> options,
    TimeProvider clock, ILogger<TickerCache> logger)
{
    private readonly ConcurrentDictionary<string, (Ticker Ticker, long At)> _tickers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Ticker>>> _inflight = new(StringComparer.Ordinal);

    public async Task<Ticker> GetAsync(string symbol, CancellationToken cancellationToken)
    {
        var known = _tickers.TryGetValue(symbol, out var cached);
        if (known && clock.GetElapsedTime(cached.At) <= TimeSpan.FromMilliseconds(options.Value.TickerCacheMs))
            return cached.Ticker;
        try
        {
            return await _inflight.GetOrAdd(symbol, s => new Lazy<Task<Ticker>>(() => AskAsync(s))).Value
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GrainReplyTimeoutException e)
        {
            var stored = await CachedAsync(symbol).ConfigureAwait(false);
            if (stored is null && !known) throw;
            var stand = stored is not null && (!known || stored.Sequence >= cached.Ticker.Sequence) ? stored : cached.Ticker;
            logger.LogWarning("Book {Symbol} did not answer ({Error}); pricing with the ticker of sequence {Sequence}", symbol, e.Message, stand.Sequence);
            return stand;
        }
    }

    private async Task<Ticker> AskAsync(string symbol)
    {
        try
        {
            var ticker = await client.AskAsync<IOrderBookGrain, Ticker>(symbol, new GetTicker(),
                TimeSpan.FromMilliseconds(options.Value.TickerAskTimeoutMs)).ConfigureAwait(false);
            _tickers[symbol] = (ticker, clock.GetTimestamp());
            return ticker;
        }
        finally
        {
            _inflight.TryRemove(symbol, out _);
        }
    }

    private async Task<Ticker?> CachedAsync(string symbol)
    {
        try
        {
            return await cache.GetJsonAsync<Ticker>(keys.Tick(symbol)).ConfigureAwait(false);
        }
        catch (CacheUnavailableException)
        {
            return null;
        }
    }
}
