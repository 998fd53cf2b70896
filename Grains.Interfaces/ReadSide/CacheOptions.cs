using System.ComponentModel.DataAnnotations;

namespace Trading.Grains.Interfaces.ReadSide;

/// <summary>The latest-data cache (section <c>Cache</c>): what the cache writer keeps and for how long.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Runs the cache writer in the silo and serves public market reads from the cache.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The venue part of the keys (<c>market_data:tick:{venue}:{symbol}</c>); empty: the cluster id.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]*$")]
    public string Venue { get; set; } = "";

    /// <summary>Time to live of every cached key (the seed's 1 h); a quiet symbol's keys expire and reads fall back.</summary>
    [Range(1, 30 * 24 * 3600)]
    public int TtlSeconds { get; set; } = 3600;

    /// <summary>Trades kept per symbol in the recent-trades list.</summary>
    [Range(1, 10_000)]
    public int RecentTrades { get; set; } = 100;

    /// <summary>Candles kept per symbol and interval in <c>market_data:kline:...</c> (the current one and the closed ones before it).</summary>
    [Range(2, 1_000)]
    public int RecentKlines { get; set; } = 60;

    /// <summary>Shortest time between two ticker refreshes of a symbol (a ticker is asked from the book after trades).</summary>
    [Range(10, 60_000)]
    public int TickerIntervalMs { get; set; } = 200;

    /// <summary>A batch of cache writes goes out at this many events or after <see cref="BatchIntervalMs"/>.</summary>
    [Range(1, 100_000)]
    public int BatchEvents { get; set; } = 1000;

    [Range(1, 10_000)]
    public int BatchIntervalMs { get; set; } = 50;

    /// <summary>Backoff between attempts while the cache is down: doubled from RetryInitialMs up to RetryMaxMs.</summary>
    [Range(1, 60_000)]
    public int RetryInitialMs { get; set; } = 100;

    [Range(1, 600_000)]
    public int RetryMaxMs { get; set; } = 5_000;
}
