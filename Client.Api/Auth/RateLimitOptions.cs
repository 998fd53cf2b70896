using System.ComponentModel.DataAnnotations;

namespace Trading.Client.Api.Auth;

/// <summary>A token bucket per API key (anonymous callers share one per remote address).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Tokens added per second.</summary>
    [Range(1, 10_000_000)]
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Bucket size: how many requests may come at once.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 100;
}
