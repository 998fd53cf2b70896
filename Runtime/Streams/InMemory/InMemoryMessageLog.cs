using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Streams.InMemory;

/// <summary>
/// The embedded mode's Kafka: partitioned append-only topics with offsets from 0, keys placed by
/// murmur2, asynchronous delivery reports, consumer groups with an eager rebalance protocol (every
/// member revokes before anyone is assigned), committed offsets per group, pause/resume, seek and
/// group-less readers. Thread-safe. Nothing is ever deleted, so the low watermark is always 0.
/// </summary>
/// <remarks>
/// There are no heartbeats: a member that stops polling keeps its partitions until a rebalance needs
/// them back; if it has not revoked them within <see cref="RebalanceTimeout"/>, it is evicted and the
/// others proceed. <see cref="InMemoryGroupConsumer.Kill"/> simulates a crash immediately.
/// </remarks>
public sealed class InMemoryMessageLog : IMessageLog
{
    private readonly ConcurrentDictionary<string, InMemoryTopic> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConsumerGroup> _groups = new(StringComparer.Ordinal);
    private readonly object _consumersGate = new();
    private readonly ILoggerFactory _loggerFactory;
    private InMemoryGroupConsumer[] _consumers = [];

    /// <summary>Creates an empty log whose topics get <paramref name="defaultPartitions"/> partitions when first used.</summary>
    /// <param name="defaultPartitions">Partitions of a topic created on first use.</param>
    /// <param name="loggerFactory">Optional logging.</param>
    /// <param name="rebalanceTimeout">How long a rebalance waits for a member's revocation before evicting it (30 s by default, Kafka 0.9's longest session timeout).</param>
    public InMemoryMessageLog(int defaultPartitions, ILoggerFactory? loggerFactory = null, TimeSpan? rebalanceTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultPartitions, 1);
        DefaultPartitions = defaultPartitions;
        RebalanceTimeout = rebalanceTimeout ?? TimeSpan.FromSeconds(30);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RebalanceTimeout, TimeSpan.Zero, nameof(rebalanceTimeout));
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Creates an empty log with <see cref="TopicOptions.Partitions"/> partitions per auto-created topic.</summary>
    public InMemoryMessageLog(TopicOptions topics, ILoggerFactory? loggerFactory = null, TimeSpan? rebalanceTimeout = null)
        : this(topics.Partitions, loggerFactory, rebalanceTimeout) { }

    /// <summary>Partitions given to a topic created on first use.</summary>
    public int DefaultPartitions { get; }

    /// <summary>How long a rebalance waits for a member to revoke before evicting it.</summary>
    public TimeSpan RebalanceTimeout { get; }

    /// <summary>Creates a topic with an explicit partition count; returns false if it already exists with that count.</summary>
    /// <exception cref="MessageLogException">The topic exists with another partition count.</exception>
    public bool CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var created = false;
        var existing = _topics.GetOrAdd(topic, name => { created = true; return new InMemoryTopic(name, partitions); });
        if (existing.Partitions.Length != partitions)
            throw new MessageLogException($"Topic '{topic}' already exists with {existing.Partitions.Length} partitions, not {partitions}.");
        return created;
    }

    /// <inheritdoc />
    public int PartitionCount(string topic) => GetTopic(topic).Partitions.Length;

    /// <inheritdoc />
    public IMessageProducer CreateProducer() => new InMemoryProducer(this, _loggerFactory.CreateLogger<InMemoryProducer>());

    /// <inheritdoc />
    public IGroupConsumer CreateGroupConsumer(string groupId, IPartitionListener listener)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentNullException.ThrowIfNull(listener);
        var group = _groups.GetOrAdd(groupId, id => new ConsumerGroup(id, this, RebalanceTimeout, _loggerFactory.CreateLogger<ConsumerGroup>()));
        var consumer = new InMemoryGroupConsumer(this, group, listener, _loggerFactory.CreateLogger<InMemoryGroupConsumer>());
        lock (_consumersGate) _consumers = [.. _consumers, consumer];
        return consumer;
    }

    /// <inheritdoc />
    public IPartitionReader CreateReader() => new InMemoryPartitionReader(this);

    internal InMemoryTopic GetTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return _topics.GetOrAdd(topic, name => new InMemoryTopic(name, DefaultPartitions));
    }

    internal PartitionLog GetPartition(TopicPartition partition)
    {
        var topic = GetTopic(partition.Topic);
        if ((uint)partition.Partition >= (uint)topic.Partitions.Length)
            throw new ArgumentOutOfRangeException(nameof(partition), partition, $"Topic '{partition.Topic}' has {topic.Partitions.Length} partitions.");
        return topic.Partitions[partition.Partition];
    }

    /// <summary>Wakes the consumers subscribed to <paramref name="topic"/> after an append.</summary>
    internal void NotifyAppended(string topic)
    {
        foreach (var consumer in Volatile.Read(ref _consumers))
            if (consumer.IsSubscribedTo(topic)) consumer.Wake();
    }

    internal void Unregister(InMemoryGroupConsumer consumer)
    {
        lock (_consumersGate) _consumers = _consumers.Where(c => !ReferenceEquals(c, consumer)).ToArray();
    }
}
