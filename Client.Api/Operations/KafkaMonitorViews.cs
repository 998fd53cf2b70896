namespace Trading.Client.Api.Operations;

/// <summary>GET /api/kafka/monitor/status.</summary>
/// <param name="PendingMessageCount">Outputs not yet acknowledged plus grain inputs consumed but not committed.</param>
/// <param name="TotalPushedCount">Outputs acknowledged by Kafka since the live silos started.</param>
public sealed record MonitorStatus(long PendingMessageCount, long TotalPushedCount, long Timestamp,
    long PendingOutputs, long PendingAcks, long ConsumedNotCommitted, long DeliveryFailures, int Silos, bool ConsumptionPaused);

/// <summary>One topic of GET /api/kafka/monitor/offset/status, in the seed's kafkaOffsetSnapshots shape (sums over partitions).</summary>
public sealed record TopicOffsets(string Topic, long CurrentOffset, long CommittedOffset, long PendingOffset, bool Consistent, long Timestamp,
    IReadOnlyList<PartitionOffsets> Partitions);

/// <summary>
/// One partition: <c>currentOffset</c> the next input to handle, <c>committedOffset</c> the group's commit,
/// <c>pendingOffset</c> inputs consumed but not committed, <c>commitDelayMs</c> how long the commit has trailed them.
/// </summary>
public sealed record PartitionOffsets(int Partition, string Owner, string GrainType, long CurrentOffset, long CommittedOffset, long PendingOffset,
    long? HighWatermark, long? Lag, long? LagMs, long CommitDelayMs, bool Consistent, bool Paused);

/// <summary>GET /api/kafka/monitor/offset/consistency.</summary>
public sealed record OffsetConsistency(bool Consistent, long BoundMs, long MaxCommitDelayMs, int Partitions,
    IReadOnlyList<TopicConsistency> Topics, IReadOnlyList<PartitionOffsets> Inconsistent, long Timestamp);

public sealed record TopicConsistency(string Topic, bool Consistent, long MaxCommitDelayMs, long PendingOffset);

/// <summary>GET /api/kafka/monitor/offset/pending.</summary>
public sealed record PendingOffsets(long Total, long PendingOutputs, long PendingAcks, long ConsumedNotCommitted, long InFlightInputs,
    IReadOnlyList<SiloPending> Silos, IReadOnlyList<PartitionPending> Partitions, long Timestamp);

public sealed record SiloPending(string SiloId, long PendingOutputs, long PendingAcks, long ConsumedNotCommitted);

public sealed record PartitionPending(string Topic, int Partition, string Owner, int Queued, long ProcessedNotCommitted, int InFlightInputs);

/// <summary>GET /api/kafka/consumer/offsets: per consumer group (grain type), committed offsets and lag.</summary>
public sealed record ConsumerGroupOffsets(string GroupId, string GrainType, string Topic, long TotalLag, IReadOnlyList<ConsumerPartitionOffset> Partitions);

public sealed record ConsumerPartitionOffset(int Partition, string Owner, long CommittedOffset, long ProcessedOffset, long? HighWatermark, long? Lag);

/// <summary>GET /api/kafka/consumer/status.</summary>
public sealed record ConsumerStatus(bool Paused, long ControlVersion, long ChangedAt, bool AllConfirmed, IReadOnlyList<SiloConsumerStatus> Silos, long Timestamp);

public sealed record SiloConsumerStatus(string SiloId, bool ConsumptionPaused, bool PauseApplied, long? AcknowledgedVersion,
    IReadOnlyList<GrainConsumerStatus> GrainTypes);

public sealed record GrainConsumerStatus(string GrainType, string? Topic, string? GroupId, int Partitions, int PausedPartitions,
    long MessagesIn, double MessagesInPerSecond, long DuplicatesDropped, long AlreadyApplied, string? Fault);
