using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Hosting;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Providers;

/// <summary>
/// Snapshot traffic (parts, documents, the writer's checkpoint reads) runs on a Redis connection of its own, so it
/// never queues ahead of the matching path's checkpoint saves on one socket; both read and write the same keys.
/// Against the real Redis (scripts/services.sh up).
/// </summary>
[Trait("Category", "Integration")]
public sealed class BulkRedisConnectionTests : IDisposable
{
    private readonly string _clusterId = TestServers.UniqueName("bulk");
    private readonly ServiceProvider _services;

    public BulkRedisConnectionTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.Configure<RedisOptions>(o =>
        {
            var redis = TestServers.Redis;
            o.Configuration = redis.Configuration;
            o.Database = redis.Database;
            o.KeyPrefix = redis.KeyPrefix;
        });
        collection.Configure<ClusterOptions>(o => o.ClusterId = _clusterId);
        collection.AddKafkaRedisProviders();
        _services = collection.BuildServiceProvider();
    }

    [Fact]
    public void Snapshot_store_and_snapshot_checkpoint_reads_use_a_connection_apart_from_the_checkpoint_saves()
    {
        var shared = _services.GetRequiredService<ConnectionMultiplexer>();
        var bulk = _services.GetRequiredService<BulkRedisConnection>().Connection;
        Assert.NotSame(shared, bulk);
        Assert.True(bulk.IsConnected);
        var source = _services.GetRequiredService<SnapshotCheckpointSource>().Store;
        Assert.IsType<RedisGrainStateStore>(source);
        Assert.NotSame(_services.GetRequiredService<IGrainStateStore>(), source);
        Assert.IsType<RedisSnapshotStore>(_services.GetRequiredService<ISnapshotStore>());
    }

    [Fact]
    public async Task A_checkpoint_saved_by_the_silo_reads_back_through_the_snapshot_source_with_its_offset()
    {
        var grain = new GrainId("Position", "bulk-1");
        var silo = _services.GetRequiredService<IGrainStateStore>();
        await silo.SaveAsync(grain, new GrainCheckpoint(3, 41, [1, 2, 3]));
        var source = _services.GetRequiredService<SnapshotCheckpointSource>().Store;
        var loaded = await source.LoadManyAsync([grain]);
        Assert.Equal(41, loaded[grain].NextOffset);
        Assert.Equal(new byte[] { 1, 2, 3 }, loaded[grain].Payload);
        Assert.Equal(41, (await source.ListOffsetsAsync("Position"))[grain.Key]);
    }

    [Fact]
    public void Embedded_providers_have_no_separate_source_and_the_writer_reads_the_silo_store()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddEmbeddedProviders();
        using var embedded = collection.BuildServiceProvider();
        Assert.Null(embedded.GetService<SnapshotCheckpointSource>());
    }

    public void Dispose()
    {
        var shared = _services.GetRequiredService<ConnectionMultiplexer>();
        var redis = TestServers.Redis;
        var db = shared.GetDatabase(redis.Database);
        foreach (var endpoint in shared.GetEndPoints())
        {
            var keys = shared.GetServer(endpoint).Keys(redis.Database, $"{redis.KeyPrefix}{_clusterId}:*", pageSize: 1000).ToArray();
            if (keys.Length > 0) db.KeyDelete(keys);
        }
        _services.Dispose();
    }
}
