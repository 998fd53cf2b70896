using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.ClickHouse;
using Trading.Runtime.Streams;

namespace Trading.Silo.ReadSide.History;

/// <summary>
/// Exports the exchange's streams to ClickHouse: creates or migrates the schema (retrying while ClickHouse is
/// unreachable, without stopping the host), then runs two consumers on their own threads, each in its own
/// consumer group: <c>history.trades</c> (match-results: trades and one-minute candles; History:TradeConsumers
/// members, which split the partitions) and <c>history.accounts</c> (positions: final order states and position
/// changes). Their lag, rows written and errors are silo statistics.
/// </summary>
public sealed class HistoryExporterService(
    IMessageLog log, ClickHouseClient clickHouse, ClickHouseSchemaMigrator migrator, SiloStatistics statistics,
    IOptions<HistoryOptions> history, IOptions<TopicOptions> topics, IOptions<ClusterOptions> cluster,
    ILogger<HistoryExporterService> logger, ILoggerFactory loggers) : BackgroundService
{
    public const string TradesConsumer = "history.trades";
    public const string AccountsConsumer = "history.accounts";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = history.Value;
        await MigrateAsync(options, stoppingToken).ConfigureAwait(false);
        if (stoppingToken.IsCancellationRequested) return;

        var messages = new MessageTypeRegistry();
        ExchangeGrainTypes.StreamMessages(messages);
        var trades = new TradeHistorySink[options.TradeConsumers];
        for (var i = 0; i < trades.Length; i++) trades[i] = new TradeHistorySink(clickHouse, options, messages);
        using var accounts = new AccountHistorySink(clickHouse, options, messages);
        try
        {
            var consumers = new List<ReadSideConsumer>(ReadSideConsumer.MembersInCluster(TradesConsumer, cluster.Value.ClusterId,
                [topics.Value.MatchResults], trades, log, Policy(options), statistics, loggers))
            {
                ReadSideConsumer.InCluster(AccountsConsumer, cluster.Value.ClusterId, [topics.Value.Positions], accounts, log, Policy(options),
                    statistics, loggers),
            };
            await Task.WhenAll(consumers.Select(c => c.RunOnOwnThread(stoppingToken))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var sink in trades) sink.Dispose();
        }
    }

    private static BatchPolicy Policy(HistoryOptions options) =>
        new(options.BatchRows, options.BatchIntervalMs, options.RetryInitialMs, options.RetryMaxMs, options.MaxBatchRows);

    private async Task MigrateAsync(HistoryOptions options, CancellationToken stoppingToken)
    {
        var backoff = new RetryBackoff(options.RetryInitialMs, options.RetryMaxMs);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await migrator.MigrateAsync(HistorySchema.Tables(options), stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (ClickHouseException e)
            {
                var wait = backoff.Failed();
                logger.LogWarning("ClickHouse schema not ready (attempt {Attempt}), retrying in {DelayMs} ms: {Error}",
                    backoff.Failures, (long)wait.TotalMilliseconds, e.Message);
                try
                {
                    await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
