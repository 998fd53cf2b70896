using Trading.Runtime.Operations;

namespace Trading.Runtime.Hosting;

/// <summary>
/// What a silo publishes about itself every statistics interval (JSON under <c>{prefix}{cluster}:silos:{siloId}</c>):
/// output delivery, consumption control, each grain type's partitions with offsets and lag, read-side consumers, and
/// the operations figures (snapshots, recoveries, validations). Gateways build the cluster's Kafka views from these.
/// </summary>
/// <param name="PendingOutputs">Outputs waiting in the batch or handed to Kafka and not yet acknowledged.</param>
/// <param name="InFlightOutputs">Outputs handed to Kafka and not yet acknowledged (pending acks).</param>
/// <param name="PushLatency">Push latency since the silo started.</param>
/// <param name="Recent">Deliveries since the previous report.</param>
public sealed record SiloReport(
    string SiloId, long StartedAt, long Timestamp,
    long PendingOutputs, long InFlightOutputs, long TotalPushed, long DeliveryFailures, double AverageBatchSize,
    LatencySample PushLatency, DeliveryWindow Recent,
    bool ConsumptionPaused, bool PauseApplied,
    IReadOnlyDictionary<string, GrainTypeReport> GrainTypes,
    IReadOnlyDictionary<string, ConsumerReport> Consumers,
    OperationsSample? Operations);

/// <summary>Deliveries in one reporting window: acknowledged records, failed attempts, their latency.</summary>
public sealed record DeliveryWindow(long Pushed, long Failures, LatencySample Latency);

/// <summary>One grain type on one silo.</summary>
public sealed record GrainTypeReport(
    string? InputTopic, string? GroupId, long ActiveGrains, double MessagesInPerSecond, double MessagesOutPerSecond,
    long MessagesIn, long MessagesOut, long DuplicatesDropped, long AlreadyApplied, long CommitLag, string? Fault,
    IReadOnlyList<PartitionReport> Partitions);

/// <summary>
/// One owned partition. <paramref name="ProcessedOffset"/> is the next input to handle; <paramref name="HighWatermark"/>
/// the next offset to be written (null when the log did not answer); <paramref name="LagMs"/> how old the last handled
/// input is while a backlog exists (0 without backlog).
/// </summary>
public sealed record PartitionReport(
    string Topic, int Partition, int ActiveGrains, int Queued, long CommittedOffset, long ProcessedOffset, long CommitLag,
    bool Paused, int InFlightInputs, long LastInputTimestamp, long CommitDelayMs, long? HighWatermark, long? Lag, long? LagMs)
{
    /// <summary>Inputs fetched (queued or handled) but not yet committed.</summary>
    public long ConsumedNotCommitted => Queued + CommitLag;
}

/// <summary>A read-side consumer (cache writer, history exporter) on one silo.</summary>
public sealed record ConsumerReport(long Lag, long RowsWritten, long Errors);
