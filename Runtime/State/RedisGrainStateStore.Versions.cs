using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Trading.Runtime.Grains;

namespace Trading.Runtime.State;

/// <summary>
/// Snapshot versions (copy on write). A snapshot refers to the stored checkpoints of the grains it did not serialize at
/// its cut, by key and next offset, instead of copying them; the checkpoint a later save overwrites is kept first, when a
/// retained cut refers to it. Keys:
/// <list type="bullet">
/// <item><c>grain-cut-ids</c>: the set of snapshots whose cuts are retained; <c>grain-cuts:{snapshot}</c>: their barrier
/// offsets, field <c>{type}:{partition}</c>.</item>
/// <item><c>grain-version:{type}:{nextOffset}:{key}</c>: a kept version (the checkpoint's stored form, copied inside Redis,
/// never through the client); <c>grain-versions-of:{snapshot}</c>: the versions a snapshot refers to.</item>
/// </list>
/// The copy runs in the save's own pipeline, as a script just before the SET that overwrites the checkpoint, so no reader
/// ever finds the version gone from both places. A version is shared by every snapshot that refers to it and deleted
/// with the last of them. The scripts name keys built from their arguments (the version keys): fine on one Redis
/// server, not on a Redis Cluster.
/// </summary>
public sealed partial class RedisGrainStateStore
{
    /// <inheritdoc />
    public bool KeepsSnapshotVersions => true;

    private string CutIdsKey => $"{_keyPrefix}grain-cut-ids";
    private string CutsKey(string snapshotId) => $"{_keyPrefix}grain-cuts:{snapshotId}";
    private string VersionPrefix(string grainType) => $"{_keyPrefix}grain-version:{grainType}:";
    private string VersionKey(string grainType, long nextOffset, string key) => $"{VersionPrefix(grainType)}{nextOffset}:{key}";
    private string VersionsOfPrefix => $"{_keyPrefix}grain-versions-of:";

    /// <inheritdoc />
    public Task SaveManyAsync(IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints, IReadOnlyList<IReadOnlyList<string>?> preserveFor)
    {
        if (preserveFor.Count != checkpoints.Count) throw new ArgumentException("One entry per checkpoint.", nameof(preserveFor));
        return SaveAsync(checkpoints, preserveFor);
    }

    /// <summary>One pipelined write: per checkpoint, its versions kept (if asked), its value and its index entry.</summary>
    private async Task SaveAsync(IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints, IReadOnlyList<IReadOnlyList<string>?>? preserveFor)
    {
        if (checkpoints.Count == 0) return;
        var batch = _database.CreateBatch();
        var writes = new List<Task>(checkpoints.Count * 2 + 4);
        for (var i = 0; i < checkpoints.Count; i++)
        {
            var c = checkpoints[i];
            if (preserveFor?[i] is { Count: > 0 } snapshots) writes.Add(Preserve(batch, c.Key, snapshots));
            writes.Add(batch.StringSetAsync(KeyOf(c.Key), GrainCheckpointCodec.Encode(c.Value)));
            writes.Add(batch.HashSetAsync(IndexOf(c.Key.Type), c.Key.Key, c.Value.NextOffset));
        }
        batch.Execute();
        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>Queues the copy of the grain's current checkpoint as a version of those of <paramref name="snapshots"/> still retained.</summary>
    private Task Preserve(IDatabaseAsync database, GrainId grain, IReadOnlyList<string> snapshots)
    {
        var args = new RedisValue[3 + snapshots.Count];
        args[0] = grain.Key;
        args[1] = VersionPrefix(grain.Type);
        args[2] = VersionsOfPrefix;
        for (var i = 0; i < snapshots.Count; i++) args[3 + i] = snapshots[i];
        return database.ScriptEvaluateAsync(PreserveScript, [KeyOf(grain), IndexOf(grain.Type), CutIdsKey], args);
    }

    // KEYS: the checkpoint, its type's offset index, the retained cut ids. ARGV: grain key, version key prefix, versions-of
    // prefix, snapshot ids. The version is named by the checkpoint's next offset as the index holds it (written with it).
    private const string PreserveScript = """
        local version = nil
        for i = 4, #ARGV do
          if redis.call('SISMEMBER', KEYS[3], ARGV[i]) == 1 then
            if not version then
              local offset = redis.call('HGET', KEYS[2], ARGV[1])
              if not offset then return 0 end
              version = ARGV[2] .. offset .. ':' .. ARGV[1]
              redis.call('COPY', KEYS[1], version)
            end
            redis.call('SADD', ARGV[3] .. ARGV[i], version)
          end
        end
        if version then return 1 end
        return 0
        """;

    /// <inheritdoc />
    public async Task RecordCutAsync(SnapshotCut cut)
    {
        KeyOf(new GrainId(cut.GrainType, "")); // validates the type name
        await _database.SetAddAsync(CutIdsKey, cut.SnapshotId).ConfigureAwait(false);
        await _database.HashSetAsync(CutsKey(cut.SnapshotId), $"{cut.GrainType}:{cut.Partition}", cut.BarrierOffset).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SnapshotCut>> ListCutsAsync(string grainType)
    {
        var ids = await _database.SetMembersAsync(CutIdsKey).ConfigureAwait(false);
        var reads = new Task<HashEntry[]>[ids.Length];
        for (var i = 0; i < ids.Length; i++) reads[i] = _database.HashGetAllAsync(CutsKey((string)ids[i]!));
        var cuts = new List<SnapshotCut>();
        for (var i = 0; i < ids.Length; i++)
            foreach (var field in await reads[i].ConfigureAwait(false))
            {
                var name = (string)field.Name!;
                var colon = name.IndexOf(':');
                if (colon < 0 || !string.Equals(name[..colon], grainType, StringComparison.Ordinal)) continue;
                cuts.Add(new SnapshotCut((string)ids[i]!, grainType, int.Parse(name[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), (long)field.Value));
            }
        return cuts;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the kept versions first, then the current checkpoints of the grains with none, then the versions again for
    /// those whose checkpoint moved on meanwhile: a save keeps the version before it overwrites the checkpoint, so the
    /// third read finds what the second missed.
    /// </remarks>
    public async Task<byte[][]> LoadAsOfAsync(string snapshotId, string grainType, IReadOnlyList<KeyValuePair<string, long>> references)
    {
        var result = new byte[references.Count][];
        var versionKeys = new RedisKey[references.Count];
        for (var i = 0; i < references.Count; i++) versionKeys[i] = VersionKey(grainType, references[i].Value, references[i].Key);
        var missing = Take(await MultiGetAsync(versionKeys).ConfigureAwait(false), references, result, grainType, snapshotId);
        if (missing.Count == 0) return result;
        var currentKeys = new RedisKey[missing.Count];
        for (var i = 0; i < missing.Count; i++) currentKeys[i] = KeyOf(new GrainId(grainType, references[missing[i]].Key));
        var current = await MultiGetAsync(currentKeys).ConfigureAwait(false);
        var moved = new List<int>();
        for (var i = 0; i < missing.Count; i++)
        {
            var at = missing[i];
            if (current[i] is { } value)
            {
                var payload = GrainCheckpointCodec.Read(value, out _, out var nextOffset);
                if (nextOffset == references[at].Value)
                {
                    result[at] = payload.ToArray();
                    continue;
                }
            }
            moved.Add(at);
        }
        if (moved.Count == 0) return result;
        var again = new RedisKey[moved.Count];
        for (var i = 0; i < moved.Count; i++) again[i] = versionKeys[moved[i]];
        var values = await MultiGetAsync(again).ConfigureAwait(false);
        for (var i = 0; i < moved.Count; i++)
        {
            var at = moved[i];
            result[at] = values[i] is { } value
                ? PayloadAt(value, references[at], grainType, snapshotId)
                : throw new FormatException($"Snapshot {snapshotId}: the checkpoint of {grainType}/{references[at].Key} at offset {references[at].Value} is neither kept nor current.");
        }
        return result;
    }

    /// <summary>Fills <paramref name="result"/> from the kept versions read; the indexes of the references with none.</summary>
    private static List<int> Take(byte[]?[] values, IReadOnlyList<KeyValuePair<string, long>> references, byte[][] result, string grainType,
        string snapshotId)
    {
        var missing = new List<int>();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value) result[i] = PayloadAt(value, references[i], grainType, snapshotId);
            else missing.Add(i);
        }
        return missing;
    }

    private static byte[] PayloadAt(byte[] stored, KeyValuePair<string, long> reference, string grainType, string snapshotId)
    {
        var payload = GrainCheckpointCodec.Read(stored, out _, out var nextOffset);
        if (nextOffset != reference.Value)
            throw new FormatException($"Snapshot {snapshotId}: the version of {grainType}/{reference.Key} kept for offset {reference.Value} holds offset {nextOffset}.");
        return payload.ToArray();
    }

    /// <summary>MGET in batches of <see cref="LoadBatchSize"/>, all in flight at once.</summary>
    private async Task<byte[]?[]> MultiGetAsync(RedisKey[] keys)
    {
        var reads = new Task<RedisValue[]>[(keys.Length + LoadBatchSize - 1) / LoadBatchSize];
        for (var b = 0; b < reads.Length; b++)
            reads[b] = _database.StringGetAsync(keys.AsSpan(b * LoadBatchSize, Math.Min(LoadBatchSize, keys.Length - b * LoadBatchSize)).ToArray());
        var values = new byte[]?[keys.Length];
        for (var b = 0; b < reads.Length; b++)
        {
            var batch = await reads[b].ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
                if (!batch[i].IsNull) values[b * LoadBatchSize + i] = (byte[]?)batch[i];
        }
        return values;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The snapshot leaves the retained cuts first, so no save keeps a version for it any more; then its versions are
    /// deleted in batches, each unless another retained snapshot refers to it too.
    /// </remarks>
    public async Task ReleaseSnapshotAsync(string snapshotId)
    {
        await _database.SetRemoveAsync(CutIdsKey, snapshotId).ConfigureAwait(false);
        await _database.KeyDeleteAsync(CutsKey(snapshotId)).ConfigureAwait(false);
        long deleted = 0, released = 0;
        while (true)
        {
            var result = (RedisResult[])(await _database.ScriptEvaluateAsync(ReleaseScript, [VersionsOfPrefix + snapshotId, CutIdsKey],
                [VersionsOfPrefix, 1000]).ConfigureAwait(false))!;
            var popped = (long)result[0];
            released += popped;
            deleted += (long)result[1];
            if (popped == 0) break;
        }
        if (released > 0)
            _logger.LogInformation("Snapshot {SnapshotId} released: {Versions} versions, {Deleted} deleted (the rest kept for other snapshots)",
                snapshotId, released, deleted);
    }

    // KEYS: the snapshot's versions, the retained cut ids. ARGV: versions-of prefix, batch size.
    private const string ReleaseScript = """
        local versions = redis.call('SPOP', KEYS[1], tonumber(ARGV[2]))
        local others = redis.call('SMEMBERS', KEYS[2])
        local deleted = 0
        for _, version in ipairs(versions) do
          local used = false
          for _, other in ipairs(others) do
            if redis.call('SISMEMBER', ARGV[1] .. other, version) == 1 then used = true break end
          end
          if not used then
            redis.call('DEL', version)
            deleted = deleted + 1
          end
        end
        return {#versions, deleted}
        """;

    /// <summary>
    /// Before checkpoints are replaced or deleted outside a grain's own saves (recovery): keeps, for every retained cut of
    /// their type at or past their offset, the versions they are. The partition of a key is not known here, so a cut of
    /// any partition counts: a version kept needlessly is only deleted later than it could have been.
    /// </summary>
    private async Task PreserveBeforeOverwriteAsync(string grainType, IEnumerable<KeyValuePair<string, long>> overwritten)
    {
        var cuts = await ListCutsAsync(grainType).ConfigureAwait(false);
        if (cuts.Count == 0) return;
        var latest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var cut in cuts)
            latest[cut.SnapshotId] = Math.Max(latest.GetValueOrDefault(cut.SnapshotId, long.MinValue), cut.BarrierOffset);
        var batch = _database.CreateBatch();
        var copies = new List<Task>();
        foreach (var (key, offset) in overwritten)
        {
            List<string>? snapshots = null;
            foreach (var (id, barrier) in latest)
                if (offset <= barrier) (snapshots ??= new()).Add(id);
            if (snapshots is not null) copies.Add(Preserve(batch, new GrainId(grainType, key), snapshots));
        }
        batch.Execute();
        await Task.WhenAll(copies).ConfigureAwait(false);
    }
}
