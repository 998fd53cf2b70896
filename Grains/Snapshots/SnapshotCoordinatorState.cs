using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Snapshots;

namespace Trading.Grains.Snapshots;

/// <summary>Checkpointed state of the <see cref="SnapshotCoordinatorGrain"/>.</summary>
public sealed class SnapshotCoordinatorState
{
    /// <summary>Snapshots taken so far; decides full or incremental.</summary>
    public long Taken { get; set; }
    public string? LastFullId { get; set; }
    public int IntervalSeconds { get; set; }
    public int FullEvery { get; set; }
    /// <summary>Recent snapshots, oldest first (bounded).</summary>
    public List<SnapshotRecord> Snapshots { get; set; } = new();
}

/// <summary>A snapshot in progress or done.</summary>
public sealed class SnapshotRecord
{
    public string SnapshotId { get; set; } = "";
    public SnapshotKind Kind { get; set; }
    public string? BaseSnapshotId { get; set; }
    public string? Symbol { get; set; }
    public SnapshotState State { get; set; }
    public string? Error { get; set; }
    public long RequestedAt { get; set; }
    public long? CompletedAt { get; set; }
    public List<SnapshotScope> Scopes { get; set; } = new();
    /// <summary>Reports keyed <c>{grainType}/{partition}</c>.</summary>
    public Dictionary<string, SnapshotPartReport> Parts { get; set; } = new(StringComparer.Ordinal);

    public SnapshotStatus ToStatus()
    {
        var parts = new List<SnapshotPartReport>(Parts.Values);
        parts.Sort((a, b) => a.GrainType != b.GrainType ? string.CompareOrdinal(a.GrainType, b.GrainType) : a.Partition.CompareTo(b.Partition));
        return new SnapshotStatus(SnapshotId, Kind, BaseSnapshotId, Symbol, State, Error, RequestedAt, CompletedAt, Scopes, parts);
    }
}
