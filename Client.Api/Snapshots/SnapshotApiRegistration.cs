using Microsoft.Extensions.DependencyInjection.Extensions;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Configuration;
using Trading.Runtime.Snapshots;

namespace Trading.Client.Api.Snapshots;

public static class SnapshotApiRegistration
{
    /// <summary>The snapshot endpoints' services; the snapshot store comes from the cluster providers (Redis or memory).</summary>
    public static IServiceCollection AddSnapshotApi(this IServiceCollection services, IConfiguration configuration)
    {
        var topics = configuration.GetSection(TopicOptions.Section).Get<TopicOptions>() ?? new TopicOptions();
        services.AddSnapshotCoordinatorInterface(topics.SnapshotCommands);
        services.TryAddSingleton<ISnapshotStore, InMemorySnapshotStore>();
        services.TryAddSingleton(sp => new RecoveryControl(sp.GetRequiredService<ISnapshotStore>()));
        services.TryAddSingleton<SnapshotOperations>();
        services.TryAddSingleton<SnapshotValidation>();
        services.TryAddSingleton<SnapshotRecovery>();
        return services;
    }
}
