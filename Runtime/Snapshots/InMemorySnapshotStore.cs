using System.Collections.Concurrent;

namespace Trading.Runtime.Snapshots;

/// <summary>Snapshots in process memory (embedded mode). Bytes are copied in and out.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _controls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _index = new(StringComparer.Ordinal);

    public Task PutPartAsync(string snapshotId, string grainType, int partition, byte[] stored)
    {
        _values[PartKey(snapshotId, grainType, partition)] = stored.ToArray();
        return Task.CompletedTask;
    }

    public Task<bool> ReplacePartAsync(string snapshotId, string grainType, int partition, byte[] stored)
    {
        var key = PartKey(snapshotId, grainType, partition);
        return Task.FromResult(_values.TryGetValue(key, out var old) && _values.TryUpdate(key, stored.ToArray(), old));
    }

    public Task<byte[]?> GetPartAsync(string snapshotId, string grainType, int partition) =>
        Task.FromResult(_values.TryGetValue(PartKey(snapshotId, grainType, partition), out var v) ? v.ToArray() : null);

    public Task PutBlobAsync(string snapshotId, string name, byte[] bytes)
    {
        _values[BlobKey(snapshotId, name)] = bytes.ToArray();
        return Task.CompletedTask;
    }

    public Task<byte[]?> GetBlobAsync(string snapshotId, string name) =>
        Task.FromResult(_values.TryGetValue(BlobKey(snapshotId, name), out var v) ? v.ToArray() : null);

    public Task IndexAsync(string snapshotId, long timestampMs)
    {
        _index[snapshotId] = timestampMs;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>(_index.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToArray());

    public Task DeleteAsync(string snapshotId)
    {
        var prefix = snapshotId + "|";
        foreach (var key in _values.Keys)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) _values.TryRemove(key, out _);
        _index.TryRemove(snapshotId, out _);
        return Task.CompletedTask;
    }

    public Task SetControlAsync(string name, string? value)
    {
        if (value is null) _controls.TryRemove(name, out _);
        else _controls[name] = value;
        return Task.CompletedTask;
    }

    public Task<string?> GetControlAsync(string name) => Task.FromResult(_controls.TryGetValue(name, out var v) ? v : null);

    private static string PartKey(string id, string type, int partition) => $"{id}|part|{type}|{partition}";

    private static string BlobKey(string id, string name) => $"{id}|blob|{name}";
}
