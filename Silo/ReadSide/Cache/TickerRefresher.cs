using System.Text.Json;
using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Runtime.Client;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.Cache;

namespace Trading.Silo.ReadSide.Cache;

/// <summary>
/// Keeps <c>market_data:tick:{venue}:{symbol}</c> fresh: symbols marked due (they traded or their best prices moved) get the book's own ticker
/// (last price, rolling 24 h statistics, best bid and ask) at most once per Cache:TickerIntervalMs. The book is
/// the only place that knows the 24 h window exactly, so the ticker is asked, not recomputed.
/// </summary>
internal sealed class TickerRefresher(IMarketCache cache, MarketCacheKeys keys, IOptions<CacheOptions> cacheOptions, IClusterClient client,
    TimeProvider clock, ILogger<TickerRefresher> logger) : BackgroundService
{
    private readonly CacheOptions _options = cacheOptions.Value;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _due = new(StringComparer.Ordinal);

    public long Refreshed { get; private set; }

    public void MarkDue(string symbol)
    {
        lock (_gate) _due.Add(symbol);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ttl = TimeSpan.FromSeconds(_options.TtlSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.TickerIntervalMs), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                string[] due;
                lock (_gate)
                {
                    if (_due.Count == 0) continue;
                    due = [.. _due];
                    _due.Clear();
                }
                var batch = cache.CreateBatch();
                foreach (var symbol in due)
                {
                    try
                    {
                        var ticker = await client.AskAsync<IOrderBookGrain, Ticker>(symbol, new GetTicker(), cancellationToken: stoppingToken)
                            .ConfigureAwait(false);
                        batch.Set(keys.Tick(symbol), JsonSerializer.Serialize(ticker, MessageTypeRegistry.JsonOptions), ttl);
                    }
                    catch (Exception e) when (e is TimeoutException or GrainCallException or IOException)
                    {
                        MarkDue(symbol);
                        logger.LogWarning(e, "Ticker of {Symbol} not fetched; retrying at the next interval", symbol);
                    }
                }
                try
                {
                    await batch.ExecuteAsync().ConfigureAwait(false);
                    Refreshed += batch.Count;
                }
                catch (CacheUnavailableException e)
                {
                    foreach (var symbol in due) MarkDue(symbol);
                    logger.LogWarning("Tickers not cached, the cache is down: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
