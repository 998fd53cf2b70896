using Trading.Runtime.Grains;

namespace Trading.Runtime.State;

/// <summary>Grain checkpoints: Redis in the full mode, memory in the embedded mode.</summary>
public interface IGrainStateStore
{
    Task<GrainCheckpoint?> LoadAsync(GrainId grain);

    /// <summary>Loads many checkpoints in one round trip; grains without one are absent from the result.</summary>
    Task<IReadOnlyDictionary<GrainId, GrainCheckpoint>> LoadManyAsync(IReadOnlyList<GrainId> grains);

    /// <summary>
    /// The stored checkpoints of <paramref name="grains"/> in their <see cref="GrainCheckpointCodec"/> encoding, in the same
    /// order (null where a grain has none), for readers that copy them somewhere else: the snapshot writer reads 100,000s of
    /// them and keeps none, so a store that holds them encoded hands them over without decoding and copying each payload.
    /// </summary>
    async Task<byte[]?[]> LoadEncodedAsync(IReadOnlyList<GrainId> grains)
    {
        var loaded = await LoadManyAsync(grains).ConfigureAwait(false);
        var encoded = new byte[]?[grains.Count];
        for (var i = 0; i < encoded.Length; i++)
            if (loaded.TryGetValue(grains[i], out var checkpoint)) encoded[i] = GrainCheckpointCodec.Encode(checkpoint);
        return encoded;
    }

    /// <summary>Writes state and offset as one atomic value.</summary>
    Task SaveAsync(GrainId grain, GrainCheckpoint checkpoint);

    Task SaveManyAsync(IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints);

    /// <summary>
    /// Saves like <see cref="SaveManyAsync(IReadOnlyList{KeyValuePair{GrainId, GrainCheckpoint}})"/>; where
    /// <paramref name="preserveFor"/>[i] names snapshots, the checkpoint the i-th save overwrites is kept first as a version
    /// of those snapshots (those still retained), in the same ordered write. Stores that do not keep versions ignore it.
    /// </summary>
    Task SaveManyAsync(IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints, IReadOnlyList<IReadOnlyList<string>?> preserveFor) =>
        SaveManyAsync(checkpoints);

    /// <summary>
    /// True if the store keeps, for every retained snapshot cut (<see cref="RecordCutAsync"/>), the checkpoint versions
    /// it refers to: a snapshot then stores references to the grains' checkpoints instead of copies of them, and reads
    /// them back with <see cref="LoadAsOfAsync"/>. False: snapshots copy every checkpoint at their cut.
    /// </summary>
    bool KeepsSnapshotVersions => false;

    /// <summary>Records a cut before its partition goes past the barrier: from then on, overwritten versions it refers to are kept.</summary>
    Task RecordCutAsync(SnapshotCut cut) => throw new NotSupportedException("This store keeps no snapshot versions.");

    /// <summary>The cuts of every retained snapshot on <paramref name="grainType"/> (a worker taking a partition over loads them).</summary>
    Task<IReadOnlyList<SnapshotCut>> ListCutsAsync(string grainType) => Task.FromResult<IReadOnlyList<SnapshotCut>>([]);

    /// <summary>
    /// The payloads of the grains' checkpoints as snapshot <paramref name="snapshotId"/> refers to them (key and next
    /// offset), in order: the version kept for the snapshot, or the current checkpoint while it still is that version.
    /// </summary>
    /// <exception cref="FormatException">A referenced version is neither kept nor current (the snapshot cannot be read).</exception>
    Task<byte[][]> LoadAsOfAsync(string snapshotId, string grainType, IReadOnlyList<KeyValuePair<string, long>> references) =>
        throw new NotSupportedException("This store keeps no snapshot versions.");

    /// <summary>The snapshot is deleted: its cuts are forgotten and the versions no other retained snapshot refers to deleted.</summary>
    Task ReleaseSnapshotAsync(string snapshotId) => Task.CompletedTask;

    Task DeleteAsync(GrainId grain);

    /// <summary>
    /// Every grain of <paramref name="grainType"/> that has a checkpoint, with the checkpoint's next offset (no order
    /// promised). Same offset, same state: snapshots use it to find what changed without reading the states.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> ListOffsetsAsync(string grainType);

    /// <summary>
    /// Atomically replaces every checkpoint of the given grain types: afterwards exactly <paramref name="checkpoints"/> plus
    /// the <paramref name="keep"/> grains (left as they are) exist for those types, and no reader ever sees a mix of old and
    /// new (recovery from a snapshot; a kept grain is one whose checkpoint already equals the snapshot's).
    /// </summary>
    Task ReplaceAllAsync(IReadOnlyCollection<string> grainTypes, IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints,
        IReadOnlyCollection<GrainId>? keep = null);
}
