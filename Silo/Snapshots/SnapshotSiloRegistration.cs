namespace Trading.Silo.Snapshots;

public static class SnapshotSiloRegistration
{
    /// <summary>The silo's snapshot services: the document assembler, the recovery agent and the schedule.</summary>
    public static IServiceCollection AddSnapshotServices(this IServiceCollection services)
    {
        services.AddHostedService<SnapshotAssemblyService>();
        services.AddHostedService<RecoveryAgent>();
        services.AddHostedService<SnapshotScheduleService>();
        return services;
    }
}
