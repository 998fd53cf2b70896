using StackExchange.Redis;
using Trading.Runtime.State;

namespace Trading.Tests.Infrastructure;

/// <summary>
/// A checkpoint store on the real Redis under a key prefix of its own (scripts/services.sh up; a missing server fails
/// at once), whose keys are deleted when it is disposed.
/// </summary>
public sealed class PrefixedRedisStore : IDisposable
{
    public PrefixedRedisStore(string name)
    {
        Prefix = TestServers.UniqueName(name) + ":";
        var options = TestServers.Redis;
        options.KeyPrefix = Prefix;
        // abortConnect=false in the shared configuration would let a missing server surface only as timeouts; fail fast instead.
        // A generous sync timeout: the clean-up scans while other suites keep the shared Redis busy.
        Connection = ConnectionMultiplexer.Connect(options.Configuration.Replace("abortConnect=false", "abortConnect=true") + ",syncTimeout=10000");
        Store = new RedisGrainStateStore(Connection, options);
    }

    public string Prefix { get; }
    public ConnectionMultiplexer Connection { get; }
    public RedisGrainStateStore Store { get; }
    public IDatabase Database => Connection.GetDatabase(TestServers.Redis.Database);

    public void Dispose()
    {
        var database = TestServers.Redis.Database;
        foreach (var endpoint in Connection.GetEndPoints())
        {
            var keys = Connection.GetServer(endpoint).Keys(database, Prefix + "*", pageSize: 1000).ToArray();
            if (keys.Length > 0) Database.KeyDelete(keys);
        }
        Connection.Dispose();
    }
}
