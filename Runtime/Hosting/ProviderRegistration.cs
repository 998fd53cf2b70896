using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Trading.Runtime.Configuration;
using Trading.Runtime.Snapshots;
using Trading.Runtime.Operations;
using Trading.Runtime.State;
using Trading.Runtime.Storage.Cache;
using Trading.Runtime.Streams;
using Trading.Runtime.Streams.InMemory;
using Trading.Runtime.Streams.Kafka;

namespace Trading.Runtime.Hosting;

/// <summary>Chooses the stream and state providers: in memory (embedded) or Kafka + Redis.</summary>
public static class ProviderRegistration
{
    /// <summary>Registers the providers the configured <see cref="ClusterOptions.Mode"/> asks for.</summary>
    public static IServiceCollection AddClusterProviders(this IServiceCollection services, ClusterMode mode) =>
        mode == ClusterMode.Embedded ? services.AddEmbeddedProviders() : services.AddKafkaRedisProviders();

    public static IServiceCollection AddEmbeddedProviders(this IServiceCollection services)
    {
        services.TryAddSingleton<IMessageLog>(sp => new InMemoryMessageLog(
            sp.GetRequiredService<IOptions<TopicOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<IGrainStateStore, InMemoryGrainStateStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMarketCache>(sp => new InMemoryMarketCache(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISnapshotStore, InMemorySnapshotStore>();
        services.TryAddSingleton<IOperationsControlStore, InMemoryOperationsControlStore>();
        return services;
    }

    public static IServiceCollection AddKafkaRedisProviders(this IServiceCollection services)
    {
        services.TryAddSingleton<IMessageLog>(sp => new KafkaMessageLog(
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => Connect(sp));
        services.TryAddSingleton(sp => new BulkRedisConnection(Connect(sp)));
        services.TryAddSingleton<IGrainStateStore>(sp => new RedisGrainStateStore(sp.GetRequiredService<ConnectionMultiplexer>(),
            CheckpointOptions(sp), sp.GetRequiredService<ILogger<RedisGrainStateStore>>()));
        services.TryAddSingleton(sp => new SnapshotCheckpointSource(new RedisGrainStateStore(
            sp.GetRequiredService<BulkRedisConnection>().Connection, CheckpointOptions(sp), sp.GetRequiredService<ILogger<RedisGrainStateStore>>())));
        services.TryAddSingleton<IMarketCache>(sp =>
            new RedisMarketCache(sp.GetRequiredService<ConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.TryAddSingleton<ISnapshotStore>(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var clusterId = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;
            return new RedisSnapshotStore(sp.GetRequiredService<BulkRedisConnection>().Connection, RedisSnapshotStore.KeyPrefixOf(redis, clusterId), redis.Database);
        });
        services.TryAddSingleton<IOperationsControlStore>(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var clusterId = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;
            return new RedisOperationsControlStore(sp.GetRequiredService<ConnectionMultiplexer>(), redis.Database, $"{redis.KeyPrefix}{clusterId}:");
        });
        return services;
    }

    private static ConnectionMultiplexer Connect(IServiceProvider sp) =>
        ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);

    /// <summary>Checkpoints belong to one cluster: its offsets mean nothing to another cluster's topics.</summary>
    private static RedisOptions CheckpointOptions(IServiceProvider sp) =>
        CheckpointOptions(sp.GetRequiredService<IOptions<RedisOptions>>().Value, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);

    /// <summary>The Redis settings of a cluster's grain checkpoints: its keys live under the cluster's prefix.</summary>
    public static RedisOptions CheckpointOptions(RedisOptions redis, string clusterId) =>
        new() { Configuration = redis.Configuration, Database = redis.Database, KeyPrefix = $"{redis.KeyPrefix}{clusterId}:" };
}
