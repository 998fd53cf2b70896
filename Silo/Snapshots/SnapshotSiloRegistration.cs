namespace Trading.Silo.Snapshots;

public static class SnapshotSiloRegistration
{
    /// <summary>The silo's snapshot services: the document assembler and the recovery agent.</summary>
    public static IServiceCollection AddSnapshotServices(this IServiceCollection services)
    {
        services.AddHostedService<SnapshotAssemblyService>();
        services.AddHostedService<RecoveryAgent>();
        return services;
    }
}
