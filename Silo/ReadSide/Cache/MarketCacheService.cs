using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Runtime.Client;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Storage.Cache;
using Trading.Runtime.Streams;

namespace Trading.Silo.ReadSide.Cache;

/// <summary>
/// Fills the latest-data cache (Redis in the full mode) from <c>match-results</c>, <c>market_data.orderbooks</c> and
/// <c>positions</c> as the consumer group <c>{cluster}.cache</c>, committing only what the cache holds. Its lag,
/// writes and errors are the silo statistics' consumer <c>cache</c>.
/// </summary>
internal sealed class MarketCacheService(
    IMessageLog log, IMarketCache cache, MarketCacheKeys keys, IClusterClient client, TickerRefresher tickers, SiloStatistics statistics,
    IOptions<CacheOptions> options, IOptions<ExchangeOptions> exchange, IOptions<TopicOptions> topics, IOptions<ClusterOptions> cluster,
    ILoggerFactory loggers) : BackgroundService
{
    public const string ConsumerName = "cache";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var sink = new MarketCacheSink(cache, keys, o, exchange.Value.DepthLevels, client, tickers, loggers.CreateLogger<MarketCacheSink>());
        return ReadSideConsumer.InCluster(ConsumerName, cluster.Value.ClusterId,
                [topics.Value.MatchResults, topics.Value.MarketDataOrderBooks, topics.Value.Positions], sink, log,
                new BatchPolicy(o.BatchEvents, o.BatchIntervalMs, o.RetryInitialMs, o.RetryMaxMs), statistics, loggers)
            .RunOnOwnThread(stoppingToken);
    }
}
