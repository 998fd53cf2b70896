using StackExchange.Redis;
using Trading.Runtime.Grains;
using Trading.Runtime.State;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Providers;

/// <summary>
/// The checkpoint versions the Redis store keeps for snapshot cuts (copy on write), against the real Redis: a save keeps
/// the checkpoint it overwrites for the retained snapshots named, a snapshot reads its grains back as of its cut, a
/// released snapshot's versions go unless another retained snapshot refers to them, and a recovery's replacement keeps
/// them too. Each test writes under its own key prefix and removes its keys afterwards.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RedisSnapshotVersionTests : IDisposable
{
    private readonly PrefixedRedisStore _redis = new("versions-test");
    private readonly ConnectionMultiplexer _connection;
    private readonly RedisGrainStateStore _store;
    private readonly string _prefix;
    private static readonly GrainId Grain = new("Position", "42");

    public RedisSnapshotVersionTests()
    {
        _connection = _redis.Connection;
        _store = _redis.Store;
        _prefix = _redis.Prefix;
    }

    private Task SaveAsync(long nextOffset, byte payload, params string[] preserveFor) =>
        _store.SaveManyAsync([new(Grain, new GrainCheckpoint(3, nextOffset, [payload]))], [preserveFor]);

    private Task<byte[][]> AsOfAsync(string snapshotId, long nextOffset) =>
        _store.LoadAsOfAsync(snapshotId, Grain.Type, [new(Grain.Key, nextOffset)]);

    [Fact]
    public async Task A_save_keeps_the_checkpoint_a_retained_cut_refers_to_and_the_snapshot_reads_it_back()
    {
        await SaveAsync(10, 1);
        await _store.RecordCutAsync(new SnapshotCut("s1", Grain.Type, 3, 15));
        Assert.Equal([1], (await AsOfAsync("s1", 10))[0]); // still current

        await SaveAsync(20, 2, "s1");
        await SaveAsync(30, 3, "s1"); // the stored one (20) is after the cut: nothing more to keep, but the script must not clobber
        Assert.Equal([1], (await AsOfAsync("s1", 10))[0]);
        Assert.Equal(30, (await _store.LoadAsync(Grain))!.NextOffset);
        Assert.Equal([new SnapshotCut("s1", Grain.Type, 3, 15)], await _store.ListCutsAsync(Grain.Type));
        Assert.Empty(await _store.ListCutsAsync("OrderBook"));
    }

    [Fact]
    public async Task Without_the_copy_the_overwritten_version_is_gone_and_reading_it_fails()
    {
        await SaveAsync(10, 1);
        await _store.RecordCutAsync(new SnapshotCut("s1", Grain.Type, 3, 15));
        await SaveAsync(20, 2); // a save that names no snapshot keeps nothing
        var e = await Assert.ThrowsAsync<FormatException>(() => AsOfAsync("s1", 10));
        Assert.Contains("neither kept nor current", e.Message);
    }

    [Fact]
    public async Task A_snapshot_not_retained_gets_no_version()
    {
        await SaveAsync(10, 1);
        await SaveAsync(20, 2, "never-recorded");
        await Assert.ThrowsAsync<FormatException>(() => AsOfAsync("never-recorded", 10));
        Assert.Empty(await KeysAsync("grain-version:*"));
    }

    [Fact]
    public async Task Releasing_a_snapshot_deletes_its_versions_unless_another_retained_snapshot_refers_to_them()
    {
        await SaveAsync(10, 1);
        await _store.RecordCutAsync(new SnapshotCut("s1", Grain.Type, 3, 12));
        await _store.RecordCutAsync(new SnapshotCut("s2", Grain.Type, 3, 14));
        await SaveAsync(20, 2, "s1", "s2"); // both cuts refer to the checkpoint at 10: one version, shared

        await _store.ReleaseSnapshotAsync("s1");
        Assert.Equal([1], (await AsOfAsync("s2", 10))[0]);
        Assert.DoesNotContain(await _store.ListCutsAsync(Grain.Type), c => c.SnapshotId == "s1");

        await _store.ReleaseSnapshotAsync("s2");
        await Assert.ThrowsAsync<FormatException>(() => AsOfAsync("s2", 10));
        Assert.Empty(await KeysAsync("grain-version*"));
        Assert.Empty(await _store.ListCutsAsync(Grain.Type));

        await SaveAsync(30, 3, "s2"); // a save that still names a released snapshot keeps nothing
        Assert.Empty(await KeysAsync("grain-version*"));
    }

    [Fact]
    public async Task A_version_whose_offset_is_not_the_reference_is_refused()
    {
        await SaveAsync(10, 1);
        await _store.RecordCutAsync(new SnapshotCut("s1", Grain.Type, 3, 15));
        await SaveAsync(20, 2, "s1");
        var db = _connection.GetDatabase(TestServers.Redis.Database);
        await db.StringSetAsync($"{_prefix}grain-version:{Grain.Type}:10:{Grain.Key}", GrainCheckpointCodec.Encode(new GrainCheckpoint(3, 11, [9])));
        var e = await Assert.ThrowsAsync<FormatException>(() => AsOfAsync("s1", 10));
        Assert.Contains("holds offset 11", e.Message);
    }

    [Fact]
    public async Task A_recovery_replacing_the_checkpoints_keeps_the_versions_of_retained_cuts()
    {
        await SaveAsync(10, 1);
        await _store.RecordCutAsync(new SnapshotCut("s1", Grain.Type, 3, 15));
        await _store.ReplaceAllAsync([Grain.Type], [new(Grain, new GrainCheckpoint(3, 5, [7]))]);
        Assert.Equal([1], (await AsOfAsync("s1", 10))[0]);
        Assert.Equal([7], (await _store.LoadAsync(Grain))!.Payload);

        var other = new GrainId(Grain.Type, "43");
        await _store.SaveAsync(other, new GrainCheckpoint(3, 12, [8]));
        await _store.ReplaceAllAsync([Grain.Type], [new(Grain, new GrainCheckpoint(3, 5, [7]))], keep: []); // deletes 43
        Assert.Null(await _store.LoadAsync(other));
        Assert.Equal([8], (await _store.LoadAsOfAsync("s1", Grain.Type, [new(other.Key, 12)]))[0]);
    }

    private async Task<RedisKey[]> KeysAsync(string pattern)
    {
        var keys = new List<RedisKey>();
        foreach (var endpoint in _connection.GetEndPoints())
            await foreach (var key in _connection.GetServer(endpoint).KeysAsync(TestServers.Redis.Database, _prefix + pattern)) keys.Add(key);
        return [.. keys];
    }

    public void Dispose() => _redis.Dispose();
}
