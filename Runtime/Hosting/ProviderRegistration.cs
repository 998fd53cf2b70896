using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Trading.Runtime.Configuration;
using Trading.Runtime.State;
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
        return services;
    }

    public static IServiceCollection AddKafkaRedisProviders(this IServiceCollection services)
    {
        services.TryAddSingleton<IMessageLog>(sp => new KafkaMessageLog(
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration));
        services.TryAddSingleton<IGrainStateStore>(sp => new RedisGrainStateStore(
            sp.GetRequiredService<ConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisOptions>>().Value,
            sp.GetRequiredService<ILogger<RedisGrainStateStore>>()));
        return services;
    }
}
