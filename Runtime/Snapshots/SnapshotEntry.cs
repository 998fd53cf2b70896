namespace Trading.Runtime.Snapshots;

/// <summary>
/// One grain in a snapshot part: its key, the input offset its state reflects (the checkpoint's next
/// offset) and the encoded checkpoint payload (state, timers, dedup windows), exactly as a checkpoint holds it.
/// </summary>
public sealed record SnapshotEntry(string Key, long NextOffset, byte[] Payload);
