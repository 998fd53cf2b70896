namespace Trading.Runtime.Snapshots;

/// <summary>
/// Where snapshots live: Redis in the full mode (a manifest and parts per snapshot), memory in the embedded
/// mode. Parts are keyed by grain type and partition; named blobs hold the manifest and the document.
/// </summary>
public interface ISnapshotStore
{
    Task PutPartAsync(string snapshotId, string grainType, int partition, byte[] stored);

    Task<byte[]?> GetPartAsync(string snapshotId, string grainType, int partition);

    /// <summary>
    /// Replaces a stored part with another form of the same content (its compressed frame); false, and nothing
    /// written, when the part no longer exists (the snapshot was deleted meanwhile).
    /// </summary>
    Task<bool> ReplacePartAsync(string snapshotId, string grainType, int partition, byte[] stored);

    /// <summary>Stores a named blob of the snapshot (large blobs are split into chunks).</summary>
    Task PutBlobAsync(string snapshotId, string name, byte[] bytes);

    Task<byte[]?> GetBlobAsync(string snapshotId, string name);

    /// <summary>Adds the snapshot to the index, newest last by <paramref name="timestampMs"/>.</summary>
    Task IndexAsync(string snapshotId, long timestampMs);

    /// <summary>Snapshot ids, oldest first.</summary>
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>A cluster-wide control value (recovery state, rewind offsets); null deletes it.</summary>
    Task SetControlAsync(string name, string? value);

    Task<string?> GetControlAsync(string name);

    /// <summary>Deletes every part and blob of the snapshot and drops it from the index.</summary>
    Task DeleteAsync(string snapshotId);
}
