using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using CK = Confluent.Kafka;

namespace Trading.Runtime.Streams.Kafka;

/// <summary>
/// A consumer-group member over a Confluent.Kafka consumer (auto-commit off, explicit commits).
/// librdkafka's rebalance events reach the <see cref="IPartitionListener"/> synchronously on the
/// thread calling <see cref="Poll"/> (inside Consume) or <see cref="Close"/>. The protocol is Kafka's
/// eager one: on any membership change each member revokes everything, then gets its new share.
/// </summary>
/// <remarks>
/// Seek and Pause called inside OnAssigned are applied with the assignment (the partitions are not
/// yet fetchable while the handler runs): a Seek becomes the starting offset, a Pause takes effect
/// before Poll returns. Newly assigned partitions without a Seek start at the group's committed
/// offset, or at the earliest offset when none. A pause ends with the assignment, as in Kafka's Java consumer:
/// librdkafka keeps a partition's pause flag when the partition is revoked and later assigned back, so the
/// partitions this member paused are resumed in OnRevoked, while still assigned (otherwise a partition paused
/// before a rebalance, and not paused again inside OnAssigned, would never deliver again).
/// If the member was dropped by the coordinator (no heartbeat within session.timeout.ms, or no Poll within
/// librdkafka's max.poll.interval.ms, 300 s by default: a stuck polling thread keeps its partitions that
/// long), the partitions are already lost when OnRevoked runs and commits made there fail with
/// <see cref="MessageLogException"/>; librdkafka rejoins the group by itself on the next Poll.
/// </remarks>
public sealed class KafkaGroupConsumer : IGroupConsumer
{
    private static readonly TimeSpan CommittedTimeout = TimeSpan.FromSeconds(10);
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly IPartitionListener _listener;
    private readonly ILogger _logger;
    private readonly Func<string, int> _ensureTopic;
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly Dictionary<TopicPartition, long> _seeksInHandler = [];
    private readonly List<TopicPartition> _pausesInHandler = [];
    private TopicPartition[] _assignment = [];
    private bool _inAssignedHandler;
    private volatile int _state; // 0 open, 1 closed, 2 killed

    internal KafkaGroupConsumer(ConsumerConfig config, IPartitionListener listener, Func<string, int> ensureTopic, ILogger logger)
    {
        _listener = listener;
        _logger = logger;
        _ensureTopic = ensureTopic;
        _consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetKeyDeserializer(Deserializers.Utf8)
            .SetValueDeserializer(Deserializers.ByteArray)
            .SetPartitionsAssignedHandler(OnPartitionsAssigned)
            .SetPartitionsRevokedHandler(OnPartitionsRevoked)
            .SetLogHandler((_, m) => KafkaLogging.Log(logger, m))
            .SetErrorHandler((_, e) => KafkaLogging.Error(logger, e))
            .Build();
    }

    /// <inheritdoc />
    public IReadOnlyList<TopicPartition> Assignment => Volatile.Read(ref _assignment);

    /// <summary>Ensures each topic exists (auto-creating it) so the group assigns all its partitions at once.</summary>
    public void Subscribe(IReadOnlyCollection<string> topics)
    {
        ThrowIfLeft();
        foreach (var topic in topics) _ensureTopic(topic);
        _consumer.Subscribe(topics);
    }

    /// <inheritdoc />
    public LogRecord? Poll(TimeSpan timeout)
    {
        ThrowIfLeft();
        var deadline = Deadline.After(timeout);
        while (true)
        {
            ConsumeResult<string, byte[]>? result;
            try
            {
                result = _consumer.Consume(deadline.Remaining);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                _logger.LogWarning("Consume error {Code}: {Reason}", e.Error.Code, e.Error.Reason);
                if (deadline.Remaining == TimeSpan.Zero) return null;
                continue;
            }
            catch (KafkaException e)
            {
                throw new MessageLogException($"Consume failed: {e.Error.Reason}", e);
            }
            ApplyPausesFromHandler();
            if (result is null) return null;
            if (result.IsPartitionEOF) continue;
            var tp = new TopicPartition(result.Topic, result.Partition.Value);
            if (_paused.Contains(tp))
            {
                // Fetched before the pause took effect: rewind so Resume delivers it.
                _consumer.Seek(result.TopicPartitionOffset);
                continue;
            }
            return new LogRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key ?? "", result.Message.Value ?? []);
        }
    }

    /// <inheritdoc />
    /// <exception cref="MessageLogException">The broker refused the commit (e.g. the member left the group).</exception>
    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        if (_state != 0) throw new MessageLogException("Commit rejected: the member left its group (closed, disposed or killed).");
        if (offsets.Count == 0) return;
        try
        {
            _consumer.Commit(offsets.Select(o => new CK.TopicPartitionOffset(o.Topic, o.Partition, o.Offset)));
        }
        catch (KafkaException e)
        {
            throw new MessageLogException($"Commit failed: {e.Error.Reason}", e);
        }
    }

    /// <inheritdoc />
    public long? Committed(TopicPartition partition)
    {
        ThrowIfLeft();
        try
        {
            var offset = _consumer.Committed([new CK.TopicPartition(partition.Topic, partition.Partition)], CommittedTimeout).Single().Offset;
            return offset.IsSpecial ? null : offset.Value;
        }
        catch (KafkaException e)
        {
            throw new MessageLogException($"Reading the committed offset of {partition} failed: {e.Error.Reason}", e);
        }
    }

    /// <inheritdoc />
    public void Seek(TopicPartitionOffset position)
    {
        ThrowIfLeft();
        if (_inAssignedHandler)
        {
            _seeksInHandler[position.TopicPartition] = position.Offset;
            return;
        }
        try
        {
            _consumer.Seek(new CK.TopicPartitionOffset(position.Topic, position.Partition, position.Offset));
        }
        catch (KafkaException e)
        {
            throw new MessageLogException($"Seek to {position.TopicPartition}@{position.Offset} failed: {e.Error.Reason}", e);
        }
    }

    /// <inheritdoc />
    public void Pause(IReadOnlyList<TopicPartition> partitions)
    {
        ThrowIfLeft();
        foreach (var tp in partitions) _paused.Add(tp);
        if (_inAssignedHandler) _pausesInHandler.AddRange(partitions);
        else _consumer.Pause(partitions.Select(ToKafka));
    }

    /// <inheritdoc />
    public void Resume(IReadOnlyList<TopicPartition> partitions)
    {
        ThrowIfLeft();
        foreach (var tp in partitions)
        {
            _paused.Remove(tp);
            _pausesInHandler.Remove(tp);
        }
        if (!_inAssignedHandler) _consumer.Resume(partitions.Select(ToKafka));
    }

    /// <summary>Leaves the group: OnRevoked runs on this thread for the current assignment, then the client is released.</summary>
    public void Close()
    {
        if (_state != 0) return;
        try
        {
            _consumer.Close();
        }
        finally
        {
            _state = 1;
            _consumer.Dispose();
        }
    }

    /// <summary>
    /// Simulates a crashed member: the listener gets no more callbacks and no commit is accepted.
    /// Call it from the polling thread or after polling stopped (the Confluent consumer is single-threaded). The client
    /// then leaves the group at once rather than after session.timeout.ms, so the other members take its
    /// partitions over from the last committed offsets without waiting (a real crash takes the timeout).
    /// </summary>
    public void Kill()
    {
        if (_state != 0) return;
        _state = 2;
        try
        {
            _consumer.Close();
        }
        finally
        {
            _consumer.Dispose();
        }
    }

    /// <summary>Leaves the group gracefully, like <see cref="Close"/>, if not done already.</summary>
    public void Dispose() => Close();

    private IEnumerable<CK.TopicPartitionOffset> OnPartitionsAssigned(IConsumer<string, byte[]> consumer, List<CK.TopicPartition> partitions)
    {
        var ours = partitions.Select(p => new TopicPartition(p.Topic, p.Partition.Value)).ToArray();
        _paused.Clear();
        _pausesInHandler.Clear();
        _seeksInHandler.Clear();
        Volatile.Write(ref _assignment, ours);
        if (_state == 0)
        {
            _logger.LogDebug("Assigned {Count} partitions", ours.Length);
            _inAssignedHandler = true;
            try
            {
                _listener.OnAssigned(this, ours);
            }
            finally
            {
                _inAssignedHandler = false;
            }
        }
        return ours.Select(tp => new CK.TopicPartitionOffset(tp.Topic, tp.Partition,
            _seeksInHandler.TryGetValue(tp, out var offset) ? new Offset(offset) : Offset.Unset)).ToList();
    }

    private void OnPartitionsRevoked(IConsumer<string, byte[]> consumer, List<CK.TopicPartitionOffset> partitions)
    {
        var ours = partitions.Select(p => new TopicPartition(p.Topic, p.Partition.Value)).ToArray();
        try
        {
            if (_state == 0 && ours.Length > 0)
            {
                _logger.LogDebug("Revoking {Count} partitions", ours.Length);
                _listener.OnRevoked(this, ours);
            }
        }
        finally
        {
            ResumeRevoked(ours);
            _paused.Clear();
            _pausesInHandler.Clear();
            Volatile.Write(ref _assignment, []);
        }
    }

    /// <summary>
    /// Clears librdkafka's pause flag of the revoked partitions while they are still assigned: those paused and not
    /// waiting in <see cref="_pausesInHandler"/> (those never reached librdkafka).
    /// </summary>
    private void ResumeRevoked(TopicPartition[] revoked)
    {
        if (_paused.Count == 0) return;
        var resume = revoked.Where(tp => _paused.Contains(tp) && !_pausesInHandler.Contains(tp)).ToList();
        if (resume.Count == 0) return;
        try
        {
            _consumer.Resume(resume.Select(ToKafka));
        }
        catch (KafkaException e)
        {
            // Lost rather than revoked (the member was dropped): the flag may stay; log it, the next owner is unaffected.
            _logger.LogWarning("Clearing the pause of {Count} revoked partitions failed: {Reason}", resume.Count, e.Error.Reason);
        }
    }

    private void ApplyPausesFromHandler()
    {
        if (_pausesInHandler.Count == 0) return;
        var assigned = _consumer.Assignment.Select(p => new TopicPartition(p.Topic, p.Partition.Value)).ToHashSet();
        var ready = _pausesInHandler.Where(assigned.Contains).ToList();
        if (ready.Count == 0) return;
        _consumer.Pause(ready.Select(ToKafka));
        _pausesInHandler.RemoveAll(ready.Contains);
    }

    private static CK.TopicPartition ToKafka(TopicPartition tp) => new(tp.Topic, tp.Partition);

    private void ThrowIfLeft()
    {
        if (_state != 0) throw new ObjectDisposedException(nameof(KafkaGroupConsumer), _state == 2 ? "The member was killed." : "The member left its group.");
    }
}
