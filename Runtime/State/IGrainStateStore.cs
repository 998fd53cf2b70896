using Trading.Runtime.Grains;

namespace Trading.Runtime.State;

/// <summary>Grain checkpoints: Redis in the full mode, memory in the embedded mode.</summary>
public interface IGrainStateStore
{
    Task<GrainCheckpoint?> LoadAsync(GrainId grain);

    /// <summary>Loads many checkpoints in one round trip; grains without one are absent from the result.</summary>
    Task<IReadOnlyDictionary<GrainId, GrainCheckpoint>> LoadManyAsync(IReadOnlyList<GrainId> grains);

    /// <summary>Writes state and offset as one atomic value.</summary>
    Task SaveAsync(GrainId grain, GrainCheckpoint checkpoint);

    Task SaveManyAsync(IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints);

    Task DeleteAsync(GrainId grain);
}
