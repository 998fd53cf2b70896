using System.Text.Json;
using Trading.Runtime.Messaging;

namespace Trading.Runtime.Storage.Cache;

/// <summary>Cached values are the JSON of the stream records (<see cref="MessageTypeRegistry.JsonOptions"/>).</summary>
public static class MarketCacheJson
{
    /// <summary>The value at <paramref name="key"/> read back as <typeparamref name="T"/>; null when absent. Throws <see cref="CacheUnavailableException"/>.</summary>
    public static async Task<T?> GetJsonAsync<T>(this IMarketCache cache, string key) where T : class
    {
        var json = await cache.GetAsync(key).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize<T>(json, MessageTypeRegistry.JsonOptions);
    }
}
