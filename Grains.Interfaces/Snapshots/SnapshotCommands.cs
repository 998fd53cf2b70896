using Trading.Runtime.Snapshots;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>Starts a snapshot of every participating grain type, or of one symbol's book. Reply: <see cref="SnapshotStatus"/>.</summary>
/// <param name="Full">Force a full snapshot; otherwise every <c>Snapshots:FullEvery</c>-th one is full.</param>
public sealed record TakeSnapshot(string? Symbol = null, bool Full = false);

/// <summary>Reply: the <see cref="SnapshotStatus"/> of the snapshot, or of the latest one when the id is null.</summary>
public sealed record GetSnapshotStatus(string? SnapshotId = null);

/// <summary>Reply: <see cref="SnapshotStatusList"/>, newest first.</summary>
public sealed record ListSnapshots(int Limit = 20);

/// <summary>Periodic snapshots every <paramref name="IntervalSeconds"/> (0 stops them). Reply: <see cref="SnapshotStatusList"/>.</summary>
public sealed record ConfigureSnapshotSchedule(int IntervalSeconds, int FullEvery);

public enum SnapshotKind { Full, Incremental }

public enum SnapshotState { Pending, Completed, Failed }

/// <summary>Which partitions of which grain types a snapshot cuts.</summary>
public sealed record SnapshotScope(string GrainType, string Topic, int Partitions)
{
    /// <summary>How many part reports a snapshot over these scopes waits for: one per partition.</summary>
    public static int PartsOf(IReadOnlyList<SnapshotScope> scopes)
    {
        var n = 0;
        foreach (var s in scopes) n += s.Partitions;
        return n;
    }
}

/// <summary>A snapshot as the coordinator knows it; <see cref="Parts"/> holds one report per stored partition.</summary>
public sealed record SnapshotStatus(
    string SnapshotId,
    SnapshotKind Kind,
    string? BaseSnapshotId,
    string? Symbol,
    SnapshotState State,
    string? Error,
    long RequestedAt,
    long? CompletedAt,
    IReadOnlyList<SnapshotScope> Scopes,
    IReadOnlyList<SnapshotPartReport> Parts)
{
    public int ExpectedParts => SnapshotScope.PartsOf(Scopes);

    /// <summary>From the request to the last part stored, in milliseconds.</summary>
    public long? GenerationMs => CompletedAt - RequestedAt;
}

public sealed record SnapshotStatusList(IReadOnlyList<SnapshotStatus> Snapshots);

/// <summary>On the <c>snapshots</c> topic: every part of the snapshot is stored; the manifest is its status.</summary>
public sealed record SnapshotCompleted(SnapshotStatus Manifest);

/// <summary>On the <c>snapshots</c> topic: the snapshot failed (a part failed or did not come in time).</summary>
public sealed record SnapshotFailed(SnapshotStatus Manifest);

/// <summary>On the <c>snapshots</c> topic: the snapshot document is stored (published by reference, not inline).</summary>
public sealed record SnapshotPublished(string SnapshotId, string DocumentBlob, long Bytes, string Checksum, long PublishedAt);
