using Microsoft.Extensions.DependencyInjection.Extensions;
using Trading.Grains.Interfaces.ReadSide;

namespace Trading.Silo.ReadSide.Cache;

public static class MarketCacheRegistration
{
    /// <summary>The latest-data cache writer and ticker refresher, when Cache:Enabled (the default).</summary>
    public static IServiceCollection AddMarketCacheWriter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMarketCacheKeys(configuration);
        if (!(configuration.GetSection(CacheOptions.Section).Get<CacheOptions>()?.Enabled ?? true)) return services;
        services.TryAddSingleton<TickerRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<TickerRefresher>());
        services.AddHostedService<MarketCacheService>();
        return services;
    }
}
