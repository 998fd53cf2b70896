namespace Trading.Runtime.Snapshots;

/// <summary>
/// What a partition's snapshot writer tells the coordinator once the part is stored (or failed).
/// <paramref name="CommittedOffset"/> is the group's commit point when the barrier was read;
/// <paramref name="NextOffset"/> (barrier offset + 1) is where consumption resumes after a recovery.
/// </summary>
public sealed record SnapshotPartReport(
    string SnapshotId,
    string GrainType,
    string Topic,
    int Partition,
    int PartitionCount,
    long BarrierOffset,
    long NextOffset,
    long CommittedOffset,
    int Grains,
    int ChangedGrains,
    long Bytes,
    string Checksum,
    string? Error,
    long CapturedAtMs,
    long StoredAtMs);
