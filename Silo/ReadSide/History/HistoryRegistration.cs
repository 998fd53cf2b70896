using Microsoft.Extensions.DependencyInjection.Extensions;
using Trading.Runtime.Configuration;
using Trading.Runtime.Storage.ClickHouse;

namespace Trading.Silo.ReadSide.History;

public static class HistoryRegistration
{
    /// <summary>The ClickHouse history exporter, when History:Enabled (default: on in Kafka mode, off in Embedded mode).</summary>
    public static IServiceCollection AddHistoryExport(this IServiceCollection services, IConfiguration configuration, ClusterMode mode)
    {
        var enabled = configuration.GetSection(HistoryOptions.Section).Get<HistoryOptions>()?.IsEnabled(mode) ?? mode == ClusterMode.Kafka;
        if (!enabled) return services;
        services.TryAddSingleton<ClickHouseClient>();
        services.TryAddSingleton<ClickHouseSchemaMigrator>();
        services.AddHostedService<HistoryExporterService>();
        return services;
    }
}
