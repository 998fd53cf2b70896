namespace Trading.Runtime.Storage.Cache;

/// <summary>
/// The latest-data cache (Redis in the full mode, in memory in the embedded mode): string values, capped lists
/// (newest first) and hashes, each with an optional time to live. Writes go in batches.
/// </summary>
public interface IMarketCache
{
    ICacheBatch CreateBatch();

    Task<string?> GetAsync(string key);

    /// <summary>Sets the value only when the key is absent (a refill must not overwrite a newer write); true when it did.</summary>
    Task<bool> SetIfAbsentAsync(string key, string value, TimeSpan? ttl);

    /// <summary>The first <paramref name="count"/> entries of a list, newest first.</summary>
    Task<IReadOnlyList<string>> ListAsync(string key, int count);

    Task<IReadOnlyDictionary<string, string>> HashAsync(string key);

    /// <summary>Remaining time to live; null when the key is absent or does not expire.</summary>
    Task<TimeSpan?> TimeToLiveAsync(string key);
}

/// <summary>Writes queued and sent together; <see cref="ExecuteAsync"/> throws <see cref="CacheUnavailableException"/> when the cache is down.</summary>
public interface ICacheBatch
{
    int Count { get; }

    void Set(string key, string value, TimeSpan? ttl);

    /// <summary>Adds a value at the head of a list and trims the list to <paramref name="maxLength"/> entries.</summary>
    void Push(string key, string value, int maxLength, TimeSpan? ttl);

    void HashSet(string key, string field, string value, TimeSpan? ttl);

    void HashDelete(string key, string field);

    Task ExecuteAsync();
}
