using System.Text.Json.Serialization;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// Offsets of one topic at the snapshot in <see cref="MatchEngineSnapshot.KafkaOffsetSnapshots"/> (key: the topic).
/// The topic's figures summarize its partitions (<see cref="FromPartitions"/>): offsets and pending counts are sums,
/// consistent holds when every partition is, timestamp is the latest.
/// </summary>
public sealed record KafkaOffsetRecord
{
    public string Topic { get; init; } = "";
    public long CurrentOffset { get; init; }
    public long CommittedOffset { get; init; }
    public long PendingOffset { get; init; }
    public bool Consistent { get; init; }
    public long Timestamp { get; init; }
    /// <summary>Per partition (key: the partition number).</summary>
    [JsonConverter(typeof(PartitionMapConverter<PartitionOffsetRecord>))]
    public IReadOnlyDictionary<int, PartitionOffsetRecord> Partitions { get; init; } = new Dictionary<int, PartitionOffsetRecord>();

    /// <summary>A topic's record summarizing its partitions (partitions kept in numeric order).</summary>
    public static KafkaOffsetRecord FromPartitions(string topic, IReadOnlyDictionary<int, PartitionOffsetRecord> partitions)
    {
        long current = 0, committed = 0, pending = 0, time = 0;
        var consistent = true;
        foreach (var p in partitions.Values)
        {
            current += p.CurrentOffset;
            committed += p.CommittedOffset;
            pending += p.PendingOffset;
            consistent &= p.Consistent;
            time = Math.Max(time, p.Timestamp);
        }
        return new KafkaOffsetRecord
        {
            Topic = topic, CurrentOffset = current, CommittedOffset = committed, PendingOffset = pending, Consistent = consistent,
            Timestamp = time, Partitions = SortedMaps.Numeric(partitions),
        };
    }
}

/// <summary>
/// Offsets of one partition: currentOffset is the snapshot's position in the partition (the barrier: recovery resumes
/// there), committedOffset the consumer group's committed offset, pendingOffset what lies between them, consistent
/// whether the two agree as the offset manager expects; timestamp (epoch ms) when they were read.
/// </summary>
public sealed record PartitionOffsetRecord
{
    public string Topic { get; init; } = "";
    public int Partition { get; init; }
    public long CurrentOffset { get; init; }
    public long CommittedOffset { get; init; }
    public long PendingOffset { get; init; }
    public bool Consistent { get; init; }
    public long Timestamp { get; init; }
}
