namespace Trading.Runtime.Streams;

/// <summary>
/// A partitioned, durable log with consumer groups: Kafka in the full mode, an in-memory equivalent
/// in the embedded mode. Both partition keys with murmur2 exactly as the Java client does, so any
/// producer routes a key to the same partition.
/// </summary>
public interface IMessageLog
{
    /// <summary>Number of partitions of a topic, creating the topic with the default count if needed.</summary>
    int PartitionCount(string topic);

    IMessageProducer CreateProducer();

    /// <summary>A member of consumer group <paramref name="groupId"/>; rebalance callbacks go to <paramref name="listener"/>.</summary>
    IGroupConsumer CreateGroupConsumer(string groupId, IPartitionListener listener);

    /// <summary>Reads partitions outside any group (replay, inspection).</summary>
    IPartitionReader CreateReader();
}

/// <summary>Produces records without blocking; each record's delivery is reported once.</summary>
public interface IMessageProducer : IDisposable
{
    /// <summary>
    /// Enqueues a record for the partition its key hashes to. <paramref name="onDelivered"/> runs once,
    /// on a producer thread, when the log acknowledged the record or gave up on it.
    /// </summary>
    void Produce(string topic, string key, byte[] value, Action<DeliveryReport> onDelivered);

    /// <summary>Waits until every enqueued record has been reported, or the timeout passes. Returns the number still in flight.</summary>
    int Flush(TimeSpan timeout);
}

/// <summary>Rebalance callbacks. They run on the thread that calls <see cref="IGroupConsumer.Poll"/>.</summary>
public interface IPartitionListener
{
    void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions);

    /// <summary>Runs before the partitions are released: checkpoint, flush and commit here.</summary>
    void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions);
}

/// <summary>A consumer-group member. Not thread-safe except where noted: call it from one polling thread.</summary>
public interface IGroupConsumer : IDisposable
{
    void Subscribe(IReadOnlyCollection<string> topics);

    /// <summary>The next record of an assigned, unpaused partition, or null after the timeout. Runs rebalance callbacks.</summary>
    /// <remarks>
    /// Rebalances are eager: when the group's membership changes, OnRevoked runs here for the whole
    /// assignment (commit inside it), after which no record is returned until OnAssigned has run here
    /// for the new share. Newly assigned partitions start at the group's committed offset (earliest when
    /// none) unless OnAssigned seeks. A negative timeout waits indefinitely. Exceptions thrown by the
    /// listener propagate out of Poll.
    /// </remarks>
    LogRecord? Poll(TimeSpan timeout);

    IReadOnlyList<TopicPartition> Assignment { get; }

    /// <summary>Commits positions (offset = next to read) for the group. May be called from any thread.</summary>
    /// <exception cref="MessageLogException">The member has left or lost its group membership, or the broker refused.</exception>
    void Commit(IReadOnlyList<TopicPartitionOffset> offsets);

    /// <summary>The group's committed position (next offset to read), or null when none.</summary>
    long? Committed(TopicPartition partition);

    /// <summary>Moves an assigned partition's position; the next record from it has this offset. Also allowed inside OnAssigned.</summary>
    void Seek(TopicPartitionOffset position);

    /// <summary>Stops returning records of these assigned partitions until resumed; a rebalance clears pauses.</summary>
    void Pause(IReadOnlyList<TopicPartition> partitions);

    /// <summary>Returns records of paused partitions again, from where they stopped.</summary>
    void Resume(IReadOnlyList<TopicPartition> partitions);

    /// <summary>Leaves the group: revokes the assignment (callbacks run) and stops.</summary>
    void Close();

    /// <summary>Drops out of the group at once with no callbacks and no commits, as a crash would.</summary>
    void Kill();
}

/// <summary>Reads a partition range outside any consumer group.</summary>
public interface IPartitionReader : IDisposable
{
    /// <summary>Records with offsets in [from, toExclusive), in order, clamped to the watermarks at the time of the call (records not yet written are not waited for).</summary>
    IEnumerable<LogRecord> Read(TopicPartition partition, long from, long toExclusive, CancellationToken cancellationToken);

    /// <summary>Low (first available) and high (next to be written) offsets.</summary>
    (long Low, long High) Watermarks(TopicPartition partition);
}
