namespace Trading.Grains.MarketData;

/// <summary>
/// A candle length. Candles are aligned to the epoch: a trade at <c>t</c> ms belongs to the candle that
/// opens at <c>floor(t / Milliseconds) * Milliseconds</c> (UTC, so 4 h candles open at 00, 04, ... and 1 d at 00:00).
/// </summary>
public sealed record KlineInterval(string Name, long Milliseconds)
{
    public static readonly KlineInterval OneMinute = new("1m", 60_000);
    public static readonly KlineInterval FiveMinutes = new("5m", 5 * 60_000);
    public static readonly KlineInterval FifteenMinutes = new("15m", 15 * 60_000);
    public static readonly KlineInterval OneHour = new("1h", 60 * 60_000);
    public static readonly KlineInterval FourHours = new("4h", 4 * 60 * 60_000);
    public static readonly KlineInterval OneDay = new("1d", 24 * 60 * 60_000);

    public static IReadOnlyList<KlineInterval> All { get; } = [OneMinute, FiveMinutes, FifteenMinutes, OneHour, FourHours, OneDay];

    public static bool TryParse(string? name, out KlineInterval interval)
    {
        interval = All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal))!;
        return interval is not null;
    }

    /// <summary>Open time of the candle holding <paramref name="timestampMs"/> (floor division, also below zero).</summary>
    public long OpenTimeOf(long timestampMs)
    {
        var remainder = timestampMs % Milliseconds;
        return timestampMs - (remainder < 0 ? remainder + Milliseconds : remainder);
    }
}
