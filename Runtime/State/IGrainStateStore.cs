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
