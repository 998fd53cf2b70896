namespace Trading.Runtime.State;

/// <summary>
/// A snapshot's cut of one partition of a grain type, as the checkpoint store keeps it while the snapshot is retained:
/// every grain of that partition whose stored checkpoint has a next offset at or below <see cref="BarrierOffset"/> (and
/// was not serialized at the cut) is part of the snapshot as that stored checkpoint, so the store keeps that version
/// when the checkpoint is overwritten (<see cref="IGrainStateStore.KeepsSnapshotVersions"/>).
/// </summary>
public sealed record SnapshotCut(string SnapshotId, string GrainType, int Partition, long BarrierOffset);
