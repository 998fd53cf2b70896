namespace Trading.Runtime.Storage.Cache;

/// <summary>
/// <see cref="IMarketCache"/> in process, for the embedded mode and tests: the same values, lists, hashes and
/// expiry (read from <see cref="TimeProvider"/>) as on Redis.
/// </summary>
public sealed class InMemoryMarketCache(TimeProvider clock) : IMarketCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ICacheBatch CreateBatch() => new Batch(this);

    public Task<string?> GetAsync(string key)
    {
        lock (_gate) return Task.FromResult(Live(key)?.Value);
    }

    public Task<bool> SetIfAbsentAsync(string key, string value, TimeSpan? ttl)
    {
        lock (_gate)
        {
            if (Live(key) is not null) return Task.FromResult(false);
            _entries[key] = new Entry { Value = value, ExpiresAt = ExpiryOf(ttl) };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync(string key, int count)
    {
        lock (_gate)
        {
            var list = Live(key)?.List;
            return Task.FromResult<IReadOnlyList<string>>(list is null ? [] : list.GetRange(0, Math.Min(count, list.Count)));
        }
    }

    public Task<IReadOnlyDictionary<string, string>> HashAsync(string key)
    {
        lock (_gate)
        {
            var hash = Live(key)?.Hash;
            return Task.FromResult<IReadOnlyDictionary<string, string>>(hash is null
                ? new Dictionary<string, string>()
                : new Dictionary<string, string>(hash, StringComparer.Ordinal));
        }
    }

    public Task<TimeSpan?> TimeToLiveAsync(string key)
    {
        lock (_gate)
        {
            var entry = Live(key);
            return Task.FromResult(entry?.ExpiresAt is { } at ? at - clock.GetUtcNow() : (TimeSpan?)null);
        }
    }

    private Entry? Live(string key)
    {
        if (!_entries.TryGetValue(key, out var entry)) return null;
        if (entry.ExpiresAt is { } at && at <= clock.GetUtcNow())
        {
            _entries.Remove(key);
            return null;
        }
        return entry;
    }

    private Entry Ensure(string key)
    {
        var entry = Live(key);
        if (entry is null) _entries[key] = entry = new Entry();
        return entry;
    }

    private DateTimeOffset? ExpiryOf(TimeSpan? ttl) => ttl is { } t ? clock.GetUtcNow() + t : null;

    private sealed class Entry
    {
        public string? Value;
        public List<string>? List;
        public Dictionary<string, string>? Hash;
        public DateTimeOffset? ExpiresAt;
    }

    private sealed class Batch(InMemoryMarketCache cache) : ICacheBatch
    {
        private readonly List<Action> _writes = new();

        public int Count => _writes.Count;

        public void Set(string key, string value, TimeSpan? ttl) =>
            _writes.Add(() => cache._entries[key] = new Entry { Value = value, ExpiresAt = cache.ExpiryOf(ttl) });

        public void Push(string key, string value, int maxLength, TimeSpan? ttl) => _writes.Add(() =>
        {
            var entry = cache.Ensure(key);
            var list = entry.List ??= new List<string>();
            list.Insert(0, value);
            if (list.Count > maxLength) list.RemoveRange(maxLength, list.Count - maxLength);
            if (ttl is not null) entry.ExpiresAt = cache.ExpiryOf(ttl);
        });

        public void HashSet(string key, string field, string value, TimeSpan? ttl) => _writes.Add(() =>
        {
            var entry = cache.Ensure(key);
            (entry.Hash ??= new Dictionary<string, string>(StringComparer.Ordinal))[field] = value;
            if (ttl is not null) entry.ExpiresAt = cache.ExpiryOf(ttl);
        });

        public void HashDelete(string key, string field) => _writes.Add(() =>
        {
            if (cache.Live(key)?.Hash is { } hash) hash.Remove(field);
        });

        public Task ExecuteAsync()
        {
            lock (cache._gate)
                foreach (var write in _writes) write();
            _writes.Clear();
            return Task.CompletedTask;
        }
    }
}
