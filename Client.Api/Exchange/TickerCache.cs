using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Runtime.Client;

namespace Trading.Client.Api.Exchange;

/// <summary>
/// Recent tickers per symbol (at most Exchange:TickerCacheMs old), asked from the book. The gateway needs
/// best prices to tell the account what a market or sell order may cost before the book prices it.
/// </summary>
public sealed class TickerCache(IClusterClient client, IOptions<ExchangeOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (Ticker Ticker, long At)> _tickers = new(StringComparer.Ordinal);

    public async Task<Ticker> GetAsync(string symbol, CancellationToken cancellationToken)
    {
        if (_tickers.TryGetValue(symbol, out var cached)
            && clock.GetElapsedTime(cached.At) <= TimeSpan.FromMilliseconds(options.Value.TickerCacheMs))
            return cached.Ticker;
        var ticker = await client.AskAsync<IOrderBookGrain, Ticker>(symbol, new GetTicker(), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        _tickers[symbol] = (ticker, clock.GetTimestamp());
        return ticker;
    }
}
