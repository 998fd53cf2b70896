using Microsoft.Extensions.Options;
using Trading.Client.Api.Push.Fanout;
using Trading.Grains.Interfaces.Exchange;
using Trading.Runtime.Configuration;
using Trading.Runtime.Messaging;
using Trading.Runtime.Streams;

namespace Trading.Client.Api.Push.Feed;

/// <summary>
/// Reads <c>match-results</c>, <c>market_data.orderbooks</c> and <c>positions</c> for the WebSocket channels as a
/// consumer group of its own, unique to this gateway process (<c>{cluster}.push.{silo}.{random}</c>), so every
/// gateway sees every event and the matching path does not know it exists. It starts at the end of the topics
/// (a push feed has no history to catch up on: the depth channel starts from snapshots) and commits nothing.
/// </summary>
public sealed class PushFeed : BackgroundService, IPartitionListener
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly IMessageLog _log;
    private readonly PushHub _hub;
    private readonly TopicOptions _topics;
    private readonly ILogger _logger;
    private readonly MessageTypeRegistry _types = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushFeed(IMessageLog log, PushHub hub, IOptions<TopicOptions> topics, IOptions<ClusterOptions> cluster, ILogger<PushFeed> logger)
    {
        _log = log;
        _hub = hub;
        _topics = topics.Value;
        _logger = logger;
        ExchangeGrainTypes.StreamMessages(_types);
        GroupId = $"{cluster.Value.ClusterId}.push.{cluster.Value.ResolveSiloId()}.{Guid.NewGuid():N}";
    }

    public string GroupId { get; }

    /// <summary>Completes when the feed holds its partitions and reads from their ends: events from then on reach subscribers.</summary>
    public Task Ready => _ready.Task;

    public long Delivered { get; private set; }
    public long Failed { get; private set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        string[] topics = [_topics.MatchResults, _topics.MarketDataOrderBooks, _topics.Positions];
        foreach (var topic in topics) _log.PartitionCount(topic); // exist before subscribing: no empty first assignment
        using var subscriber = new StreamSubscriber(_log, GroupId, topics, listener: this);
        _logger.LogInformation("Push feed reading {Topics} as group {Group}", string.Join(", ", topics), GroupId);
        while (!stop.IsCancellationRequested)
        {
            StreamEvent? next;
            try
            {
                next = subscriber.Poll(PollTimeout);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                _logger.LogWarning(e, "Push feed poll failed");
                continue;
            }
            if (next is not null) Dispatch(next);
        }
    }

    private void Dispatch(StreamEvent next)
    {
        try
        {
            var envelope = next.Envelope;
            if (!_types.TryResolve(envelope.Type, out _)) return; // another stream's message type: not pushed
            switch (_types.Deserialize(envelope.Type, envelope.Payload))
            {
                case MatchResult result: _hub.OnMatchResult(result); break;
                case DepthUpdate update: _hub.OnDepthUpdate(update); break;
                case UserUpdate user: _hub.OnUserUpdate(user); break;
                default: return;
            }
            Delivered++;
        }
        catch (Exception e)
        {
            Failed++;
            _logger.LogWarning(e, "Push feed could not deliver {Type} at {Partition}@{Offset}", next.Envelope.Type,
                next.Record.TopicPartition, next.Record.Offset);
        }
    }

    public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        using var reader = _log.CreateReader();
        for (var i = 0; i < partitions.Count; i++)
            consumer.Seek(new TopicPartitionOffset(partitions[i].Topic, partitions[i].Partition, reader.Watermarks(partitions[i]).High));
        _logger.LogInformation("Push feed {Group} assigned {Count} partitions, reading from their ends", GroupId, partitions.Count);
        if (partitions.Count > 0) _ready.TrySetResult();
    }

    public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) { }
}
