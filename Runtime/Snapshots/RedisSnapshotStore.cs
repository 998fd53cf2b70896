using StackExchange.Redis;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// Snapshots in Redis under <c>{prefix}snapshot:{id}:</c>: <c>part:{type}:{partition}</c> per part,
/// <c>blob:{name}:{chunk}</c> plus <c>blob:{name}</c> (the chunk count) per blob, and the sorted set
/// <c>{prefix}snapshots</c> as the index (score = snapshot time). Blobs are chunked at <see cref="ChunkBytes"/>
/// to stay far below Redis' 512 MB value limit and keep single commands short; <c>keys</c> lists every key written.
/// </summary>
public sealed class RedisSnapshotStore(ConnectionMultiplexer redis, string keyPrefix, int database = 0) : ISnapshotStore
{
    public const int ChunkBytes = 8 * 1024 * 1024;

    /// <summary>The key prefix of a cluster's snapshots: snapshots belong to one cluster, as its checkpoints do.</summary>
    public static string KeyPrefixOf(RedisOptions redis, string clusterId) => $"{redis.KeyPrefix}{clusterId}:";

    private IDatabase Db => redis.GetDatabase(database);

    public async Task PutPartAsync(string snapshotId, string grainType, int partition, byte[] stored)
    {
        var key = PartKey(snapshotId, grainType, partition);
        await Db.SetAddAsync(KeysOf(snapshotId), key).ConfigureAwait(false);
        await Db.StringSetAsync(key, stored).ConfigureAwait(false);
    }

    public Task<bool> ReplacePartAsync(string snapshotId, string grainType, int partition, byte[] stored) =>
        Db.StringSetAsync(PartKey(snapshotId, grainType, partition), stored, when: When.Exists);

    public async Task<byte[]?> GetPartAsync(string snapshotId, string grainType, int partition)
    {
        var value = await Db.StringGetAsync(PartKey(snapshotId, grainType, partition)).ConfigureAwait(false);
        return value.IsNull ? null : (byte[])value!;
    }

    public async Task PutBlobAsync(string snapshotId, string name, byte[] bytes)
    {
        var chunks = Math.Max(1, (bytes.Length + ChunkBytes - 1) / ChunkBytes);
        var writes = new List<Task>(chunks + 1);
        for (var i = 0; i < chunks; i++)
        {
            var offset = i * ChunkBytes;
            var chunk = bytes.AsSpan(offset, Math.Min(ChunkBytes, bytes.Length - offset)).ToArray();
            writes.Add(Db.SetAddAsync(KeysOf(snapshotId), ChunkKey(snapshotId, name, i)));
            writes.Add(Db.StringSetAsync(ChunkKey(snapshotId, name, i), chunk));
        }
        writes.Add(Db.SetAddAsync(KeysOf(snapshotId), BlobKey(snapshotId, name)));
        await Task.WhenAll(writes).ConfigureAwait(false);
        await Db.StringSetAsync(BlobKey(snapshotId, name), chunks).ConfigureAwait(false); // written last: the blob exists once complete
    }

    public async Task<byte[]?> GetBlobAsync(string snapshotId, string name)
    {
        var count = await Db.StringGetAsync(BlobKey(snapshotId, name)).ConfigureAwait(false);
        if (count.IsNull) return null;
        var chunks = (int)count;
        var reads = new Task<RedisValue>[chunks];
        for (var i = 0; i < chunks; i++) reads[i] = Db.StringGetAsync(ChunkKey(snapshotId, name, i));
        var values = await Task.WhenAll(reads).ConfigureAwait(false);
        var length = 0L;
        foreach (var v in values)
        {
            if (v.IsNull) throw new FormatException($"Snapshot {snapshotId} blob {name} misses a chunk.");
            length += ((byte[])v!).Length;
        }
        var result = new byte[length];
        var pos = 0;
        foreach (var v in values)
        {
            var b = (byte[])v!;
            b.CopyTo(result, pos);
            pos += b.Length;
        }
        return result;
    }

    public Task IndexAsync(string snapshotId, long timestampMs) => Db.SortedSetAddAsync(IndexKey, snapshotId, timestampMs);

    public async Task<IReadOnlyList<string>> ListAsync()
    {
        var ids = await Db.SortedSetRangeByRankAsync(IndexKey).ConfigureAwait(false);
        return ids.Select(v => (string)v!).ToArray();
    }

    public async Task DeleteAsync(string snapshotId)
    {
        var members = await Db.SetMembersAsync(KeysOf(snapshotId)).ConfigureAwait(false);
        var keys = new List<RedisKey>(members.Length + 1);
        foreach (var m in members) keys.Add((string)m!);
        keys.Add(KeysOf(snapshotId));
        foreach (var chunk in keys.Chunk(1000)) await Db.KeyDeleteAsync(chunk).ConfigureAwait(false);
        await Db.SortedSetRemoveAsync(IndexKey, snapshotId).ConfigureAwait(false);
    }

    public Task SetControlAsync(string name, string? value) =>
        value is null ? Db.KeyDeleteAsync(ControlKey(name)) : Db.StringSetAsync(ControlKey(name), value);

    public async Task<string?> GetControlAsync(string name)
    {
        var value = await Db.StringGetAsync(ControlKey(name)).ConfigureAwait(false);
        return value.IsNull ? null : (string)value!;
    }

    private string ControlKey(string name) => $"{keyPrefix}snapshot-control:{name}";

    private string IndexKey => $"{keyPrefix}snapshots";

    /// <summary>Every key a snapshot wrote, so deleting it never scans Redis.</summary>
    private string KeysOf(string id) => $"{keyPrefix}snapshot:{id}:keys";

    private string PartKey(string id, string type, int partition) => $"{keyPrefix}snapshot:{id}:part:{type}:{partition}";

    private string BlobKey(string id, string name) => $"{keyPrefix}snapshot:{id}:blob:{name}";

    private string ChunkKey(string id, string name, int chunk) => $"{keyPrefix}snapshot:{id}:blob:{name}:{chunk}";
}
