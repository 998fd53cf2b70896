using System.Collections.Concurrent;
using Trading.Runtime.Grains;

namespace Trading.Runtime.State;

/// <summary>
/// Grain checkpoints in process memory for the embedded mode. Payloads are copied on save and on load,
/// as a serializing store would, so callers never share a buffer with the store.
/// </summary>
public sealed class InMemoryGrainStateStore : IGrainStateStore
{
    private readonly ConcurrentDictionary<GrainId, GrainCheckpoint> _checkpoints = new();
    private readonly object _replaceGate = new();

    /// <summary>Number of stored checkpoints.</summary>
    public int Count => _checkpoints.Count;

    /// <inheritdoc />
    public Task<GrainCheckpoint?> LoadAsync(GrainId grain) =>
        Task.FromResult(_checkpoints.TryGetValue(grain, out var c) ? Copy(c) : null);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<GrainId, GrainCheckpoint>> LoadManyAsync(IReadOnlyList<GrainId> grains)
    {
        var result = new Dictionary<GrainId, GrainCheckpoint>();
        foreach (var grain in grains)
            if (_checkpoints.TryGetValue(grain, out var c)) result[grain] = Copy(c);
        return Task.FromResult<IReadOnlyDictionary<GrainId, GrainCheckpoint>>(result);
    }

    /// <inheritdoc />
    public Task SaveAsync(GrainId grain, GrainCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        _checkpoints[grain] = Copy(checkpoint);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SaveManyAsync(IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints)
    {
        foreach (var (grain, checkpoint) in checkpoints) _checkpoints[grain] = Copy(checkpoint);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> ListOffsetsAsync(string grainType)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, checkpoint) in _checkpoints)
            if (string.Equals(id.Type, grainType, StringComparison.Ordinal)) offsets[id.Key] = checkpoint.NextOffset;
        return Task.FromResult<IReadOnlyDictionary<string, long>>(offsets);
    }

    /// <inheritdoc />
    public Task ReplaceAllAsync(IReadOnlyCollection<string> grainTypes, IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints,
        IReadOnlyCollection<GrainId>? keep = null)
    {
        var kept = keep is null ? new HashSet<GrainId>() : new HashSet<GrainId>(keep);
        lock (_replaceGate)
        {
            foreach (var id in _checkpoints.Keys)
                if (grainTypes.Contains(id.Type) && !kept.Contains(id)) _checkpoints.TryRemove(id, out _);
            foreach (var (grain, checkpoint) in checkpoints) _checkpoints[grain] = Copy(checkpoint);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(GrainId grain)
    {
        _checkpoints.TryRemove(grain, out _);
        return Task.CompletedTask;
    }

    private static GrainCheckpoint Copy(GrainCheckpoint c) => c with { Payload = c.Payload.ToArray() };
}
