using Microsoft.Extensions.DependencyInjection;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Hosting;

namespace Trading.Grains.Snapshots;

/// <summary>Hosts the snapshot coordinator in a silo.</summary>
public static class SnapshotRegistration
{
    public static IServiceCollection AddSnapshotCoordinator(this IServiceCollection services, string coordinatorTopic) => services
        .AddGrain<ISnapshotCoordinatorGrain, SnapshotCoordinatorGrain>(SnapshotGrainTypes.Coordinator, coordinatorTopic,
            SnapshotGrainTypes.CoordinatorMessages);
}
