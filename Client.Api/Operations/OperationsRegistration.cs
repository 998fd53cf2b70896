using Microsoft.Extensions.DependencyInjection.Extensions;
using Trading.Runtime.Cluster;
using Trading.Runtime.Hosting;
using Trading.Runtime.Operations;

namespace Trading.Client.Api.Operations;

/// <summary>The gateway's Kafka operations: monitor views, consumption control, key indicators, alerts.</summary>
public static class OperationsRegistration
{
    /// <summary>Silo reports come from Redis when the host registered <see cref="RedisSiloReports"/> (full mode), else from the silo in this process.</summary>
    public static IServiceCollection AddKafkaOperations(this IServiceCollection services)
    {
        services.TryAddSingleton<ISiloReports, LocalSiloReports>();
        services.TryAddSingleton<IOperationsControlStore, InMemoryOperationsControlStore>();
        services.AddOperationsMetrics();
        services.TryAddSingleton<KafkaMonitor>();
        services.TryAddSingleton<KafkaConsumerControl>();
        services.TryAddSingleton<KeyIndicators>();
        services.TryAddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());
        return services;
    }
}
