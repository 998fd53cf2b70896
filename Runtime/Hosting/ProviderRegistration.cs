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
        services.TryAddSingleton(sp =>
        {
            var redis = ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            // 1.2.x completes every async call on one ordered worker by default, running the awaiting code there too: one
            // slow continuation (a grain turn after a checkpoint) then holds up every other Redis caller in the process.
            redis.PreserveAsyncOrder = false;
            return redis;
        });
        services.TryAddSingleton<IGrainStateStore>(sp =>
        {
            // Checkpoints belong to one cluster: its offsets mean nothing to another cluster's topics.
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var clusterId = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;
            var scoped = new RedisOptions { Configuration = redis.Configuration, Database = redis.Database, KeyPrefix = $"{redis.KeyPrefix}{clusterId}:" };
            return new RedisGrainStateStore(sp.GetRequiredService<ConnectionMultiplexer>(), scoped,
                sp.GetRequiredService<ILogger<RedisGrainStateStore>>());
        });
        services.TryAddSingleton<IMarketCache>(sp =>
            new RedisMarketCache(sp.GetRequiredService<ConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.TryAddSingleton<ISnapshotStore>(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var clusterId = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;
            return new RedisSnapshotStore(sp.GetRequiredService<ConnectionMultiplexer>(), $"{redis.KeyPrefix}{clusterId}:", redis.Database);
        });
        services.TryAddSingleton<IOperationsControlStore>(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var clusterId = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;
            return new RedisOperationsControlStore(sp.GetRequiredService<ConnectionMultiplexer>(), redis.Database, $"{redis.KeyPrefix}{clusterId}:");
        });
        return services;
    }
}
