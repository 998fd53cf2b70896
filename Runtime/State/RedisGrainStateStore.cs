using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;

namespace Trading.Runtime.State;

/// <summary>
/// Grain checkpoints in Redis: one string key per grain,
/// <c>{KeyPrefix}grain:{type}:{key}</c>, holding <see cref="GrainCheckpointCodec"/>'s encoding, so state
/// and offset change together in one SET; the hash <c>{KeyPrefix}grain-offsets:{type}</c> lists the keys with their next offsets (for snapshots). LoadMany uses MGET in batches; SaveMany pipelines SETs.
/// Grain type names must not contain ':' (keys may), which keeps the key mapping one-to-one.
/// </summary>
public sealed partial class RedisGrainStateStore : IGrainStateStore
{
    /// <summary>Keys per MGET.</summary>
    public const int LoadBatchSize = 500;

    private readonly IDatabase _database;
    private readonly string _keyPrefix;
    private readonly ILogger _logger;

    /// <summary>Uses an existing connection (shared, owned by the caller).</summary>
    public RedisGrainStateStore(ConnectionMultiplexer connection, RedisOptions options, ILogger<RedisGrainStateStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _database = connection.GetDatabase(options.Database);
        _keyPrefix = options.KeyPrefix;
        _logger = logger ?? NullLogger<RedisGrainStateStore>.Instance;
    }

    /// <summary>The Redis key of a grain's checkpoint.</summary>
    public string KeyOf(GrainId grain)
    {
        if (string.IsNullOrEmpty(grain.Type) || grain.Type.Contains(':'))
            throw new ArgumentException($"Grain type '{grain.Type}' must be non-empty and contain no ':'.", nameof(grain));
        ArgumentNullException.ThrowIfNull(grain.Key, nameof(grain));
        return $"{_keyPrefix}grain:{grain.Type}:{grain.Key}";
    }

    /// <inheritdoc />
    public async Task<GrainCheckpoint?> LoadAsync(GrainId grain)
    {
        var value = await _database.StringGetAsync(KeyOf(grain)).ConfigureAwait(false);
        return value.IsNull ? null : Decode(grain, (byte[])value!);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<GrainId, GrainCheckpoint>> LoadManyAsync(IReadOnlyList<GrainId> grains)
    {
        var distinct = grains.Distinct().ToArray();
        var values = await LoadEncodedAsync(distinct).ConfigureAwait(false);
        var result = new Dictionary<GrainId, GrainCheckpoint>(distinct.Length);
        for (var i = 0; i < distinct.Length; i++)
            if (values[i] is { } value) result[distinct[i]] = Decode(distinct[i], value);
        return result;
    }

    /// <inheritdoc />
    /// <remarks>MGET in batches of <see cref="LoadBatchSize"/>, all in flight at once; the values are the arrays the client read.</remarks>
    public Task<byte[]?[]> LoadEncodedAsync(IReadOnlyList<GrainId> grains)
    {
        var keys = new RedisKey[grains.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = KeyOf(grains[i]);
        return MultiGetAsync(keys);
    }

    /// <inheritdoc />
    public Task SaveAsync(GrainId grain, GrainCheckpoint checkpoint) => SaveManyAsync([new(grain, checkpoint)]);

    /// <inheritdoc />
    public Task SaveManyAsync(IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints) => SaveAsync(checkpoints, preserveFor: null);

    /// <inheritdoc />
    public async Task DeleteAsync(GrainId grain)
    {
        if (await _database.HashGetAsync(IndexOf(grain.Type), grain.Key).ConfigureAwait(false) is { IsNull: false } offset)
            await PreserveBeforeOverwriteAsync(grain.Type, [new(grain.Key, (long)offset)]).ConfigureAwait(false);
        await _database.KeyDeleteAsync(KeyOf(grain)).ConfigureAwait(false);
        await _database.HashDeleteAsync(IndexOf(grain.Type), grain.Key).ConfigureAwait(false);
    }

    /// <summary>The hash of a type's grain keys and their checkpoints' next offsets (kept beside the checkpoints, so listing never scans Redis).</summary>
    private string IndexOf(string grainType) => $"{_keyPrefix}grain-offsets:{grainType}";

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> ListOffsetsAsync(string grainType)
    {
        KeyOf(new GrainId(grainType, "")); // validates the type name
        var entries = await _database.HashGetAllAsync(IndexOf(grainType)).ConfigureAwait(false);
        var offsets = new Dictionary<string, long>(entries.Length, StringComparer.Ordinal);
        foreach (var e in entries) offsets[(string)e.Name!] = (long)e.Value;
        return offsets;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The new checkpoints are written under staging keys first (nothing visible changes if that fails); then one Lua
    /// script checks every staged key exists, deletes the old checkpoints that are neither kept nor replaced, and renames
    /// the staged keys into place, updating the offset index. Redis runs a script alone and to the end, so no reader
    /// sees a mix.
    /// </remarks>
    public async Task ReplaceAllAsync(IReadOnlyCollection<string> grainTypes, IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints,
        IReadOnlyCollection<GrainId>? keep = null)
    {
        var staging = $"{_keyPrefix}staging:{Guid.NewGuid():N}:";
        var batch = _database.CreateBatch();
        var writes = new Task[checkpoints.Count];
        for (var i = 0; i < checkpoints.Count; i++)
            writes[i] = batch.StringSetAsync(staging + KeyOf(checkpoints[i].Key), GrainCheckpointCodec.Encode(checkpoints[i].Value), TimeSpan.FromHours(1));
        batch.Execute();
        await Task.WhenAll(writes).ConfigureAwait(false);

        var survivors = new HashSet<GrainId>(keep ?? []);
        foreach (var c in checkpoints) survivors.Add(c.Key);
        var types = new List<string>(grainTypes);
        foreach (var c in checkpoints)
            if (!types.Contains(c.Key.Type)) types.Add(c.Key.Type);
        var removed = new List<GrainId>();
        var kept = new HashSet<GrainId>(keep ?? []);
        foreach (var type in types)
        {
            var existing = await ListOffsetsAsync(type).ConfigureAwait(false);
            if (grainTypes.Contains(type))
                foreach (var key in existing.Keys)
                    if (!survivors.Contains(new GrainId(type, key))) removed.Add(new GrainId(type, key));
            // Every checkpoint replaced or deleted may be a version a retained snapshot refers to.
            await PreserveBeforeOverwriteAsync(type, existing.Where(e => !kept.Contains(new GrainId(type, e.Key)))).ConfigureAwait(false);
        }

        // KEYS: removed checkpoints, staged keys, final keys, index hashes. ARGV: counts, then per removed grain its key and
        // index, then per new grain its key, index and next offset.
        var n = removed.Count;
        var m = checkpoints.Count;
        var keys = new RedisKey[n + 2 * m + types.Count];
        var args = new RedisValue[3 + 2 * n + 3 * m];
        args[0] = n;
        args[1] = m;
        args[2] = types.Count;
        for (var i = 0; i < n; i++)
        {
            keys[i] = KeyOf(removed[i]);
            args[3 + i] = removed[i].Key;
            args[3 + n + i] = types.IndexOf(removed[i].Type) + 1;
        }
        var at = 3 + 2 * n;
        for (var i = 0; i < m; i++)
        {
            var id = checkpoints[i].Key;
            keys[n + i] = staging + KeyOf(id);
            keys[n + m + i] = KeyOf(id);
            args[at + i] = id.Key;
            args[at + m + i] = types.IndexOf(id.Type) + 1;
            args[at + 2 * m + i] = checkpoints[i].Value.NextOffset;
        }
        for (var t = 0; t < types.Count; t++) keys[n + 2 * m + t] = IndexOf(types[t]);
        var result = await _database.ScriptEvaluateAsync(ReplaceScript, keys, args).ConfigureAwait(false);
        if ((long)result != m) throw new InvalidOperationException($"Checkpoint replacement refused: {result}");
        _logger.LogInformation("Replaced checkpoints of [{Types}]: {Written} written, {Kept} kept, {Removed} removed",
            string.Join(",", grainTypes), m, keep?.Count ?? 0, n);
    }

    private const string ReplaceScript = """
        local n, m, t = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local at = 3 + 2 * n
        for i = 1, m do
          if redis.call('EXISTS', KEYS[n + i]) == 0 then return -i end
        end
        for i = 1, n do
          redis.call('DEL', KEYS[i])
          redis.call('HDEL', KEYS[n + 2 * m + tonumber(ARGV[3 + n + i])], ARGV[3 + i])
        end
        for i = 1, m do
          redis.call('RENAME', KEYS[n + i], KEYS[n + m + i])
          redis.call('PERSIST', KEYS[n + m + i])
          redis.call('HSET', KEYS[n + 2 * m + tonumber(ARGV[at + m + i])], ARGV[at + i], ARGV[at + 2 * m + i])
        end
        return m
        """;

    private GrainCheckpoint Decode(GrainId grain, byte[] value)
    {
        try
        {
            return GrainCheckpointCodec.Decode(value);
        }
        catch (FormatException e)
        {
            _logger.LogError(e, "Checkpoint of {Grain} is unreadable", grain);
            throw;
        }
    }
}
