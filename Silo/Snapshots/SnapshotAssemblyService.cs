using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Operations;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;
using Trading.Runtime.Streams;
using Trading.Silo.ReadSide;

namespace Trading.Silo.Snapshots;

/// <summary>Runs the <see cref="SnapshotAssembler"/> as the consumer group <c>{cluster}.snapshots</c> on the <c>snapshots</c> topic.</summary>
internal sealed class SnapshotAssemblyService(
    IMessageLog log, ISnapshotStore store, SiloStatistics statistics, IOptions<TopicOptions> topics, IOptions<SnapshotOptions> options,
    IOptions<ClusterOptions> cluster, IOptions<RedisOptions> redis, IGrainStateStore grains, IOperationsMetrics metrics, ILoggerFactory loggers)
    : BackgroundService
{
    public const string ConsumerName = "snapshots";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var producer = log.CreateProducer();
        var logger = loggers.CreateLogger<SnapshotAssembler>();
        var sink = new SnapshotAssembler(store, grains, DocumentBuild(logger), producer, topics.Value, options.Value, metrics, logger);
        await ReadSideConsumer.InCluster(ConsumerName, cluster.Value.ClusterId, [topics.Value.Snapshots], sink, log,
                new BatchPolicy(1, 50, 100, 5000), statistics, loggers)
            .RunOnOwnThread(stoppingToken).ConfigureAwait(false);
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    /// <summary>A process of its own where the parts are in Redis (it reads them there); this process otherwise.</summary>
    private ISnapshotDocumentBuild DocumentBuild(ILogger logger) =>
        options.Value.DocumentInChildProcess && store is RedisSnapshotStore
            ? new ChildProcessDocumentBuild(redis.Value, cluster.Value.ClusterId, options.Value, logger)
            : new InProcessDocumentBuild(store, grains, options.Value.CompressParts, logger);
}
