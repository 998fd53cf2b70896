using StackExchange.Redis;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Storage.Cache;

/// <summary><see cref="IMarketCache"/> on Redis: a batch is one pipelined round trip (StackExchange.Redis batches).</summary>
public sealed class RedisMarketCache(ConnectionMultiplexer redis, RedisOptions options) : IMarketCache
{
    private IDatabase Db => redis.GetDatabase(options.Database);

    public ICacheBatch CreateBatch() => new Batch(Db);

    public Task<string?> GetAsync(string key) => Guard(async () => (string?)await Db.StringGetAsync(key).ConfigureAwait(false));

    public Task<bool> SetIfAbsentAsync(string key, string value, TimeSpan? ttl) =>
        Guard(() => Db.StringSetAsync(key, value, ttl, When.NotExists));

    public Task<IReadOnlyList<string>> ListAsync(string key, int count) => Guard(async () =>
    {
        var values = await Db.ListRangeAsync(key, 0, count - 1).ConfigureAwait(false);
        var list = new List<string>(values.Length);
        foreach (var v in values) list.Add(v!);
        return (IReadOnlyList<string>)list;
    });

    public Task<IReadOnlyDictionary<string, string>> HashAsync(string key) => Guard(async () =>
    {
        var entries = await Db.HashGetAllAsync(key).ConfigureAwait(false);
        var map = new Dictionary<string, string>(entries.Length, StringComparer.Ordinal);
        foreach (var e in entries) map[e.Name!] = e.Value!;
        return (IReadOnlyDictionary<string, string>)map;
    });

    public Task<TimeSpan?> TimeToLiveAsync(string key) => Guard(() => Db.KeyTimeToLiveAsync(key));

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new CacheUnavailableException($"Redis: {e.Message}", e);
        }
    }

    private sealed class Batch(IDatabase db) : ICacheBatch
    {
        private readonly List<Action<IBatch, List<Task>>> _writes = new();

        public int Count => _writes.Count;

        public void Set(string key, string value, TimeSpan? ttl) =>
            _writes.Add((b, tasks) => tasks.Add(b.StringSetAsync(key, value, ttl is { } t ? new Expiration(t) : Expiration.Default)));

        public void Push(string key, string value, int maxLength, TimeSpan? ttl) => _writes.Add((b, tasks) =>
        {
            tasks.Add(b.ListLeftPushAsync(key, value));
            tasks.Add(b.ListTrimAsync(key, 0, maxLength - 1));
            if (ttl is { } t) tasks.Add(b.KeyExpireAsync(key, t));
        });

        public void HashSet(string key, string field, string value, TimeSpan? ttl) => _writes.Add((b, tasks) =>
        {
            tasks.Add(b.HashSetAsync(key, field, value));
            if (ttl is { } t) tasks.Add(b.KeyExpireAsync(key, t));
        });

        public void HashDelete(string key, string field) => _writes.Add((b, tasks) => tasks.Add(b.HashDeleteAsync(key, field)));

        public async Task ExecuteAsync()
        {
            if (_writes.Count == 0) return;
            var batch = db.CreateBatch();
            var tasks = new List<Task>(_writes.Count * 2);
            foreach (var write in _writes) write(batch, tasks);
            try
            {
                batch.Execute();
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                throw new CacheUnavailableException($"Redis: {e.Message}", e);
            }
            _writes.Clear();
        }
    }
}
