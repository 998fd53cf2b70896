using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Hosting;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Client;

public static class ClientRegistration
{
    /// <summary>Registers the cluster client; <paramref name="clientName"/> names its reply topic (stable per gateway).</summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services, string? clientName = null)
    {
        services.AddGrainTypes();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClusterClient>(sp =>
        {
            var cluster = sp.GetRequiredService<IOptions<ClusterOptions>>().Value;
            return new ClusterClient(sp.GetRequiredService<IMessageLog>(), sp.GetRequiredService<GrainTypeRegistry>(),
                cluster.ClusterId, clientName ?? cluster.ResolveSiloId(), sp.GetRequiredService<IOptions<RuntimeOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ClusterClient>>());
        });
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        return services;
    }
}
