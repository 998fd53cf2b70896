using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;
using Trading.Runtime.Operations;

namespace Trading.Runtime.Hosting;

/// <summary>DI registration of grain types, the silo runtime and its statistics.</summary>
public static class GrainRegistration
{
    /// <summary>
    /// Registers grain class <typeparamref name="TGrain"/> behind interface <typeparamref name="TInterface"/>
    /// under <paramref name="name"/>, consuming <paramref name="inputTopic"/>. <paramref name="messages"/>
    /// registers every message and reply type the grain accepts or answers with.
    /// </summary>
    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services, string name,
        string inputTopic, Action<MessageTypeRegistry> messages)
        where TInterface : IGrain
        where TGrain : Grain, TInterface
    {
        var registry = new MessageTypeRegistry();
        messages(registry);
        services.AddSingleton(new GrainTypeDescriptor
        {
            Name = name,
            InterfaceType = typeof(TInterface),
            GrainClass = typeof(TGrain),
            InputTopic = inputTopic,
            Factory = sp => ActivatorUtilities.CreateInstance<TGrain>(sp),
            Messages = registry,
        });
        services.TryAddSingleton(BuildRegistry);
        return services;
    }

    /// <summary>
    /// Registers a grain type this process only calls (a gateway): its name, interface, input topic and
    /// messages, but no implementation. A silo in the same process registering the implementation wins.
    /// </summary>
    public static IServiceCollection AddGrainInterface<TInterface>(this IServiceCollection services, string name,
        string inputTopic, Action<MessageTypeRegistry> messages)
        where TInterface : IGrain
    {
        var registry = new MessageTypeRegistry();
        messages(registry);
        services.AddSingleton(new GrainTypeDescriptor
        {
            Name = name,
            InterfaceType = typeof(TInterface),
            InputTopic = inputTopic,
            Messages = registry,
        });
        services.TryAddSingleton(BuildRegistry);
        return services;
    }

    /// <summary>The registry of every grain type, for clients and silos.</summary>
    public static IServiceCollection AddGrainTypes(this IServiceCollection services)
    {
        services.TryAddSingleton(BuildRegistry);
        return services;
    }

    /// <summary>
    /// Hosts every registered grain type in this process (a silo), following the operators' consumption control
    /// (<see cref="SiloControlService"/>, started first) from the providers' control store.
    /// </summary>
    public static IServiceCollection AddSiloRuntime(this IServiceCollection services)
    {
        services.TryAddSingleton<SiloStatistics>();
        services.TryAddSingleton(BuildRegistry);
        services.TryAddSingleton<SiloRuntime>();
        services.TryAddSingleton(sp => new Snapshots.RecoveryControl(sp.GetRequiredService<Snapshots.ISnapshotStore>()));
        services.TryAddSingleton(sp => new Snapshots.SnapshotPartWriter(
            sp.GetService<Snapshots.SnapshotCheckpointSource>()?.Store ?? sp.GetRequiredService<State.IGrainStateStore>(),
            sp.GetRequiredService<Snapshots.ISnapshotStore>(), sp.GetRequiredService<Streams.IMessageLog>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.SnapshotOptions>>().Value,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Snapshots.SnapshotPartWriter>>()));
        services.TryAddSingleton<IOperationsControlStore, InMemoryOperationsControlStore>();
        services.AddOperationsMetrics();
        services.AddHostedService<SiloControlService>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloRuntime>());
        return services;
    }

    /// <summary>The process's <see cref="IOperationsMetrics"/> (snapshot, recovery and validation figures).</summary>
    public static IServiceCollection AddOperationsMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOperationsMetrics, OperationsMetrics>();
        return services;
    }

    /// <summary>Publishes the silo's statistics to Redis with a TTL (full mode only: needs a Redis connection).</summary>
    public static IServiceCollection AddSiloStatisticsPublisher(this IServiceCollection services)
    {
        services.AddHostedService<SiloStatisticsPublisher>();
        return services;
    }

    private static GrainTypeRegistry BuildRegistry(IServiceProvider sp)
    {
        var registry = new GrainTypeRegistry();
        foreach (var d in sp.GetServices<GrainTypeDescriptor>()) registry.Add(d);
        return registry;
    }
}
