using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;

namespace Trading.Grains.Interfaces.ReadSide;

/// <summary>The cache settings and key names, shared by the cache writer (silo) and the readers (gateway).</summary>
public static class CacheRegistration
{
    public static IServiceCollection AddMarketCacheKeys(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(MarketCacheKeys))) return services;
        services.AddStrictOptions<CacheOptions>(configuration, CacheOptions.Section);
        services.TryAddSingleton(sp =>
        {
            var cache = sp.GetRequiredService<IOptions<CacheOptions>>().Value;
            var venue = cache.Venue.Length > 0 ? cache.Venue : sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;
            return new MarketCacheKeys(sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix, venue);
        });
        return services;
    }
}
