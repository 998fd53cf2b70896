using Microsoft.Extensions.DependencyInjection;
using Trading.Runtime.Hosting;
using Trading.Runtime.Messaging;
using Trading.Runtime.Snapshots;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>The snapshot coordinator's name and message catalogue, shared by silo and gateway.</summary>
public static class SnapshotGrainTypes
{
    public const string Coordinator = "SnapshotCoordinator";

    public static void CoordinatorMessages(MessageTypeRegistry m) => m
        .Register<TakeSnapshot>().Register<GetSnapshotStatus>().Register<ListSnapshots>().Register<ConfigureSnapshotSchedule>()
        .Register<SnapshotPartReport>().Register<SnapshotStatus>().Register<SnapshotStatusList>();

    public static void StreamMessages(MessageTypeRegistry m) => m.Register<SnapshotCompleted>().Register<SnapshotFailed>().Register<SnapshotPublished>();

    public static IServiceCollection AddSnapshotCoordinatorInterface(this IServiceCollection services, string coordinatorTopic) =>
        services.AddGrainInterface<ISnapshotCoordinatorGrain>(Coordinator, coordinatorTopic, CoordinatorMessages);
}
