using Trading.Runtime.State;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// Where the snapshot writer reads the checkpoints of grains it did not capture itself: the same checkpoints as the
/// silo's <see cref="IGrainStateStore"/>, through a connection of their own where the provider has one
/// (<see cref="BulkRedisConnection"/>). Without this registration the writer uses the silo's store.
/// </summary>
public sealed record SnapshotCheckpointSource(IGrainStateStore Store);
