using Trading.Runtime.Partitioning;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// A grain type's stored checkpoints (key and next offset) grouped by the input partition that owns each key, computed
/// once for all the partitions of a snapshot: each part writer walks only its own partition's keys instead of hashing
/// and skipping the keys of every other partition.
/// </summary>
public sealed class CheckpointListing
{
    private readonly List<KeyValuePair<string, long>>[] _byPartition;

    public CheckpointListing(IReadOnlyDictionary<string, long> offsets, int partitions)
    {
        _byPartition = new List<KeyValuePair<string, long>>[partitions];
        for (var p = 0; p < partitions; p++) _byPartition[p] = new List<KeyValuePair<string, long>>(offsets.Count / partitions + 16);
        foreach (var entry in offsets) _byPartition[Murmur2Partitioner.Partition(entry.Key, partitions)].Add(entry);
        Count = offsets.Count;
    }

    public int Partitions => _byPartition.Length;

    public int Count { get; }

    /// <summary>The checkpoints of the keys that <paramref name="partition"/> owns.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Of(int partition) => _byPartition[partition];
}
