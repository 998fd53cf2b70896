using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Operations;
using Trading.Runtime.Snapshots;
using Trading.Runtime.Streams;
using Trading.Silo.ReadSide;

namespace Trading.Silo.Snapshots;

/// <summary>Runs the <see cref="SnapshotAssembler"/> as the consumer group <c>{cluster}.snapshots</c> on the <c>snapshots</c> topic.</summary>
internal sealed class SnapshotAssemblyService(
    IMessageLog log, ISnapshotStore store, SiloStatistics statistics, IOptions<TopicOptions> topics, IOptions<SnapshotOptions> options,
    IOptions<ClusterOptions> cluster, IOperationsMetrics metrics, ILoggerFactory loggers) : BackgroundService
{
    public const string ConsumerName = "snapshots";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var producer = log.CreateProducer();
        var sink = new SnapshotAssembler(store, new SnapshotDocumentWriter(store), producer, topics.Value, options.Value, metrics,
            loggers.CreateLogger<SnapshotAssembler>());
        await ReadSideConsumer.InCluster(ConsumerName, cluster.Value.ClusterId, [topics.Value.Snapshots], sink, log,
                new BatchPolicy(1, 50, 100, 5000), statistics, loggers)
            .RunOnOwnThread(stoppingToken).ConfigureAwait(false);
        producer.Flush(TimeSpan.FromSeconds(10));
    }
}
