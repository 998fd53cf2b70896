using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Trading.Runtime.Streams;

/// <summary>
/// Copies every record of one topic into another, byte for byte and with the same key, as a member of its
/// own consumer group. It turns a stream into part of a grain's input log: the grain reads one totally
/// ordered topic (its determinism rests on that) while producers keep writing to the stream they own.
/// Records keep their envelope (source and sequence), so copies made again after a crash are dropped by
/// the grain's duplicate filter. Offsets are committed only after the copies are acknowledged.
/// </summary>
public sealed class StreamForwarder : BackgroundService, IPartitionListener
{
    private const int MaxBatch = 2_000;
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    private readonly IMessageLog _log;
    private readonly string _groupId;
    private readonly string _from;
    private readonly string _to;
    private readonly ILogger _logger;
    private readonly Dictionary<TopicPartition, long> _uncommitted = new();
    private readonly Action<DeliveryReport> _onDelivered;
    private IMessageProducer? _producer;
    private long _failed;
    private long _pending;

    public StreamForwarder(IMessageLog log, string groupId, string from, string to, ILogger<StreamForwarder> logger)
    {
        if (from == to) throw new ArgumentException("A stream cannot be forwarded into itself.", nameof(to));
        _log = log;
        _groupId = groupId;
        _from = from;
        _to = to;
        _logger = logger;
        _onDelivered = OnDelivered;
    }

    /// <summary>Records copied and acknowledged.</summary>
    public long Forwarded { get; private set; }

    public string From => _from;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        _log.PartitionCount(_to);
        using var producer = _log.CreateProducer();
        _producer = producer;
        using var consumer = _log.CreateGroupConsumer(_groupId, this);
        consumer.Subscribe([_from]);
        _logger.LogInformation("Forwarding {From} into {To} as group {Group}", _from, _to, _groupId);
        var batch = 0;
        while (!stop.IsCancellationRequested)
        {
            var record = consumer.Poll(TimeSpan.FromMilliseconds(batch == 0 ? 50 : 0));
            if (record is not null)
            {
                producer.Produce(_to, record.Key, record.Value, _onDelivered);
                _pending++;
                _uncommitted[record.TopicPartition] = record.Offset + 1;
                if (++batch < MaxBatch) continue;
            }
            if (batch > 0) Commit(consumer);
            batch = 0;
        }
        consumer.Close();
    }

    private void OnDelivered(DeliveryReport report)
    {
        if (!report.Succeeded) Interlocked.Increment(ref _failed);
    }

    /// <summary>Waits for the copies, then commits the originals; a refused copy stops the forwarder (nothing is skipped).</summary>
    private void Commit(IGroupConsumer consumer)
    {
        if (_uncommitted.Count == 0) return;
        var inFlight = _producer!.Flush(FlushTimeout);
        if (inFlight > 0 || Interlocked.Exchange(ref _failed, 0) > 0)
            throw new IOException($"Forwarding {_from} into {_to} failed: copies were not acknowledged; offsets stay uncommitted.");
        var offsets = new List<TopicPartitionOffset>(_uncommitted.Count);
        foreach (var (tp, next) in _uncommitted) offsets.Add(new TopicPartitionOffset(tp.Topic, tp.Partition, next));
        consumer.Commit(offsets);
        Forwarded += _pending;
        _pending = 0;
        _uncommitted.Clear();
    }

    public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) =>
        _logger.LogInformation("Forwarder {Group} assigned {Count} partitions of {From}", _groupId, partitions.Count, _from);

    public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) => Commit(consumer);
}
