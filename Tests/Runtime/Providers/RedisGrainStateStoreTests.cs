using StackExchange.Redis;
using Trading.Runtime.Grains;
using Trading.Runtime.State;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Providers;

/// <summary>
/// The state-store contract against the real Redis (scripts/services.sh up); a missing server fails
/// the tests. Each test writes under its own key prefix and removes its keys afterwards.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RedisGrainStateStoreTests : GrainStateStoreContract, IDisposable
{
    private readonly PrefixedRedisStore _redis = new("providers-test");
    private readonly ConnectionMultiplexer _connection;
    private readonly RedisGrainStateStore _store;
    private readonly string _prefix;

    public RedisGrainStateStoreTests()
    {
        _connection = _redis.Connection;
        _store = _redis.Store;
        _prefix = _redis.Prefix;
    }

    protected override IGrainStateStore Store => _store;

    [Fact]
    public async Task One_key_per_grain_holds_the_versioned_encoding()
    {
        var grain = new GrainId("Position", "77");
        await _store.SaveAsync(grain, new GrainCheckpoint(5, 99, [4, 2]));
        Assert.Equal($"{_prefix}grain:Position:77", _store.KeyOf(grain));
        var raw = (byte[]?)await _connection.GetDatabase(TestServers.Redis.Database).StringGetAsync(_store.KeyOf(grain));
        Assert.Equal(GrainCheckpointCodec.Encode(new GrainCheckpoint(5, 99, [4, 2])), raw);
        Assert.Throws<ArgumentException>(() => _store.KeyOf(new GrainId("Order:Book", "1")));
    }

    [Fact]
    public async Task Unreadable_stored_value_fails_the_load_instead_of_returning_wrong_state()
    {
        var grain = new GrainId("Position", "corrupt");
        await _connection.GetDatabase(TestServers.Redis.Database).StringSetAsync(_store.KeyOf(grain), new byte[] { 200, 1, 2 });
        await Assert.ThrowsAsync<FormatException>(() => _store.LoadAsync(grain));
    }

    public void Dispose() => _redis.Dispose();
}
